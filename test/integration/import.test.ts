import carers from '../../domain/case-types/carers-support-payment';
import { parseRows } from '../../workers/import/rows';
import { openTestApi, type TestApi } from '../support/api';

/** Bulk import through the API: the same intake for every row, exceptions for the rest. */
const flatten = (answers: Record<string, unknown>): Record<string, string> =>
  Object.fromEntries(
    Object.entries(answers).flatMap(([k, v]) =>
      typeof v === 'object' && v !== null
        ? Object.entries(v).map(([inner, x]) => [`${k}.${inner}`, String(x)])
        : [[k, String(v)]],
    ),
  );

const csvOf = (rows: Record<string, string>[]) => {
  const columns = [...new Set(rows.flatMap((r) => Object.keys(r)))];
  const quote = (v: string) => (/[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
  return [
    columns.join(','),
    ...rows.map((r) => columns.map((c) => quote(r[c] ?? '')).join(',')),
  ].join('\r\n');
};

describe('bulk import', () => {
  let api: TestApi;
  let leader: string;
  let caseworker: string;
  beforeAll(async () => {
    api = await openTestApi('import');
    leader = await api.staffToken({
      id: 'tia',
      name: 'Tia Lead',
      role: 'team_leader',
      teams: ['carer-claims'],
    });
    caseworker = await api.staffToken({
      id: 'cal',
      name: 'Cal Work',
      role: 'caseworker',
      teams: ['carer-claims'],
    });
  });
  afterAll(async () => api.close());

  const example = flatten(carers.example);
  const backlog = csvOf([
    { ref: 'PAPER-1', ...example, firstName: 'Agnes', address: '' },
    { ref: 'PAPER-2', ...example, firstName: 'Bridget, "Bridie"' },
    { ref: 'PAPER-3', ...example, nationalInsuranceNumber: 'not a NINO' },
  ]);
  const upload = (
    token: string,
    body: string,
    type = 'text/csv',
    query = `service=${carers.id}&channel=post&key=ref`,
  ) =>
    api.app.inject({
      method: 'POST',
      url: `/api/v1/imports?${query}`,
      headers: { authorization: `Bearer ${token}`, 'content-type': type },
      payload: body,
    });

  it('reads quoted CSV fields and nested address columns', () => {
    const [first, second] = parseRows(backlog, 'csv');
    expect(first).toMatchObject({
      line: 2,
      row: { ref: 'PAPER-1', address: { postcode: 'G12 8QQ' } },
    });
    expect(second!.row.firstName).toBe('Bridget, "Bridie"');
  });

  it('imports every valid row once, and turns the others into exceptions to mend', async () => {
    const first = await upload(leader, backlog);
    expect(first.statusCode).toBe(200);
    expect(first.json()).toEqual({
      rows: 3,
      imported: 2,
      alreadyImported: 0,
      exceptions: 1,
      exceptionLines: [4],
    });
    const again = await upload(leader, backlog);
    expect(again.json()).toMatchObject({ imported: 0, alreadyImported: 2, exceptions: 1 });

    const listed = await api.graphql(
      caseworker,
      '{ importExceptions(service: "carers-support-payment") { id line channel errors { path message } row } }',
    );
    const exceptions = listed.data?.importExceptions as {
      id: string;
      line: number;
      row: Record<string, unknown>;
    }[];
    expect(exceptions).toHaveLength(1);
    expect(exceptions[0]).toMatchObject({
      line: 4,
      channel: 'post',
      errors: [expect.objectContaining({ path: ['answers', 'nationalInsuranceNumber'] })],
      row: { ref: 'PAPER-3', nationalInsuranceNumber: 'not a NINO' },
    });

    const mend = (answers: Record<string, unknown>) =>
      api.graphql(
        caseworker,
        'mutation($id: ID!, $a: JSON!) { resolveImportException(id: $id, answers: $a) { reference created } }',
        { id: exceptions[0]!.id, a: answers },
      );
    const stillWrong = await mend({ ...carers.example, nationalInsuranceNumber: 'still wrong' });
    expect(stillWrong.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT' });
    const mended = await mend(carers.example);
    expect(mended.data?.resolveImportException).toMatchObject({ created: true });
    const left = await api.graphql(caseworker, '{ importExceptions { id } }');
    expect(left.data?.importExceptions).toEqual([]);
    // The row's copy is gone once dealt with.
    const { rows } = await api.pool.query<{ sealed_row: unknown }>(
      'select sealed_row from import_exceptions',
    );
    expect(rows.map((r) => r.sealed_row)).toEqual([{}]);
  });

  it('takes JSON Lines from an integrator, and lets a caseworker discard a row nobody can mend', async () => {
    const portal = await api.apiKey('legacy-export', ['intake']);
    const lines = [JSON.stringify({ ...carers.example, firstName: 'Jess' }), '{not json'].join(
      '\n',
    );
    const result = await upload(
      portal,
      lines,
      'application/x-ndjson',
      `service=${carers.id}&channel=web`,
    );
    expect(result.json()).toMatchObject({
      rows: 2,
      imported: 1,
      exceptions: 1,
      exceptionLines: [2],
    });
    const listed = await api.graphql(caseworker, '{ importExceptions { id row } }');
    const [unparsed] = listed.data?.importExceptions as { id: string; row: unknown }[];
    expect(unparsed!.row).toEqual({ unparsed: '{not json' });
    const discarded = await api.graphql(
      caseworker,
      'mutation($id: ID!) { discardImportException(id: $id, reason: "Corrupt export line") }',
      { id: unparsed!.id },
    );
    expect(discarded.data?.discardImportException).toBe(true);
  });

  it('refuses uploads it cannot take, with every problem named', async () => {
    expect((await upload(caseworker, backlog)).statusCode).toBe(403);
    const bad = await upload(leader, backlog, 'text/plain', 'service=&channel=pigeon');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors.map((e: { path: unknown[] }) => e.path)).toEqual(
      expect.arrayContaining([
        ['query', 'service'],
        ['query', 'channel'],
        ['headers', 'content-type'],
      ]),
    );
    const unknownService = await upload(
      leader,
      backlog,
      'text/csv',
      'service=fishing&channel=post',
    );
    expect(unknownService.statusCode).toBe(400);
  });
});

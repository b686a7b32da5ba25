import carers from '../../domain/case-types/carers-support-payment';
import { submitApplication } from '../../eventstore/intake';
import { openTestApi, type Gql, type TestApi } from '../support/api';
import { expectCaughtUp } from '../support/caught-up';
import { runProjections } from '../support/projections';

/**
 * What used to get in and stop the back office, or answer with a 500: each is refused at
 * the door with a 4xx (REST problem+json) or a GraphQL error with a code and the field's
 * path, in words a person can act on. Afterwards nothing is stored, every projection is at
 * the head of the log and the instance is ready.
 */
describe('refused at the door', () => {
  let api: TestApi;
  let key: string;
  let caseworker: string;
  let auditor: string;
  let admin: string;
  let caseId: string;
  let projections: Awaited<ReturnType<typeof runProjections>>;
  const eventCount = async () =>
    Number((await api.pool.query('select count(*) from events')).rows[0].count);

  beforeAll(async () => {
    api = await openTestApi('door');
    key = await api.apiKey('council-forms');
    caseworker = await api.staffToken({
      id: 'aisha.khan',
      name: 'Aisha Khan',
      role: 'caseworker',
      teams: ['carer-claims'],
    });
    auditor = await api.staffToken({ id: 'audrey', name: 'Audrey', role: 'auditor', teams: [] });
    admin = await api.staffToken({ id: 'ruth', name: 'Ruth', role: 'admin', teams: [] });
    projections = await runProjections(api.pool, api.store, api.db.schema);
    ({ caseId } = await submitApplication(api, {
      service: carers.id,
      channel: 'web',
      answers: carers.example,
      idempotencyKey: 'the-one-good-case',
      actor: { id: 'council-forms', role: 'integrator' },
    }));
  });
  afterAll(async () => {
    await projections.stop();
    await api.close();
  });

  const post = (body: unknown, raw?: string) =>
    api.app.inject({
      method: 'POST',
      url: '/api/v1/applications',
      headers: {
        authorization: `Bearer ${key}`,
        'idempotency-key': `door-${Math.random()}`,
        'content-type': 'application/json',
      },
      payload: raw ?? JSON.stringify(body),
    });
  const application = (change: Record<string, unknown>, answers: Record<string, unknown> = {}) => ({
    service: carers.id,
    channel: 'web',
    answers: { ...carers.example, ...answers },
    ...change,
  });
  const deep = (depth: number) => `${'['.repeat(depth)}${']'.repeat(depth)}`;

  it.each([
    [
      'a submission in year 0',
      application({ submittedAt: '0000-01-01T00:00:00Z' }),
      ['body', 'submittedAt'],
    ],
    [
      'a submission in 9999',
      application({ submittedAt: '9999-12-31T23:59:59Z' }),
      ['body', 'submittedAt'],
    ],
    [
      'an extended year',
      application({ submittedAt: '+002026-03-02T09:00:00Z' }),
      ['body', 'submittedAt'],
    ],
    [
      'a submission in the future',
      application({ submittedAt: '2026-03-02T11:00:00Z' }),
      ['submittedAt'],
    ],
    [
      'a submission before the service',
      application({ submittedAt: '2017-01-01T09:00:00Z' }),
      ['submittedAt'],
    ],
    [
      'a lone surrogate in a name',
      application({}, { firstName: '\ud800Lone' }),
      ['answers', 'firstName'],
    ],
    [
      'a control character in a name',
      application({}, { lastName: 'Sam\u0007ple' }),
      ['answers', 'lastName'],
    ],
    [
      'a date of birth after the submission',
      application({}, { dateOfBirth: '2026-03-03' }),
      ['answers', 'dateOfBirth'],
    ],
    [
      'a date of birth in year 0',
      application({}, { dateOfBirth: '0000-01-01' }),
      ['answers', 'dateOfBirth'],
    ],
    [
      'a broken external reference',
      application({ externalReference: 'REF\ud83d' }),
      ['body', 'externalReference'],
    ],
  ])('REST refuses %s with a 400 naming the field', async (_what, body, path) => {
    const response = await post(body);
    expect(response.statusCode).toBe(400);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    const problem = response.json();
    expect(problem.code).toBe('BAD_USER_INPUT');
    expect(problem.errors.map((e: { path: unknown }) => e.path)).toContainEqual(path);
    expect(problem.errors.every((e: { message: string }) => e.message.length > 5)).toBe(true);
  });

  it('refuses JSON nested deeper than anything the back office reads, before walking it', async () => {
    const body = `{"service":"${carers.id}","channel":"web","answers":{"firstName":${deep(5000)}}}`;
    const response = await post(undefined, body);
    expect(response.statusCode).toBe(400);
    expect(response.json().detail).toMatch(/nested more than 32 levels/);
  });

  const gql = (token: string, query: string, variables: Record<string, unknown> = {}) =>
    api.graphql(token, query, variables);
  const refusal = (result: Gql) => {
    expect(result.errors).toHaveLength(1);
    const [error] = result.errors ?? [];
    return {
      code: error?.extensions.code,
      paths: ((error?.extensions.fieldErrors ?? []) as { path: unknown[] }[]).map((f) => f.path),
    };
  };
  const cursor = (after: string[]) =>
    Buffer.from(JSON.stringify({ sort: 'priority:asc', after })).toString('base64url');
  const uuid = '0b9a7c1e-8d4f-4c7e-9a51-2f0d6b3e9c11';

  it.each([
    [
      'a keyed submission in year 0',
      () => caseworker,
      'mutation($i: SubmitApplicationInput!) { submitApplication(input: $i) { reference } }',
      () => ({
        i: {
          ...application({ submittedAt: '0000-01-01T00:00:00Z' }),
          channel: 'post',
          idempotencyKey: 'k1',
        },
      }),
      ['submittedAt'],
    ],
    [
      'a received-date filter of year 0',
      () => caseworker,
      'query($f: CaseFilter) { queue(filter: $f) { totalCount } }',
      () => ({ f: { receivedFrom: '0000-01-01' } }),
      ['filter', 'receivedFrom'],
    ],
    [
      'a cursor carrying a date of year 0',
      () => caseworker,
      'query($a: String) { queue(after: $a) { totalCount } }',
      () => ({ a: cursor(['1', '0000-01-01', '2026-03-02T09:00:00.000000Z', uuid]) }),
      ['after'],
    ],
    [
      'a cursor carrying a number past its column',
      () => caseworker,
      'query($a: String) { queue(after: $a) { totalCount } }',
      () => ({ a: cursor(['99999', '2026-03-02', '2026-03-02T09:00:00.000000Z', uuid]) }),
      ['after'],
    ],
    [
      'caseAsOf a time that is no time',
      () => caseworker,
      'query($c: ID!) { caseAsOf(caseId: $c, time: "x") { revision } }',
      () => ({ c: caseId }),
      ['time'],
    ],
    [
      'caseAsOf a revision past any bigint',
      () => caseworker,
      'query($c: ID!) { caseAsOf(caseId: $c, revision: "99999999999999999999") { revision } }',
      () => ({ c: caseId }),
      ['revision'],
    ],
    [
      'management information from year 0',
      () => auditor,
      '{ managementInformation(from: "0000-01-01", to: "2026-03-01") { totals { submitted } } }',
      () => ({}),
      ['from'],
    ],
    [
      'time to decision from year 0',
      () => auditor,
      '{ timeToDecision(from: "0000-01-01", to: "2026-03-01") { decisions } }',
      () => ({}),
      ['from'],
    ],
    [
      'a note with a lone surrogate',
      () => caseworker,
      'mutation($c: CaseChange!, $t: String!) { addNote(change: $c, text: $t) { revision } }',
      () => ({ c: { caseId, expectedRevision: '0' }, t: 'Called \udc00back' }),
      ['text'],
    ],
    [
      'an import exception discarded for a reason with a control character',
      () => caseworker,
      'mutation($r: String!) { discardImportException(id: "6f1c3a2b-1b4e-4f5a-9c7d-2e1f0a9b8c7d", reason: $r) }',
      () => ({ r: 'Duplicate\u0007' }),
      ['reason'],
    ],
    [
      'an API key named with a lone surrogate',
      () => admin,
      'mutation($n: String!) { createApiKey(name: $n, scopes: [intake]) { key } }',
      () => ({ n: 'Forms \ud83d' }),
      ['name'],
    ],
  ])(
    'GraphQL refuses %s as BAD_USER_INPUT at its path',
    async (_what, token, query, variables, path) => {
      expect(refusal(await gql(token(), query, variables()))).toEqual({
        code: 'BAD_USER_INPUT',
        paths: [path],
      });
    },
  );

  it('keeps an imported line too deep to read as an exception to mend, not a failed import', async () => {
    const response = await api.app.inject({
      method: 'POST',
      url: `/api/v1/imports?service=${carers.id}&channel=post`,
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/x-ndjson' },
      payload: `{"firstName": ${deep(5000)}}\n`,
    });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ rows: 1, imported: 0, exceptions: 1 });
  });

  it('answers an access log of an id that is no case id with NOT_FOUND', async () => {
    const result = await gql(auditor, '{ accessLog(caseId: "not-a-uuid") { reads } }');
    expect(refusal(result).code).toBe('NOT_FOUND');
  });

  it('refuses a deeply nested GraphQL literal without a 500', async () => {
    const response = await api.app.inject({
      method: 'POST',
      url: '/graphql',
      headers: { authorization: `Bearer ${caseworker}`, 'content-type': 'application/json' },
      payload: {
        query: `mutation { amendAnswers(change: { caseId: "${caseId}", expectedRevision: "0" }, changes: { firstName: ${deep(5000)} }, reason: "x") { revision } }`,
      },
    });
    expect(response.statusCode).toBeLessThan(500);
    for (const error of response.json().errors) expect(error.extensions.code).not.toBe('INTERNAL');
  });

  it('leaves nothing stored, every projection at the head and the instance ready', async () => {
    expect(await eventCount()).toBe(1);
    await expectCaughtUp(api.pool, api.store, projections.names);
    expect((await api.app.inject('/health/ready')).statusCode).toBe(200);
  });
});

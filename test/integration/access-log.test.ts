import carers from '../../domain/case-types/carers-support-payment';
import { submitApplication } from '../../eventstore/intake';
import { waitForProjections } from '../../projections/checkpoints';
import { openTestApi, type TestApi } from '../support/api';
import { runProjections } from '../support/projections';

/**
 * The access log counts every read of a case's personal data, but a case page that stays
 * open (reading the case again on each change) or is reloaded shows as one entry running
 * from the first read to the latest, not one row per refresh.
 */
describe('access log', () => {
  let api: TestApi;
  let projections: Awaited<ReturnType<typeof runProjections>>;
  let caseId = '';
  let reference = '';
  const tokens: Record<string, string> = {};
  const read = (who: string, field = 'case(id: $id) { reference }') =>
    api.graphql(tokens[who]!, `query ($id: ID!) { ${field} }`, { id: caseId });
  const log = async () =>
    (
      await api.graphql(
        tokens.audrey!,
        'query ($id: ID!) { accessLog(caseId: $id) { actorId operation at lastAt reads } }',
        { id: caseId },
      )
    ).data!.accessLog as {
      actorId: string;
      operation: string;
      at: string;
      lastAt: string;
      reads: number;
    }[];

  beforeAll(async () => {
    api = await openTestApi('accesslog');
    projections = await runProjections(api.pool, api.store, api.db.schema);
    for (const [id, role] of [
      ['alice', 'caseworker'],
      ['tariq', 'team_leader'],
      ['audrey', 'auditor'],
    ] as const) {
      tokens[id] = await api.staffToken({ id, name: id, role, teams: ['carer-claims'] });
    }
    ({ caseId, reference } = await submitApplication(api, {
      service: carers.id,
      channel: 'web',
      answers: carers.example,
      idempotencyKey: 'access-log',
      actor: { id: 'web', role: 'integrator' },
    }));
    await waitForProjections(api.pool, projections.names, await api.store.headPosition(), 10_000);
  });
  afterAll(async () => {
    await projections.stop();
    await api.close();
  });

  it('counts repeated reads by one person through one operation in one entry', async () => {
    for (let i = 0; i < 3; i++) expect((await read('alice')).errors).toBeUndefined();
    await read('alice', 'auditTrail(caseId: $id) { type }');
    await read('tariq');
    const entries = await log();
    expect(entries.map(({ actorId, operation, reads }) => ({ actorId, operation, reads }))).toEqual(
      [
        { actorId: 'alice', operation: 'case', reads: 3 },
        { actorId: 'alice', operation: 'auditTrail', reads: 1 },
        { actorId: 'tariq', operation: 'case', reads: 1 },
      ],
    );
    const [repeated, single] = entries;
    expect(Date.parse(repeated!.lastAt)).toBeGreaterThan(Date.parse(repeated!.at));
    expect(single!.lastAt).toBe(single!.at);
  });

  it('starts a new entry for a read after five minutes without one', async () => {
    await api.pool.query(
      `update access_log set at = at - interval '6 minutes', last_at = last_at - interval '6 minutes'
       where actor_id = 'alice' and operation = 'case'`,
    );
    await read('alice');
    const aliceReads = (await log()).filter((e) => e.actorId === 'alice' && e.operation === 'case');
    expect(aliceReads.map((e) => e.reads)).toEqual([3, 1]);
  });

  it("records the rows of a queue page and of search results, and a change's result, each once", async () => {
    const before = (await log()).length;
    const listed = await api.graphql(tokens.tariq!, '{ queue(first: 10) { nodes { caseId } } }');
    expect(listed.errors).toBeUndefined();
    const found = await api.graphql(
      tokens.tariq!,
      'query($q: String!) { search(query: $q) { nodes { caseId } } }',
      { q: reference },
    );
    expect(found.errors).toBeUndefined();
    const assigned = await api.graphql(
      tokens.tariq!,
      'mutation($c: CaseChange!) { assignCase(change: $c, assignee: "alice") { case { answers } } }',
      { c: { caseId, expectedRevision: '0' } },
    );
    expect(assigned.errors).toBeUndefined();
    const added = (await log())
      .slice(before)
      .filter((e) => e.actorId === 'tariq')
      .map(({ operation, reads }) => ({ operation, reads }));
    expect(added).toEqual([
      { operation: 'queue', reads: 1 },
      { operation: 'search', reads: 1 },
      { operation: 'assignCase', reads: 1 },
    ]);
  });
});

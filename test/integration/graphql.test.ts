import carers from '../../domain/case-types/carers-support-payment';
import { loadCase } from '../../eventstore/case-history';
import { waitForProjections } from '../../projections/checkpoints';
import { openTestApi, type TestApi } from '../support/api';
import { runProjections } from '../support/projections';

type Gql = {
  data?: Record<string, unknown> | null;
  errors?: { message: string; path?: string[]; extensions: Record<string, unknown> }[];
};

describe('GraphQL API', () => {
  let api: TestApi;
  let projections: Awaited<ReturnType<typeof runProjections>>;
  const tokens: Record<string, string> = {};
  const gql = async (
    who: string | null,
    query: string,
    variables: Record<string, unknown> = {},
  ): Promise<Gql> => {
    const response = await api.app.inject({
      method: 'POST',
      url: '/graphql',
      headers: {
        'content-type': 'application/json',
        ...(who ? { authorization: `Bearer ${tokens[who]}` } : {}),
      },
      payload: { query, variables },
    });
    return response.json();
  };
  /** Waits until the projections have applied the case's latest event. */
  const caughtUpWith = async (caseId: string) => {
    const { events } = await loadCase(api.store, caseId);
    return waitForProjections(
      api.pool,
      projections.names,
      events[events.length - 1]!.position,
      10_000,
    );
  };
  const CASE = `caseId reference status assignee team revision clocks { clock deadlineOn } answers`;

  beforeAll(async () => {
    api = await openTestApi('graphql');
    projections = await runProjections(api.pool, api.store, api.db.schema);
    const staff = {
      alice: { id: 'alice', name: 'Alice Ng', role: 'caseworker', teams: ['carer-claims'] },
      bob: { id: 'bob', name: 'Bob Reid', role: 'caseworker', teams: ['student-carers'] },
      tariq: { id: 'tariq', name: 'Tariq Aziz', role: 'team_leader', teams: ['carer-claims'] },
      audrey: { id: 'audrey', name: 'Audrey Hale', role: 'auditor', teams: [] },
    } as const;
    for (const [key, user] of Object.entries(staff))
      tokens[key] = await api.staffToken({ ...user, teams: [...user.teams] });
  });
  afterAll(async () => {
    await projections.stop();
    await api.close();
  });

  it('works a case from phone intake through take-next, four-eyes approval and audit', async () => {
    const me = await gql('alice', '{ me { id role teams } services { id fields { id } } }');
    expect(me.data).toMatchObject({
      me: { id: 'alice', role: 'caseworker', teams: ['carer-claims'] },
    });

    const submitted = await gql(
      'alice',
      `mutation($input: SubmitApplicationInput!) { submitApplication(input: $input) { caseId reference created revision } }`,
      {
        input: {
          service: carers.id,
          channel: 'phone',
          answers: carers.example,
          idempotencyKey: 'call-0931',
        },
      },
    );
    const { caseId, reference } = submitted.data!.submitApplication as {
      caseId: string;
      reference: string;
    };
    expect(reference).toMatch(/^CSP-/);
    expect(await caughtUpWith(caseId)).toBe(true);

    const queue = await gql(
      'alice',
      '{ queue(queue: team_unallocated) { totalCount nodes { reference slaState } } queueCounts { queue count } }',
    );
    expect(queue.data!.queue).toMatchObject({
      totalCount: 1,
      nodes: [{ reference, slaState: 'on_track' }],
    });

    const taken = await gql('alice', '{ __typename }');
    expect(taken.errors).toBeUndefined();
    const next = await gql('alice', 'mutation { takeNextCase { caseId reference revision } }');
    expect(next.data!.takeNextCase).toMatchObject({ caseId, reference, revision: '1' });
    // The case opens already showing who took it (read-your-writes).
    const opened = await gql('alice', `{ case(id: "${caseId}") { assignee revision } }`);
    expect(opened.data!.case).toEqual({ assignee: 'alice', revision: '1' });

    const stale = await gql(
      'alice',
      `mutation { addNote(change: { caseId: "${caseId}", expectedRevision: "0" }, text: "Called") { revision } }`,
    );
    expect(stale.errors![0]!.extensions).toMatchObject({ code: 'CONFLICT', currentRevision: '1' });

    const bad = await gql(
      'alice',
      `mutation { requestInformation(change: { caseId: "${caseId}", expectedRevision: "1" }, items: [], message: "") { revision } }`,
    );
    console.log(JSON.stringify(bad.errors));
    expect(bad.errors![0]!.extensions.code).toBe('BAD_USER_INPUT');
    expect(
      (bad.errors![0]!.extensions.fieldErrors as { path: string[] }[])
        .map((e) => e.path.join('.'))
        .sort(),
    ).toEqual(['items', 'message']);

    const decided = await gql(
      'alice',
      `mutation { recordDecision(change: { caseId: "${caseId}", expectedRevision: "1" }, outcome: "refused", reasons: "Fewer than 35 hours") { revision case { ${CASE} } } }`,
    );
    expect(decided.data!.recordDecision).toMatchObject({
      revision: '2',
      case: { status: 'awaiting_approval' },
    });
    const own = await gql(
      'alice',
      `mutation { approveDecision(change: { caseId: "${caseId}", expectedRevision: "2" }) { revision } }`,
    );
    expect(own.errors![0]!.extensions.code).toBe('FORBIDDEN');
    const approved = await gql(
      'tariq',
      `mutation { approveDecision(change: { caseId: "${caseId}", expectedRevision: "2" }) { case { status } } }`,
    );
    expect(approved.data!.approveDecision).toMatchObject({ case: { status: 'decided' } });

    const other = await gql('bob', `{ case(id: "${caseId}") { reference } }`);
    expect(other.errors![0]!.extensions.code).toBe('FORBIDDEN');

    const audit = await gql(
      'audrey',
      `{ auditTrail(caseId: "${caseId}") { type actorId channel } caseAsOf(caseId: "${caseId}", revision: "1") { state } verifyCase(caseId: "${caseId}") { intact eventsChecked } }`,
    );
    expect(audit.errors).toBeUndefined();
    expect((audit.data!.auditTrail as { type: string }[]).map((e) => e.type)).toEqual([
      'ApplicationSubmitted',
      'CaseAssigned',
      'DecisionRecorded',
      'DecisionApproved',
    ]);
    expect(audit.data!.caseAsOf).toMatchObject({
      state: { status: 'in_progress', assignee: 'alice' },
    });
    expect(audit.data!.verifyCase).toEqual({ intact: true, eventsChecked: 4 });
    const log = await gql('audrey', `{ accessLog(caseId: "${caseId}") { actorId operation } }`);
    expect(log.data!.accessLog).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ actorId: 'audrey', operation: 'auditTrail' }),
      ]),
    );
    expect(
      (await gql('alice', `{ accessLog(caseId: "${caseId}") { actorId } }`)).errors![0]!.extensions
        .code,
    ).toBe('FORBIDDEN');
  });

  it('answers without credentials, unknown cases and bad queries with coded errors', async () => {
    expect((await gql(null, '{ me { id } }')).errors![0]!.extensions.code).toBe('UNAUTHENTICATED');
    expect(
      (await gql('alice', '{ case(id: "00000000-0000-4000-8000-000000000000") { reference } }'))
        .errors![0]!.extensions.code,
    ).toBe('NOT_FOUND');
    expect((await gql('alice', '{ nope }')).errors![0]!.extensions.code).toBe('BAD_USER_INPUT');
    const aliases = Array.from({ length: 40 }, (_, i) => `a${i}: me { id }`).join(' ');
    expect(JSON.stringify((await gql('alice', `{ ${aliases} }`)).errors)).toMatch(
      /at most 30 aliases/,
    );
    const deep = await gql(
      'alice',
      '{ case(id: "x") { service { fields { options { value } } } } }',
    );
    expect(deep.errors).toBeDefined();
  });

  it('runs a fixed number of SQL queries for a queue page of 50 cases', async () => {
    let lastCase = '';
    for (let i = 0; i < 50; i++) {
      const made = await gql(
        'alice',
        `mutation($input: SubmitApplicationInput!) { submitApplication(input: $input) { caseId } }`,
        {
          input: {
            service: carers.id,
            channel: 'post',
            answers: carers.example,
            idempotencyKey: `batch-${i}`,
          },
        },
      );
      expect(made.errors).toBeUndefined();
      lastCase = (made.data!.submitApplication as { caseId: string }).caseId;
    }
    const last = await gql('alice', '{ search(query: "Morag") { nodes { caseId } } }');
    expect(last.errors).toBeUndefined();
    await caughtUpWith(lastCase);
    const spy = jest.spyOn(api.pool, 'query');
    const page = await gql(
      'alice',
      '{ queue(queue: team_unallocated, first: 50) { totalCount nodes { reference applicantName slaState nextDeadline } } }',
    );
    // Who is asking (the staff directory, the identity provider's keys) is looked up per
    // request and remembered a while: not part of what a page of cases costs.
    const authentication = /\b(staff_users|identity_keys|api_keys)\b/;
    const queries = spy.mock.calls.filter(
      ([query]) => !authentication.test(String((query as { text?: string }).text ?? query)),
    ).length;
    spy.mockRestore();
    expect((page.data!.queue as { nodes: unknown[] }).nodes).toHaveLength(50);
    // The count, the rows, and one access-log statement for all 50 rows' personal data.
    expect(queries).toBeLessThanOrEqual(3);
  });

  it('refuses cross-site style requests (CSRF) and hides introspection in production', async () => {
    const form = await api.app.inject({
      method: 'POST',
      url: '/graphql',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'query={me{id}}',
    });
    expect(form.statusCode).toBe(415);
    const text = await api.app.inject({
      method: 'POST',
      url: '/graphql',
      headers: { 'content-type': 'text/plain' },
      payload: '{"query":"{me{id}}"}',
    });
    expect(text.statusCode).toBe(400);
    const production = await openTestApi('graphql_prod', { production: true });
    try {
      const introspection = await production.app.inject({
        method: 'POST',
        url: '/graphql',
        headers: { 'content-type': 'application/json' },
        payload: { query: '{ __schema { types { name } } }' },
      });
      expect(introspection.json().errors[0].message).toMatch(/introspection/i);
      expect((await production.app.inject('/graphiql')).statusCode).toBe(404);
    } finally {
      await production.close();
    }
  });

  it('bulk-assigns with a result per case, and serves management information to team leaders', async () => {
    const { rows } = await api.pool.query<{ case_id: string; revision: string }>(
      `select case_id, revision::text as revision from cases where assignee is null order by reference limit 3`,
    );
    const cases = rows.map((r) => ({ caseId: r.case_id, expectedRevision: r.revision }));
    cases[2]!.expectedRevision = '99';
    const result = await gql(
      'tariq',
      `mutation($cases: [CaseChange!]!) { bulkAssign(cases: $cases, assignee: "alice") { caseId ok code revision } }`,
      { cases },
    );
    expect(result.errors).toBeUndefined();
    expect(result.data!.bulkAssign).toEqual([
      { caseId: cases[0]!.caseId, ok: true, code: null, revision: '1' },
      { caseId: cases[1]!.caseId, ok: true, code: null, revision: '1' },
      { caseId: cases[2]!.caseId, ok: false, code: 'CONFLICT', revision: '0' },
    ]);
    expect(
      (
        await gql(
          'alice',
          `mutation($cases: [CaseChange!]!) { bulkAssign(cases: $cases, assignee: "bob") { ok code } }`,
          { cases: cases.slice(0, 1) },
        )
      ).data!.bulkAssign,
    ).toEqual([{ ok: false, code: 'FORBIDDEN' }]);

    const today = new Date().toISOString().slice(0, 10);
    const mi = await gql(
      'tariq',
      `{ managementInformation(from: "2026-01-01", to: "${today}", service: "carers-support-payment") { totals { channel submitted digitalTakeUp costPerTransaction } } }`,
    );
    expect(mi.errors).toBeUndefined();
    const totals = (
      mi.data!.managementInformation as { totals: { channel: string; submitted: number }[] }
    ).totals;
    expect(totals.reduce((n, t) => n + t.submitted, 0)).toBeGreaterThanOrEqual(51);
    expect(
      (
        await gql(
          'alice',
          `{ managementInformation(from: "2026-01-01", to: "2026-01-02") { totals { submitted } } }`,
        )
      ).errors![0]!.extensions.code,
    ).toBe('FORBIDDEN');
    const backwards = await gql(
      'tariq',
      `{ managementInformation(from: "2026-02-01", to: "2026-01-01") { totals { submitted } } }`,
    );
    expect(backwards.errors![0]!.extensions.code).toBe('BAD_USER_INPUT');
  });
});

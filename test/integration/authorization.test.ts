import carers from '../../domain/case-types/carers-support-payment';
import waste from '../../domain/case-types/waste-carrier-registration';
import { COMMAND_ROLES } from '../../api/auth/policy';
import { ROLES, type Role } from '../../api/auth/roles';
import { loadCase } from '../../eventstore/case-history';
import { submitApplication } from '../../eventstore/intake';
import { openTestApi, type TestApi } from '../support/api';

/**
 * Every role against every GraphQL operation: allowed ones are never refused as FORBIDDEN
 * (they may fail for other reasons, such as the case's status), the rest always are.
 */
const MUTATIONS: Record<keyof typeof COMMAND_ROLES, string> = {
  AmendAnswers:
    'amendAnswers(change: $c, changes: { weeklyEarnings: "99" }, reason: "r") { revision }',
  AttachDocument: `attachDocument(change: $c, evidenceType: "other", filename: "a.pdf", mediaType: "application/pdf", sizeBytes: 1, sha256: "${'a'.repeat(64)}") { revision }`,
  TriageCase: 'triageCase(change: $c, priority: high, team: "carer-claims") { revision }',
  AssignCase: 'assignCase(change: $c, assignee: "someone.else") { revision }',
  UnassignCase: 'unassignCase(change: $c) { revision }',
  TransferTeam: 'transferTeam(change: $c, team: "student-carers", reason: "r") { revision }',
  RequestInformation: 'requestInformation(change: $c, items: ["x"], message: "m") { revision }',
  RecordInformationReceived: 'recordInformationReceived(change: $c, summary: "s") { revision }',
  AddNote: 'addNote(change: $c, text: "t") { revision }',
  RecordDecision: 'recordDecision(change: $c, outcome: "awarded", reasons: "r") { revision }',
  ApproveDecision: 'approveDecision(change: $c) { revision }',
  RejectDecision: 'rejectDecision(change: $c, reason: "r") { revision }',
  CloseCase: 'closeCase(change: $c) { revision }',
  WithdrawApplication: 'withdrawApplication(change: $c, reason: "r") { revision }',
  ReopenCase: 'reopenCase(change: $c, reason: "r") { revision }',
  ExtendClock:
    'extendClock(change: $c, clock: "decision", workingDays: 1, reason: "r") { revision }',
  RecordSatisfaction: 'recordSatisfaction(change: $c, rating: 4) { revision }',
  ErasePersonalData: 'erasePersonalData(change: $c, reason: "asked") { revision }',
};

const NO_SUCH_ID = '00000000-0000-4000-8000-000000000000';

const QUERIES: { name: string; query: (caseId: string) => string; roles: Role[] }[] = [
  {
    name: 'importExceptions',
    query: () => '{ importExceptions { id } }',
    roles: ['caseworker', 'team_leader', 'admin'],
  },
  {
    name: 'failedDeliveries',
    query: () => '{ failedDeliveries { id } }',
    roles: ['admin'],
  },
  {
    name: 'retentionReport',
    query: () => '{ retentionReport { services { dueNow } } }',
    roles: ['auditor', 'admin'],
  },
  {
    name: 'case',
    query: (id) => `{ case(id: "${id}") { reference } }`,
    roles: ['caseworker', 'team_leader', 'auditor', 'admin'],
  },
  {
    name: 'queue',
    query: () => '{ queue { totalCount } }',
    roles: ['caseworker', 'team_leader', 'admin'],
  },
  {
    name: 'queueCounts',
    query: () => '{ queueCounts { count } }',
    roles: ['caseworker', 'team_leader', 'admin'],
  },
  {
    name: 'search',
    query: () => '{ search(query: "Morag") { kind } }',
    roles: ['caseworker', 'team_leader', 'auditor', 'admin'],
  },
  {
    name: 'auditTrail',
    query: (id) => `{ auditTrail(caseId: "${id}") { type } }`,
    roles: ['caseworker', 'team_leader', 'auditor', 'admin'],
  },
  {
    name: 'caseAsOf',
    query: (id) => `{ caseAsOf(caseId: "${id}", revision: "0") { revision } }`,
    roles: ['caseworker', 'team_leader', 'auditor', 'admin'],
  },
  {
    name: 'verifyCase',
    query: (id) => `{ verifyCase(caseId: "${id}") { intact } }`,
    roles: ['auditor', 'admin'],
  },
  {
    name: 'accessLog',
    query: (id) => `{ accessLog(caseId: "${id}") { operation } }`,
    roles: ['auditor', 'admin'],
  },
  {
    name: 'assignableStaff',
    query: () => '{ assignableStaff(teams: ["carer-claims"]) { id } }',
    roles: ['team_leader', 'admin'],
  },
  {
    name: 'managementInformation',
    query: () =>
      '{ managementInformation(from: "2026-01-01", to: "2026-01-31") { totals { submitted } } }',
    roles: ['team_leader', 'auditor', 'admin'],
  },
  {
    name: 'timeToDecision',
    query: () => '{ timeToDecision(from: "2026-01-01", to: "2026-01-31") { decisions } }',
    roles: ['team_leader', 'auditor', 'admin'],
  },
  ...[
    '{ apiKeys { id } }',
    '{ webhookEndpoints { id } }',
    '{ webhookEventTypes { type } }',
    'mutation { createApiKey(name: "forms", scopes: [intake]) { key } }',
    `mutation { revokeApiKey(id: "${NO_SUCH_ID}") }`,
    'mutation { createWebhookEndpoint(input: { url: "https://crm.example.com/a" }) { secret } }',
    `mutation { deleteWebhookEndpoint(id: "${NO_SUCH_ID}") }`,
    `mutation { rotateWebhookSecret(id: "${NO_SUCH_ID}") { secret } }`,
  ].map((operation) => ({
    name: /(\w+)[ (]/.exec(operation.replace(/^mutation /, ''))![1]!,
    query: () => operation,
    roles: ['admin'] as Role[],
  })),
  {
    name: 'takeNextCase',
    query: () => 'mutation { takeNextCase { caseId } }',
    roles: ['caseworker', 'team_leader', 'admin'],
  },
];

describe('authorization: every role × operation', () => {
  let api: TestApi;
  const tokens = {} as Record<Role, string>;
  let caseId = '';
  const gql = async (role: Role, query: string, variables: Record<string, unknown> = {}) =>
    (
      await api.app.inject({
        method: 'POST',
        url: '/graphql',
        headers: { authorization: `Bearer ${tokens[role]}`, 'content-type': 'application/json' },
        payload: { query, variables },
      })
    ).json() as { errors?: { extensions: { code: string } }[] };

  beforeAll(async () => {
    api = await openTestApi('authz');
    for (const role of ROLES) {
      tokens[role] = await api.staffToken({
        id: `${role}.person`,
        name: role,
        role,
        teams: ['carer-claims'],
      });
    }
    ({ caseId } = await submitApplication(api, {
      service: carers.id,
      channel: 'web',
      answers: carers.example,
      idempotencyKey: 'authz',
      actor: { id: 'web', role: 'integrator' },
    }));
    await api.pool.query(
      `insert into cases (case_id, reference, service, case_type_version, status, stage, channel, applicant_name, applicant_name_search, team, priority, priority_rank, received_at, last_activity_at, revision)
       select $1::uuid, 'CSP-2026-000001', 'carers-support-payment', 1, 'received', 'triage', 'web', 'Morag Sample', 'morag sample', 'carer-claims', 'normal', 2, now(), now(), 0`,
      [caseId],
    );
    await api.pool.query(`insert into case_views (case_id, view) values ($1, '{}')`, [caseId]);
  });
  afterAll(async () => api.close());

  for (const [command, allowed] of Object.entries(COMMAND_ROLES)) {
    for (const role of ROLES) {
      const may = allowed.includes(role) && !(command === 'AssignCase' && role === 'caseworker');
      it(`${role} ${may ? 'may' : 'may not'} ${command}`, async () => {
        const result = await gql(
          role,
          `mutation($c: CaseChange!) { ${MUTATIONS[command as keyof typeof MUTATIONS]} }`,
          {
            c: { caseId, expectedRevision: '999' },
          },
        );
        const codes = (result.errors ?? []).map((e) => e.extensions.code);
        if (may) expect(codes).not.toContain('FORBIDDEN');
        else expect(codes).toEqual(['FORBIDDEN']);
      });
    }
  }

  for (const { name, query, roles } of QUERIES) {
    for (const role of ROLES) {
      const may = roles.includes(role);
      it(`${role} ${may ? 'may' : 'may not'} ${name}`, async () => {
        const codes = ((await gql(role, query(caseId))).errors ?? []).map((e) => e.extensions.code);
        if (may) expect(codes).not.toContain('FORBIDDEN');
        else expect(codes).toContain('FORBIDDEN');
      });
    }
  }

  it('integrators may submit and record satisfaction but see no case', async () => {
    expect(
      (await gql('integrator', '{ case(id: "x") { reference } }')).errors![0]!.extensions.code,
    ).toBe('FORBIDDEN');
  });
});

/**
 * API keys and staff at the REST and GraphQL doors alike: each operation × each key's
 * scopes × its own submission or another's, and staff of the case's team or another.
 * A refusal reveals nothing: another's case is no case (NOT_FOUND, never a CONFLICT with
 * its revision), and an integrator's result never carries the case's personal data.
 */
describe('authorization: API keys and teams on every door', () => {
  let api: TestApi;
  const keys = {} as Record<'intake' | 'webhooks' | 'satisfaction' | 'stranger', string>;
  let own: { caseId: string; reference: string };
  const staff = {} as Record<'sameTeam' | 'otherTeam' | 'auditor', string>;

  beforeAll(async () => {
    api = await openTestApi('authz_keys');
    keys.intake = await api.apiKey('forms', ['intake']);
    keys.webhooks = await api.apiKey('crm', ['webhooks']);
    keys.satisfaction = await api.apiKey('survey', ['intake', 'satisfaction']);
    keys.stranger = await api.apiKey('other-council', ['intake', 'satisfaction']);
    const submitted = await api.app.inject({
      method: 'POST',
      url: '/api/v1/applications',
      headers: { authorization: `Bearer ${keys.satisfaction}`, 'idempotency-key': 'own' },
      payload: { service: carers.id, channel: 'web', answers: carers.example },
    });
    expect(submitted.statusCode).toBe(201);
    own = submitted.json();
    staff.sameTeam = await api.staffToken({
      id: 'cw.same',
      name: 'Same',
      role: 'caseworker',
      teams: ['carer-claims'],
    });
    staff.otherTeam = await api.staffToken({
      id: 'cw.other',
      name: 'Other',
      role: 'caseworker',
      teams: ['student-carers'],
    });
    staff.auditor = await api.staffToken({ id: 'aud', name: 'Aud', role: 'auditor', teams: [] });
  });
  afterAll(async () => api.close());

  const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
  const gql = async (token: string, query: string, variables: Record<string, unknown> = {}) => {
    const response = await api.app.inject({
      method: 'POST',
      url: '/graphql',
      headers: { ...bearer(token), 'content-type': 'application/json' },
      payload: { query, variables },
    });
    return response.json() as {
      data?: Record<string, unknown>;
      errors?: { extensions: { code: string; currentRevision?: string } }[];
    };
  };
  const outcome = (codes: string[]) => codes[0] ?? 'allowed';

  type Who = keyof typeof keys;
  const operations: {
    name: string;
    run: (who: Who) => Promise<string>;
    allowed: (who: Who) => string;
  }[] = [
    {
      name: 'REST submit',
      run: async (who) => {
        const r = await api.app.inject({
          method: 'POST',
          url: '/api/v1/applications',
          headers: { ...bearer(keys[who]), 'idempotency-key': `rest-${who}` },
          payload: { service: carers.id, channel: 'web', answers: carers.example },
        });
        return r.statusCode < 300 ? 'allowed' : String(r.statusCode);
      },
      allowed: (who) => (who === 'webhooks' ? '403' : 'allowed'),
    },
    {
      name: 'GraphQL submitApplication',
      run: async (who) =>
        outcome(
          (
            (
              await gql(
                keys[who],
                'mutation($i: SubmitApplicationInput!) { submitApplication(input: $i) { caseId } }',
                {
                  i: {
                    service: carers.id,
                    channel: 'web',
                    answers: carers.example,
                    idempotencyKey: `gql-${who}`,
                  },
                },
              )
            ).errors ?? []
          ).map((e) => e.extensions.code),
        ),
      allowed: (who) => (who === 'webhooks' ? 'FORBIDDEN' : 'allowed'),
    },
    {
      name: 'REST status of the own submission',
      run: async (who) => {
        const r = await api.app.inject({
          url: `/api/v1/applications/${own.reference}`,
          headers: bearer(keys[who]),
        });
        return r.statusCode === 200 ? 'allowed' : String(r.statusCode);
      },
      allowed: (who) => ({ satisfaction: 'allowed', webhooks: '403' })[who as string] ?? '404',
    },
    {
      name: 'GraphQL recordSatisfaction, having seen an old revision',
      run: async (who) =>
        outcome(
          (
            (
              await gql(
                keys[who],
                'mutation($c: CaseChange!) { recordSatisfaction(change: $c, rating: 4) { revision } }',
                {
                  c: { caseId: own.caseId, expectedRevision: '999' },
                },
              )
            ).errors ?? []
          ).map((e) => e.extensions.code),
        ),
      // Only the submitter's key with the scope gets as far as the revision check.
      allowed: (who) =>
        ({ satisfaction: 'CONFLICT', stranger: 'NOT_FOUND' })[who as string] ?? 'FORBIDDEN',
    },
  ];
  for (const operation of operations) {
    for (const who of ['intake', 'webhooks', 'satisfaction', 'stranger'] as Who[]) {
      it(`${operation.name}: a key for ${who} gets ${operation.allowed(who)}`, async () => {
        expect(await operation.run(who)).toBe(operation.allowed(who));
      });
    }
  }

  it("gives an integrator's satisfaction the revision, never the case", async () => {
    const result = await gql(
      keys.satisfaction,
      'mutation($c: CaseChange!) { recordSatisfaction(change: $c, rating: 5) { revision case { answers } } }',
      {
        c: { caseId: own.caseId, expectedRevision: '0' },
      },
    );
    expect(result.errors).toBeUndefined();
    expect(result.data?.recordSatisfaction).toEqual({ revision: '1', case: null });
  });

  it("lets staff read a status only of their own teams' cases, and never lets an auditor submit", async () => {
    const status = (token: string) =>
      api.app.inject({ url: `/api/v1/applications/${own.reference}`, headers: bearer(token) });
    expect((await status(staff.sameTeam)).statusCode).toBe(200);
    expect((await status(staff.auditor)).statusCode).toBe(200);
    expect((await status(staff.otherTeam)).statusCode).toBe(404);
    const auditorSubmits = await api.app.inject({
      method: 'POST',
      url: '/api/v1/applications',
      headers: { ...bearer(staff.auditor), 'idempotency-key': 'auditor' },
      payload: { service: carers.id, channel: 'post', answers: carers.example },
    });
    expect(auditorSubmits.statusCode).toBe(403);
  });

  it("shows and lets staff mend or discard only their teams' services' imported rows", async () => {
    const imported = await api.app.inject({
      method: 'POST',
      url: `/api/v1/imports?service=${waste.id}&channel=post`,
      headers: { ...bearer(keys.intake), 'content-type': 'application/x-ndjson' },
      payload: `${JSON.stringify({ ...waste.example, companyName: '' })}\n`,
    });
    expect(imported.json()).toMatchObject({ exceptions: 1 });
    const wasteTeam = await api.staffToken({
      id: 'wcr.worker',
      name: 'W',
      role: 'caseworker',
      teams: ['registrations'],
    });
    const listed = async (token: string) =>
      ((await gql(token, '{ importExceptions { id service } }')).data?.importExceptions ?? []) as {
        id: string;
      }[];
    const [exception] = await listed(wasteTeam);
    expect(exception).toBeDefined();
    expect(await listed(staff.sameTeam)).toEqual([]);
    const discard = (token: string) =>
      gql(token, 'mutation($id: ID!) { discardImportException(id: $id, reason: "Duplicate") }', {
        id: exception!.id,
      });
    expect((await discard(staff.sameTeam)).errors?.[0]?.extensions.code).toBe('NOT_FOUND');
    expect((await discard(wasteTeam)).data).toEqual({ discardImportException: true });
  });
});

/**
 * Who a case may go to: a person in the staff directory who works the case's team. A
 * caseworker takes up only work nobody holds (or already theirs); moving someone's case
 * is a team leader's call.
 */
describe('authorization: assigning cases', () => {
  let api: TestApi;
  const tokens = {} as Record<'leader' | 'first' | 'second', string>;
  beforeAll(async () => {
    api = await openTestApi('authz_assign');
    const team = ['carer-claims'];
    tokens.leader = await api.staffToken({
      id: 'tl',
      name: 'TL',
      role: 'team_leader',
      teams: team,
    });
    tokens.first = await api.staffToken({
      id: 'cw1',
      name: 'One',
      role: 'caseworker',
      teams: team,
    });
    tokens.second = await api.staffToken({
      id: 'cw2',
      name: 'Two',
      role: 'caseworker',
      teams: team,
    });
    await api.staffToken({
      id: 'elsewhere',
      name: 'E',
      role: 'caseworker',
      teams: ['student-carers'],
    });
  });
  afterAll(async () => api.close());

  const newCase = async (key: string) =>
    (
      await submitApplication(api, {
        service: carers.id,
        channel: 'web',
        answers: carers.example,
        idempotencyKey: key,
        actor: { id: 'web', role: 'integrator' },
      })
    ).caseId;
  const assign = async (who: keyof typeof tokens, caseId: string, assignee: string) => {
    const { revision } = await loadCase(api.store, caseId);
    const result = await api.graphql(
      tokens[who],
      'mutation($c: CaseChange!, $a: String!) { assignCase(change: $c, assignee: $a) { revision } }',
      { c: { caseId, expectedRevision: String(revision) }, a: assignee },
    );
    const error = result.errors?.[0];
    return error
      ? {
          code: error.extensions.code,
          paths: (error.extensions.fieldErrors as { path: string[] }[] | undefined)?.map(
            (f) => f.path,
          ),
        }
      : 'assigned';
  };

  it('gives a case only to someone in the directory who works its team', async () => {
    const caseId = await newCase('assign-team');
    expect(await assign('leader', caseId, 'nobody.known')).toEqual({
      code: 'BAD_USER_INPUT',
      paths: [['assignee']],
    });
    expect(await assign('leader', caseId, 'elsewhere')).toEqual({
      code: 'BAD_USER_INPUT',
      paths: [['assignee']],
    });
    expect(await assign('leader', caseId, 'cw1')).toBe('assigned');
  });

  it("lets a caseworker take up only a case nobody holds, and never someone else's", async () => {
    const caseId = await newCase('assign-take');
    expect(await assign('first', caseId, 'cw1')).toBe('assigned');
    expect(await assign('second', caseId, 'cw2')).toEqual({ code: 'FORBIDDEN', paths: undefined });
    expect(await assign('first', caseId, 'cw2')).toEqual({ code: 'FORBIDDEN', paths: undefined });
    expect(await assign('leader', caseId, 'cw2')).toBe('assigned');
    expect((await loadCase(api.store, caseId)).state.assignee).toBe('cw2');
  });
});

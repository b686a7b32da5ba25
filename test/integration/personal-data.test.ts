import { randomUUID } from 'node:crypto';
import { PassThrough } from 'node:stream';
import { Redis } from 'ioredis';
import carers from '../../domain/case-types/carers-support-payment';
import { caseStreamId } from '../../domain/events';
import { ERASED } from '../../domain/personal-data';
import { loadCase } from '../../eventstore/case-history';
import { executeCaseCommand } from '../../eventstore/case-commands';
import { ChainVerifier } from '../../eventstore/hash-chain';
import { submitApplication } from '../../eventstore/intake';
import { rebuildTables } from '../../projections/projection';
import { rebuildProjection } from '../../projections/rebuild';
import { waitForProjections } from '../../projections/checkpoints';
import { applyRetention, retentionReport } from '../../workers/retention';
import { openTestApi, type TestApi } from '../support/api';
import { runProjections, tableDifference } from '../support/projections';

/**
 * Personal data: sealed in the log under the applicant's own key, erased by destroying
 * that key, kept out of logs, and erased on schedule when the service's retention ends.
 */
const applicant = {
  ...carers.example,
  firstName: 'Zebedee',
  lastName: 'Quillfeather',
  nationalInsuranceNumber: 'JT 98 76 54 B',
  address: { line1: '7 Marmalade Lane', town: 'Lerwick', postcode: 'ZE2 9QQ' },
  phone: '07700 900987',
  email: 'zebedee.q@example.org',
};
/** Every form the applicant's data could take once stored, normalised or not. */
const PLAINTEXT = [
  'Zebedee',
  'Quillfeather',
  'JT987654B',
  'JT 98 76 54 B',
  'Marmalade Lane',
  '7700900987',
  '07700 900987',
  'zebedee.q@example.org',
  'zq.new@example.org',
  'ZE2 9QQ',
];
const found = (text: string) =>
  PLAINTEXT.filter((p) => text.toLowerCase().includes(p.toLowerCase()));

describe('personal data', () => {
  let api: TestApi;
  let projections: Awaited<ReturnType<typeof runProjections>>;
  let logs = '';
  const tokens: Record<string, string> = {};
  const caughtUp = async (caseId: string) => {
    const { events } = await loadCase(api.store, caseId);
    const position = events[events.length - 1]!.position;
    expect(await waitForProjections(api.pool, projections.names, position, 10_000)).toBe(true);
  };
  const gql = async (who: string, query: string, variables: Record<string, unknown> = {}) =>
    api.graphql(tokens[who]!, query, variables);
  const revisionOf = async (caseId: string) => String((await loadCase(api.store, caseId)).revision);
  const change = async (caseId: string) => ({ caseId, expectedRevision: await revisionOf(caseId) });

  beforeAll(async () => {
    const stream = new PassThrough();
    stream.on('data', (chunk: Buffer) => (logs += chunk.toString()));
    api = await openTestApi('personal', { logStream: stream });
    projections = await runProjections(api.pool, api.store, api.db.schema);
    const staff = [
      { id: 'carl', name: 'Carl Ode', role: 'caseworker', teams: ['carer-claims'] },
      { id: 'ada', name: 'Ada Min', role: 'admin', teams: [] },
      { id: 'audrey', name: 'Audrey Hale', role: 'auditor', teams: [] },
    ] as const;
    for (const user of staff)
      tokens[user.id] = await api.staffToken({ ...user, teams: [...user.teams] });
  });
  afterAll(async () => {
    await projections.stop();
    await api.close();
  });

  const submitByRest = async (key: string, answers: Record<string, unknown>) => {
    const response = await api.app.inject({
      method: 'POST',
      url: '/api/v1/applications',
      headers: {
        authorization: `Bearer ${await api.apiKey(`portal-${key}`)}`,
        'idempotency-key': key,
      },
      payload: { service: carers.id, channel: 'web', answers },
    });
    return { status: response.statusCode, body: response.json() };
  };

  it('is sealed in the stored log, opened for every reader, and the hash chain covers the ciphertext', async () => {
    const { status, body } = await submitByRest('sealed', applicant);
    expect(status).toBe(201);
    const { rows } = await api.pool.query<{ data: string }>(
      `select string_agg(data::text, ' ') as data from events where stream_id = $1`,
      [caseStreamId(body.caseId)],
    );
    expect(rows[0]!.data).toContain('"sealed"');
    expect(found(rows[0]!.data)).toEqual([]);

    const { state } = await loadCase(api.store, body.caseId);
    expect(state.answers).toMatchObject({ firstName: 'Zebedee', email: 'zebedee.q@example.org' });
    const verifier = new ChainVerifier();
    for await (const e of api.eventLog.readStream(caseStreamId(body.caseId))) verifier.check(e);
    expect(verifier.altered).toEqual([]);

    await caughtUp(body.caseId);
    const read = await gql('carl', 'query($id: ID!) { case(id: $id) { answers } }', {
      id: body.caseId,
    });
    expect(read.data?.case).toMatchObject({ answers: { lastName: 'Quillfeather' } });
  });

  it('is erased by an administrator: unreadable everywhere, while replay, audit and verification still work', async () => {
    const { body } = await submitByRest('to-erase', applicant);
    const caseId: string = body.caseId;
    const refused = await submitByRest('refused', { ...applicant, dateOfBirth: 'Zebedee' });
    expect(refused.status).toBe(400);
    // Requests that put personal data where a careless log would pick it up: a search in
    // a GraphQL GET query string, an email and a NINO in a path.
    await api.app.inject({
      method: 'GET',
      url: `/graphql?query=${encodeURIComponent('{ search(query: "Quillfeather") { kind } }')}`,
      headers: { authorization: `Bearer ${tokens.carl}` },
    });
    for (const path of ['zebedee.q@example.org', 'JT 98 76 54 B'])
      await api.app.inject({
        method: 'GET',
        url: `/api/v1/applications/${encodeURIComponent(path)}`,
      });
    const CASE_RESULT = '{ revision case { answers notes satisfaction personalDataErasedAt } }';
    for (const [mutation, args] of [
      ['addNote', 'text: "Spoke to Zebedee Quillfeather on 07700 900987"'],
      ['amendAnswers', 'changes: { email: "zq.new@example.org" }, reason: "Applicant phoned"'],
      ['recordSatisfaction', 'rating: 4, comment: "Zebedee was pleased"'],
    ] as const) {
      const done = await gql(
        'carl',
        `mutation($c: CaseChange!) { ${mutation}(change: $c, ${args}) ${CASE_RESULT} }`,
        { c: await change(caseId) },
      );
      expect(done.errors).toBeUndefined();
    }
    await caughtUp(caseId);
    const erase = (who: string, c: unknown) =>
      gql(
        who,
        `mutation($c: CaseChange!) { erasePersonalData(change: $c, reason: "Applicant asked") ${CASE_RESULT} }`,
        { c },
      );
    const byCaseworker = await erase('carl', await change(caseId));
    expect(byCaseworker.errors?.[0]?.extensions.code).toBe('FORBIDDEN');

    const erased = await erase('ada', await change(caseId));
    expect(erased.errors).toBeUndefined();
    const result = (erased.data?.erasePersonalData as { case: Record<string, unknown> }).case;
    expect(result.personalDataErasedAt).toEqual(expect.any(String));
    expect(result.answers).toMatchObject({ firstName: ERASED, email: ERASED, phone: ERASED });
    expect(result.answers).toMatchObject({ cares35HoursOrMore: true });
    expect(result.notes).toEqual([expect.objectContaining({ text: ERASED })]);
    expect(result.satisfaction).toMatchObject({ rating: 4, comment: ERASED });
    await caughtUp(caseId);

    // Nothing of the applicant is left in any table: events, keys or read models.
    const { rows: tables } = await api.pool.query<{ table_name: string }>(
      `select table_name from information_schema.tables where table_schema = $1 and table_type = 'BASE TABLE'`,
      [api.db.schema],
    );
    expect(tables.map((t) => t.table_name)).toEqual(
      expect.arrayContaining([
        'events',
        'cases',
        'case_views',
        'case_timeline',
        'personal_data_keys',
      ]),
    );
    // The log and the key table hold only ciphertext of anyone; read models are checked
    // for this case's rows (the first test's applicant, not erased, shares the name), and
    // the register of applicants' names for names no case bears any more.
    for (const { table_name } of tables) {
      const text = ['events', 'personal_data_keys'].includes(table_name)
        ? await tableText(table_name)
        : table_name === 'applicant_names'
          ? await tableText(table_name, 'name not in (select applicant_name_search from cases)')
          : await rowsOfCase(table_name, caseId);
      expect({ table: table_name, leftovers: found(text) }).toEqual({
        table: table_name,
        leftovers: [],
      });
    }

    // Nor in Redis, nor in any line the API logged.
    const redis = new Redis('redis://127.0.0.1:6379');
    try {
      expect(found(await dumpRedis(redis))).toEqual([]);
    } finally {
      redis.disconnect();
    }
    expect(logs).toContain('incoming request');
    expect(found(logs)).toEqual([]);

    // Replay and audit still work, showing the erased marker.
    const asOf = await gql(
      'audrey',
      'query($id: ID!) { caseAsOf(caseId: $id, revision: "0") { state } verifyCase(caseId: $id) { intact eventsChecked } auditTrail(caseId: $id) { type summary changes } }',
      { id: caseId },
    );
    expect(asOf.errors).toBeUndefined();
    expect(asOf.data?.caseAsOf).toMatchObject({ state: { answers: { lastName: ERASED } } });
    expect(asOf.data?.verifyCase).toEqual({ intact: true, eventsChecked: 5 });
    const trail = asOf.data?.auditTrail as { type: string; summary: string; changes: unknown[] }[];
    expect(trail.find((t) => t.type === 'NoteAdded')?.summary).toBe(`Note: ${ERASED}`);
    expect(trail.find((t) => t.type === 'AnswersAmended')?.changes).toEqual([
      expect.objectContaining({ field: 'email', before: ERASED, after: ERASED, personal: true }),
    ]);
    expect(trail[trail.length - 1]).toMatchObject({ type: 'PersonalDataErased' });

    const search = await gql('carl', '{ search(query: "Quillfeather") { nodes { caseId } } }');
    const hits = (search.data?.search as { nodes: { caseId: string }[] }).nodes;
    expect(hits).toHaveLength(1); // the first test's applicant, who was not erased
    expect(hits.map((n) => n.caseId)).not.toContain(caseId);

    const amend = await gql(
      'carl',
      `mutation($c: CaseChange!) { amendAnswers(change: $c, changes: { email: "a@example.org" }, reason: "r") { revision } }`,
      { c: await change(caseId) },
    );
    expect(amend.errors?.[0]?.extensions.code).toBe('FORBIDDEN');
    const again = await erase('ada', await change(caseId));
    expect(again.errors?.[0]?.extensions.code).toBe('CONFLICT');

    // Replaying the log from the start builds exactly the erased read models.
    for (const runner of projections.runners) {
      await rebuildProjection({
        pool: api.pool,
        store: api.store,
        projection: runner.projection,
        swap: false,
      });
      const next = rebuildTables(runner.projection);
      for (const table of runner.projection.tables)
        expect(await tableDifference(api.pool, table, next[table]!)).toBe(0);
    }
  });

  const tableText = async (table: string, where = 'true', params: unknown[] = []) => {
    const { rows } = await api.pool.query<{ text: string | null }>(
      `select string_agg(t::text, ' ') as text from ${table} t where ${where}`,
      params,
    );
    return rows[0]!.text ?? '';
  };

  /** The rows of one case in a read model (or the whole table, if it names the case), as text. */
  const rowsOfCase = async (table: string, caseId: string) => {
    const { rows } = await api.pool.query(
      `select 1 from information_schema.columns
       where table_schema = $1 and table_name = $2 and column_name = 'case_id'`,
      [api.db.schema, table],
    );
    return rows.length > 0 ? tableText(table, 'case_id = $1', [caseId]) : tableText(table);
  };

  it('reads version-1 events in the current shape, in projections, replay and the API', async () => {
    const submitted = await submitApplication(api, {
      service: carers.id,
      channel: 'post',
      answers: carers.example,
      idempotencyKey: 'legacy',
      actor: { id: 'mailroom', role: 'caseworker' },
    });
    const metadata = {
      actor: { id: 'carl', role: 'caseworker' },
      channel: 'back_office' as const,
      correlationId: 'legacy',
      causationId: null,
      occurredAt: '2026-03-02T11:00:00Z',
    };
    // Written as an older release wrote them, straight into the log.
    await api.eventLog.appendToStream(
      caseStreamId(submitted.caseId),
      [
        {
          id: randomUUID(),
          type: 'NoteAdded',
          schemaVersion: 1,
          data: { noteId: randomUUID(), text: 'Legacy note' },
          metadata,
        },
        {
          id: randomUUID(),
          type: 'SatisfactionRecorded',
          schemaVersion: 1,
          data: { rating: 5, comment: 'Legacy comment' },
          metadata,
        },
      ],
      { expectedRevision: 0n },
    );
    const { events, state } = await loadCase(api.store, submitted.caseId);
    expect(events.map((e) => [e.type, e.schemaVersion])).toEqual([
      ['ApplicationSubmitted', 1],
      ['NoteAdded', 2],
      ['SatisfactionRecorded', 2],
    ]);
    expect(events[1]!.data).toMatchObject({ personal: { text: 'Legacy note' } });
    expect(state).toMatchObject({ notes: 1, satisfactionRecorded: true });

    await caughtUp(submitted.caseId);
    const read = await gql(
      'carl',
      'query($id: ID!) { case(id: $id) { notes satisfaction } auditTrail(caseId: $id) { summary } }',
      { id: submitted.caseId },
    );
    expect(read.data?.case).toMatchObject({
      notes: [expect.objectContaining({ text: 'Legacy note' })],
      satisfaction: expect.objectContaining({ rating: 5, comment: 'Legacy comment' }),
    });
    expect(read.data?.auditTrail).toContainEqual({ summary: 'Note: Legacy note' });
  });

  it('is erased on schedule once the service retention period after closure has run', async () => {
    const withdrawn = async (key: string, at: string) => {
      const { caseId } = await submitApplication(api, {
        service: carers.id,
        channel: 'phone',
        answers: applicant,
        idempotencyKey: key,
        actor: { id: 'carl', role: 'caseworker' },
        submittedAt: at,
      });
      await executeCaseCommand(
        api,
        caseId,
        {
          type: 'WithdrawApplication',
          actor: { id: 'carl', role: 'caseworker' },
          at,
          reason: 'Moved away',
        },
        { commandId: `withdraw-${key}` },
      );
      await caughtUp(caseId);
      return caseId;
    };
    const old = await withdrawn('closed-2019', '2019-10-01T10:00:00Z');
    const recent = await withdrawn('closed-2025', '2025-06-01T10:00:00Z');
    const now = new Date('2026-03-02T10:00:00Z');

    const before = await retentionReport(api.pool, api.caseTypes, now);
    expect(before.services.find((s) => s.service === carers.id)).toMatchObject({
      afterClosure: 'P6Y',
      dueNow: 1,
    });
    expect(before.due.map((d) => d.caseId)).toEqual([old]);
    expect(before.due[0]!.dueAt.slice(0, 10)).toBe('2025-10-01');

    const run = await applyRetention(api, now);
    expect(run.erased).toHaveLength(1);
    expect(run.failed).toEqual([]);
    await caughtUp(old);
    const { events } = await loadCase(api.store, old);
    expect(events[events.length - 1]).toMatchObject({
      type: 'PersonalDataErased',
      data: { retention: true },
      metadata: { actor: { id: 'retention', role: 'system' }, channel: 'system' },
    });
    expect((await loadCase(api.store, recent)).state.personalDataErased).toBe(false);

    const report = await gql(
      'audrey',
      '{ retentionReport { services { service dueNow } lastRun { erased } } }',
    );
    expect(report.data?.retentionReport).toMatchObject({
      services: expect.arrayContaining([{ service: carers.id, dueNow: 0 }]),
      lastRun: { erased: run.erased },
    });
    expect((await applyRetention(api, now)).erased).toEqual([]);
  });
});

/** Every value in Redis, whatever its type, as text. */
const dumpRedis = async (redis: Redis): Promise<string> => {
  const parts: string[] = [];
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'COUNT', 1000);
    cursor = next;
    for (const key of keys) {
      const type = await redis.type(key);
      parts.push(key);
      if (type === 'string') parts.push((await redis.get(key)) ?? '');
      else if (type === 'hash') parts.push(JSON.stringify(await redis.hgetall(key)));
      else if (type === 'list') parts.push(...(await redis.lrange(key, 0, -1)));
      else if (type === 'set') parts.push(...(await redis.smembers(key)));
      else if (type === 'zset') parts.push(...(await redis.zrange(key, '0', '-1')));
      else if (type === 'stream') parts.push(JSON.stringify(await redis.xrange(key, '-', '+')));
    }
  } while (cursor !== '0');
  return parts.join('\n');
};

import fc from 'fast-check';
import carers from '../../domain/case-types/carers-support-payment';
import { openTestApi, type TestApi } from '../support/api';
import { expectCaughtUp } from '../support/caught-up';
import { runProjections } from '../support/projections';

/**
 * Thousands of malformed, oversized and hostile requests against every REST route and
 * the GraphQL endpoint: never a 5xx, never a crash, and nothing stored. Afterwards the
 * whole back office is checked, not just the answers: every projection at the head of
 * the log, none stalled, and the instance ready.
 */
// A fixed seed keeps CI repeatable; set FC_SEED to explore other inputs.
const SEED = Number(process.env.FC_SEED ?? 20261122);

describe('hostile input', () => {
  let api: TestApi;
  let key: string;
  let token: string;
  let projections: Awaited<ReturnType<typeof runProjections>>;
  const eventCount = async () =>
    Number((await api.pool.query('select count(*) from events')).rows[0].count);

  beforeAll(async () => {
    api = await openTestApi('hostile');
    key = await api.apiKey('fuzzer');
    token = await api.staffToken({
      id: 'fuzz.worker',
      name: 'Fuzz Worker',
      role: 'team_leader',
      teams: ['carer-claims'],
    });
    projections = await runProjections(api.pool, api.store, api.db.schema);
  });
  afterAll(async () => {
    await projections.stop();
    await api.close();
  });

  const hostileString = fc.oneof(
    fc.string({ maxLength: 300 }),
    fc.constantFrom(
      "'; drop table events; --",
      '<script>alert(1)</script>',
      '\u0000',
      '../../etc/passwd',
      '%00',
      '${jndi:ldap://x}',
      'x'.repeat(70_000),
    ),
  );
  const jsonish = fc.letrec((tie) => ({
    value: fc.oneof(
      { depthSize: 'small' },
      fc.constant(null),
      fc.boolean(),
      fc.double(),
      fc.integer(),
      hostileString,
      fc.array(tie('value'), { maxLength: 5 }),
      fc.dictionary(
        fc.oneof(
          hostileString,
          fc.constantFrom('service', 'channel', 'answers', '__proto__', 'constructor'),
        ),
        tie('value'),
        { maxKeys: 6 },
      ),
    ),
  })).value;
  const applicationLike = fc.record(
    {
      service: fc.oneof(fc.constant(carers.id), jsonish),
      channel: fc.oneof(fc.constantFrom('web', 'phone', 'fax'), jsonish),
      answers: fc.oneof(
        fc.constant({ ...carers.example, nationalInsuranceNumber: 'nope' }),
        jsonish,
      ),
      submittedAt: jsonish,
      externalReference: jsonish,
    },
    { requiredKeys: [] },
  );

  it('REST routes answer every hostile request with a 4xx and store nothing', async () => {
    const before = await eventCount();
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(applicationLike, jsonish),
        fc.option(hostileString),
        fc.constantFrom(
          'POST /api/v1/applications',
          'GET /api/v1/applications/',
          'GET /api/v1/services/',
        ),
        fc.constantFrom(
          'application/json',
          'text/plain',
          'application/x-www-form-urlencoded',
          'application/json; charset=utf-16',
        ),
        async (body, text, route, contentType) => {
          const [method, url] = route.split(' ') as ['POST' | 'GET', string];
          const response = await api.app.inject({
            method,
            url: method === 'GET' ? `${url}${encodeURIComponent(String(text ?? ''))}` : url,
            headers: {
              authorization: `Bearer ${key}`,
              'content-type': contentType,
              ...(text === null
                ? {}
                : { 'idempotency-key': text.slice(0, 300).replace(/[^\x20-\x7e]/g, '') || 'k' }),
            },
            ...(method === 'POST'
              ? {
                  payload: contentType.startsWith('application/json')
                    ? JSON.stringify(body)
                    : String(text ?? ''),
                }
              : {}),
          });
          expect(response.statusCode).toBeGreaterThanOrEqual(200);
          expect(response.statusCode).toBeLessThan(500);
        },
      ),
      { numRuns: 1500, seed: SEED },
    );
    expect(await eventCount()).toBe(before);
  });

  it('GraphQL answers hostile queries and variables with errors, never a 5xx', async () => {
    const before = await eventCount();
    const queries = fc.oneof(
      hostileString,
      fc.constantFrom(
        'mutation($input: SubmitApplicationInput!) { submitApplication(input: $input) { caseId } }',
        'mutation($c: CaseChange!) { addNote(change: $c, text: "x") { revision } }',
        'query($q: String!) { search(query: $q) { kind } }',
        '{ queue(first: -5, after: "!!!") { totalCount } }',
        `{ ${'case(id: "x") { '.repeat(30)}`,
        '{ __schema { types { name fields { name type { name ofType { name ofType { name } } } } } } }',
        'query($f: CaseFilter, $q: String) { queue(filter: $f, after: $q) { totalCount } }',
        'query($q: String) { caseAsOf(caseId: "0b9a7c1e-8d4f-4c7e-9a51-2f0d6b3e9c11", time: $q, revision: $q) { revision } }',
        'query($q: String!) { managementInformation(from: $q, to: $q) { totals { submitted } } }',
        'query($q: String!) { timeToDecision(from: "2026-01-01", to: $q) { decisions } }',
      ),
    );
    await fc.assert(
      fc.asyncProperty(
        queries,
        fc.dictionary(fc.constantFrom('input', 'c', 'q', 'f'), fc.oneof(applicationLike, jsonish)),
        async (query, variables) => {
          const response = await api.app.inject({
            method: 'POST',
            url: '/graphql',
            headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
            payload: { query, variables },
          });
          expect(response.statusCode).toBeLessThan(500);
          const body = response.json();
          for (const error of body.errors ?? [])
            expect(error.extensions?.code).not.toBe('INTERNAL');
        },
      ),
      { numRuns: 1500, seed: SEED },
    );
    expect(await eventCount()).toBe(before);
  });

  it('treats text PostgreSQL cannot store (NUL) as bad input wherever it arrives', async () => {
    for (const q of ['\u0000', 'Mo\u0000rag']) {
      const response = await api.app.inject({
        method: 'POST',
        url: '/graphql',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        payload: { query: 'query($q: String!) { search(query: $q) { kind } }', variables: { q } },
      });
      expect(response.json().errors[0].extensions.code).toBe('BAD_USER_INPUT');
    }
  });

  it('leaves every projection at the head of the log, none stalled, and the instance ready', async () => {
    await expectCaughtUp(api.pool, api.store, projections.names);
    const ready = await api.app.inject('/health/ready');
    expect(ready.statusCode).toBe(200);
  });
});

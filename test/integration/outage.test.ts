import type { FastifyInstance } from 'fastify';
import { IdentityStore } from '../../api/auth/identity-store';
import { devTokenVerifier } from '../../api/auth/tokens';
import type { CaseType } from '../../domain/case-type';
import { isOutage } from '../../eventstore/outage';
import carers from '../../domain/case-types/carers-support-payment';
import waste from '../../domain/case-types/waste-carrier-registration';
import { submitApplication } from '../../eventstore/intake';
import { readStalls } from '../../projections/stalls';
import { openTestApi, type TestApi } from '../support/api';
import { expectCaughtUp } from '../support/caught-up';
import { startPrivatePostgres, type PrivatePostgres } from '../support/private-postgres';
import { runProjections } from '../support/projections';

/**
 * PostgreSQL really stopped under a running back office (a server of the test's own): an
 * outage is an outage. Every route that needs the database answers 503 with a problem saying the service is
 * unavailable — never "sign in again" for a valid token, never a 500 — and once the
 * database is back everything answers again, with every projection caught up and none
 * stalled by the wait.
 */
describe('a database outage', () => {
  let pg: PrivatePostgres;
  let api: TestApi;
  let fresh: FastifyInstance;
  let key: string;
  let token: string;
  let caseId: string;
  let projections: Awaited<ReturnType<typeof runProjections>>;

  beforeAll(async () => {
    pg = await startPrivatePostgres();
    api = await openTestApi('outage', { databaseUrl: pg.url });
    // A second API process that has read no signing keys yet: its token checks need the database.
    const identity = new IdentityStore(api.pool);
    fresh = await api.anotherServer({ identity, staffTokens: devTokenVerifier(identity) });
    key = await api.apiKey('council-forms');
    token = await api.staffToken({
      id: 'aisha.khan',
      name: 'Aisha Khan',
      role: 'caseworker',
      teams: ['carer-claims'],
    });
    projections = await runProjections(
      api.pool,
      api.store,
      api.db.schema,
      undefined,
      () => undefined,
    );
    ({ caseId } = await submitApplication(api, {
      service: carers.id,
      channel: 'web',
      answers: carers.example,
      idempotencyKey: 'before-the-outage',
      actor: { id: 'council-forms', role: 'integrator' },
    }));
  }, 60_000);
  afterAll(async () => {
    await projections?.stop();
    await api?.close().catch(() => undefined);
    await pg?.destroy();
  });

  const submission = (n: number, caseType: CaseType = carers) => ({
    method: 'POST' as const,
    url: '/api/v1/applications',
    headers: { authorization: `Bearer ${key}`, 'idempotency-key': `outage-${n}` },
    payload: { service: caseType.id, channel: 'web', answers: caseType.example },
  });
  const graphql = (query: string, variables: Record<string, unknown> = {}) => ({
    method: 'POST' as const,
    url: '/graphql',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    payload: { query, variables },
  });
  const requests = () => [
    submission(1),
    {
      method: 'GET' as const,
      url: '/api/v1/applications/CSP-2026-000001',
      headers: { authorization: `Bearer ${key}` },
    },
    {
      method: 'GET' as const,
      url: '/api/v1/webhooks',
      headers: { authorization: `Bearer ${key}` },
    },
    graphql('{ queue(queue: team_unallocated) { totalCount } }'),
    graphql('query($id: ID!) { case(id: $id) { reference } }', { id: caseId }),
    graphql('mutation($c: CaseChange!) { addNote(change: $c, text: "Called") { revision } }', {
      c: { caseId, expectedRevision: '0' },
    }),
    graphql(
      'mutation($i: SubmitApplicationInput!) { submitApplication(input: $i) { reference } }',
      {
        i: { service: carers.id, channel: 'phone', answers: carers.example, idempotencyKey: 'p1' },
      },
    ),
  ];

  it('answers 503 on every route while PostgreSQL is down, and serves again once it is back', async () => {
    await pg.stop();
    // API keys are remembered for a second: past that, every check needs the database.
    await new Promise((resolve) => setTimeout(resolve, 1100));

    for (const request of requests()) {
      for (const server of [api.app, fresh]) {
        const response = await server.inject(request);
        const what = `${request.method} ${request.url} ${JSON.stringify('payload' in request ? request.payload : '')}`;
        expect(`${what} ${response.statusCode} ${response.body}`).toBe(
          `${what} 503 ${response.body}`,
        );
        expect(response.headers['retry-after']).toBe('30');
        const body = response.json();
        if (request.url === '/graphql') {
          expect(
            body.errors.map((e: { extensions: { code: string } }) => e.extensions.code),
          ).toEqual(['SERVICE_UNAVAILABLE']);
        } else {
          expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
          expect(body).toMatchObject({ status: 503, code: 'SERVICE_UNAVAILABLE' });
        }
        expect(JSON.stringify(body)).not.toMatch(/sign in|token is not valid|went wrong/i);
      }
    }
    // A valid token is still valid: the API cannot check it just now, and says so.
    const me = await fresh.inject(graphql('{ me { id } }'));
    expect(me.statusCode).toBe(503);
    expect(me.json().errors[0].extensions.code).toBe('SERVICE_UNAVAILABLE');
    // What needs no database still serves: the services' published questions.
    expect((await api.app.inject('/api/v1/services')).statusCode).toBe(200);
    const ready = await api.app.inject('/health/ready');
    expect(ready.statusCode).toBe(503);
    expect(ready.json().checks.postgres.status).toBe('unavailable');
    expect((await api.app.inject('/health/live')).statusCode).toBe(200);

    // The first application a service has had, reaching the intake while its numbering
    // cannot be set up (a staff member's session, say, checked just before the outage).
    const firstWaste = {
      service: waste.id,
      channel: 'phone' as const,
      answers: waste.example,
      idempotencyKey: 'outage-waste',
      actor: { id: 'aisha.khan', role: 'caseworker' },
    };
    expect(isOutage(await submitApplication(api, firstWaste).catch((error) => error))).toBe(true);

    await pg.start();
    expect((await api.app.inject(submission(2))).statusCode).toBe(201);
    expect((await api.app.inject(submission(4, waste))).statusCode).toBe(201);
    expect((await submitApplication(api, firstWaste)).created).toBe(true);
    for (const server of [api.app, fresh]) {
      const me = await server.inject(graphql('{ me { id } }'));
      expect(me.json()).toEqual({ data: { me: { id: 'aisha.khan' } } });
    }
    expect((await api.app.inject('/health/ready')).statusCode).toBe(200);

    // The projections waited out the outage: nothing is stalled and they reach the head.
    await expectCaughtUp(api.pool, api.store, projections.names);
    expect(await readStalls(api.pool)).toEqual([]);
  }, 60_000);
});

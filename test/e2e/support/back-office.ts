import type { FastifyInstance } from 'fastify';
import { seededStaff } from '../../../cli/seed/staff';
import { liveUpdatesReactor, publishVia, startLiveUpdatesAtHead } from '../../../api/live-updates';
import { submitApplication } from '../../../eventstore/intake';
import { waitForProjections } from '../../../projections/checkpoints';
import { allProjections } from '../../../projections';
import { ProjectionRunner } from '../../../projections/runner';
import { openTestApi, type TestApi } from '../../support/api';
import { runProjections } from '../../support/projections';
import type { OidcClient } from '../../../api/auth/sign-in-config';
import { oidcTokenVerifier } from '../../../api/auth/tokens';
import { ensureUiBuilt, UI_DIST } from './ui-build';

/**
 * The whole back office for a browser to use: the API serving the built UI on a real
 * port, every projection and live updates running, the development identity provider
 * with the seeded staff (or, given `oidc`, staff signing in through that provider
 * instead), and a real clock (so "as of" times and deadlines mean something). Each test
 * file gets its own database schema.
 */
export interface BackOffice {
  url: string;
  api: TestApi;
  server: FastifyInstance;
  /** Submits an application through the real intake, as a web form would, and waits until queues show it. */
  submit(options?: {
    service?: string;
    channel?: 'web' | 'phone' | 'post' | 'assisted_digital';
    answers?: Record<string, unknown>;
  }): Promise<{ caseId: string; reference: string; revision: string }>;
  /** A GraphQL operation as a seeded member of staff, as another person's browser would send it. */
  graphqlAs(
    userId: string,
    query: string,
    variables?: Record<string, unknown>,
  ): Promise<Record<string, unknown>>;
  /** Waits until the read models have caught up with everything written so far. */
  caughtUp(): Promise<void>;
  close(): Promise<void>;
}

let submissions = 0;

export const startBackOffice = async (
  prefix: string,
  {
    oidc,
    databaseUrl,
  }: {
    oidc?: OidcClient | undefined;
    /** Another PostgreSQL server than the machine's (one a test stops and starts). */
    databaseUrl?: string;
  } = {},
): Promise<BackOffice> => {
  await ensureUiBuilt();
  const api = await openTestApi(prefix, {
    subscriptions: true,
    ...(databaseUrl ? { databaseUrl } : {}),
  });
  const intake = { ...api, clock: () => new Date() };
  for (const user of seededStaff(api.caseTypes.all)) await api.identity.saveStaffUser(user);
  const server = await api.anotherServer({
    intake,
    uiDist: UI_DIST,
    // Lag and stalls reported as `casework start` reports them.
    projections: { store: api.eventLog, list: allProjections(api.caseTypes) },
    ...(oidc
      ? { oidc, devIdentity: false, staffTokens: oidcTokenVerifier(oidc.issuer, oidc.audience) }
      : {}),
  });
  const projections = await runProjections(api.pool, api.store, api.db.schema);
  await startLiveUpdatesAtHead(api.pool, api.store);
  const liveUpdates = new ProjectionRunner({
    pool: api.pool,
    store: api.store,
    schema: api.db.schema,
    projection: liveUpdatesReactor(api.pool, publishVia(server.graphql.pubsub)),
    standbyRetryMs: 100,
  });
  liveUpdates.start();
  const address = await server.listen({ port: 0, host: '127.0.0.1' });
  const caughtUp = async () => {
    await waitForProjections(api.pool, ['cases'], await api.store.headPosition(), 10_000);
  };
  return {
    url: address,
    api,
    server,
    caughtUp,
    async submit({ service = 'carers-support-payment', channel = 'web', answers } = {}) {
      const caseType = api.caseTypes.byId(service)!;
      submissions += 1;
      const result = await submitApplication(intake, {
        service,
        channel,
        answers: answers ?? caseType.example,
        idempotencyKey: `${prefix}-${submissions}`,
        actor: { id: 'council-web-form', role: 'integrator' },
      });
      await caughtUp();
      return {
        caseId: result.caseId,
        reference: result.reference,
        revision: String(result.revision),
      };
    },
    async graphqlAs(userId, query, variables = {}) {
      const signedIn = await server.inject({
        method: 'POST',
        url: '/auth/token',
        payload: { userId },
      });
      const response = await server.inject({
        method: 'POST',
        url: '/graphql',
        headers: { authorization: `Bearer ${signedIn.json().token}` },
        payload: { query, variables },
      });
      const body = response.json();
      if (body.errors) throw new Error(`GraphQL refused: ${JSON.stringify(body.errors)}`);
      await caughtUp();
      return body.data;
    },
    async close() {
      await liveUpdates.stop();
      await projections.stop();
      await api.close();
    },
  };
};

import Fastify, { type FastifyInstance } from 'fastify';
import type { Redis } from 'ioredis';
import type { Pool } from 'pg';
import type { IntakeContext } from '../eventstore/intake';
import { DEFAULT_UNIT_COSTS, type UnitCosts } from '../projections/mi/kpis';
import type { IdentityStore } from './auth/identity-store';
import { devIdentityRoutes } from './auth/dev-identity';
import { authPlugin } from './auth/plugin';
import type { StaffTokenVerifier } from './auth/tokens';
import { signInOrigins } from './auth/oidc-provider';
import { signInConfigRoutes, type OidcClient } from './auth/sign-in-config';
import { activeStaffOnly, rememberingStaff } from './auth/staff-directory';
import { graphqlPlugin } from './graphql/plugin';
import { healthRoutes } from './health';
import { metricsPlugin } from './metrics';
import { securityHeaders } from './security-headers';
import type { DestinationRules } from '../workers/legacy-sync/destination';
import { projectionStatus } from '../projections/status';
import type { Projection } from '../projections/projection';
import type { EventLog } from '../eventstore/event-log';
import { boundedJsonBodies, retryAfterWhenUnavailable, sendProblem } from './problems';
import { loggerOptions } from './logging';
import type { FailedDelivery } from '../workers/legacy-sync/failed-deliveries';
import type { DestinationStream } from 'pino';
import { applicationRoutes } from './rest/applications';
import { openApiRoutes } from './rest/openapi';
import { serviceRoutes } from './rest/services';
import { webhookRoutes } from './rest/webhooks';
import { notifyCallbackRoutes } from './rest/notify-callbacks';
import { importRoutes } from './rest/imports';
import { queueDashboard } from './queue-dashboard';
import type { Queue } from 'bullmq';
import { uiRoutes } from './ui';

/** The composition root of the HTTP side: each area of the API is a plugin registered here. */
export interface ServerOptions {
  pool: Pool;
  redis: Redis;
  intake: IntakeContext;
  identity: IdentityStore;
  staffTokens: StaffTokenVerifier;
  /** Serve the development identity provider (never in production). */
  devIdentity: boolean;
  /** The department's OIDC provider, through which the UI signs staff in (none: development). */
  oidc?: OidcClient | undefined;
  production?: boolean;
  unitCosts?: UnitCosts;
  /** Emitter fanning subscription messages out across API processes (mqemitter-redis); none: no subscriptions. */
  subscriptionEmitter?: object;
  /** Projections whose lag /metrics and /health/ready report. */
  projections?: { store: EventLog; list: Projection[]; maxLagSeconds?: number };
  logLevel?: string;
  /** The workers' queues, for the administrators' dashboard at /admin/queues. */
  queues?: readonly Queue[];
  /** Jobs per worker queue and state, for /metrics. */
  jobs?: () => Promise<{ queue: string; state: string; count: number }[]>;
  /** The secret NI number search keys are made with (none: the development one). */
  searchSecret?: Buffer | undefined;
  /** Where webhook endpoints may point (default: public HTTPS addresses only). */
  webhookDestinations?: DestinationRules;
  /** The bearer token /metrics asks for (in production, none: /metrics is not served). */
  metricsToken?: string | undefined;
  /** The bearer token GOV.UK Notify sends with delivery receipts; none: no receipts route. */
  notifyCallbackToken?: string;
  /** The workers' retry of a failed webhook delivery, for administrators. */
  retryDelivery?: (id: string, by: string) => Promise<FailedDelivery>;
  /** Where logs go (standard output unless given): tests read them back. */
  logStream?: DestinationStream;
  /** The built back-office UI served at `/` (default: the package's ui/dist). */
  uiDist?: string;
}

export const buildServer = async (options: ServerOptions): Promise<FastifyInstance> => {
  const { pool, redis, intake, identity, devIdentity, oidc, logLevel = 'info' } = options;
  // Staff verified the same way for requests and subscriptions: OIDC staff join the
  // directory as they are first seen, then everyone must be active in it.
  const staffTokens = activeStaffOnly(
    oidc ? rememberingStaff(options.staffTokens, identity) : options.staffTokens,
    identity,
  );
  const app = Fastify({
    logger: loggerOptions(logLevel, options.logStream),
    bodyLimit: 1024 * 1024,
  });
  app.setErrorHandler(sendProblem);
  securityHeaders(app);
  boundedJsonBodies(app);
  retryAfterWhenUnavailable(app);
  app.setNotFoundHandler((request, reply) =>
    sendProblem(
      Object.assign(new Error(`No route ${request.method} ${request.url}`), { statusCode: 404 }),
      request,
      reply,
    ),
  );
  const lag = async () =>
    options.projections
      ? Promise.all(
          options.projections.list.map((p) =>
            projectionStatus(pool, options.projections!.store, p),
          ),
        )
      : [];
  await app.register(metricsPlugin, {
    lag,
    ...(options.jobs ? { jobs: options.jobs } : {}),
    access: { token: options.metricsToken, production: options.production ?? false },
  });
  await app.register(healthRoutes, {
    pool,
    redis,
    lag,
    maxLagSeconds: options.projections?.maxLagSeconds ?? 60,
  });
  await app.register(authPlugin, { identity, staffTokens });
  if (devIdentity) await app.register(devIdentityRoutes, { identity });
  await app.register(signInConfigRoutes, { oidc });
  await app.register(applicationRoutes, { intake });
  await app.register(serviceRoutes, { caseTypes: intake.caseTypes });
  const webhookDestinations = options.webhookDestinations ?? { allowPrivateNetworks: false };
  await app.register(webhookRoutes, { pool, destinations: webhookDestinations });
  await app.register(importRoutes, { intake, pool });
  if (options.queues) await app.register(queueDashboard, { queues: options.queues });
  if (options.notifyCallbackToken) {
    await app.register(notifyCallbackRoutes, {
      pool,
      store: intake.store,
      token: options.notifyCallbackToken,
      clock: intake.clock,
    });
  }
  await app.register(openApiRoutes, { caseTypes: intake.caseTypes });
  await app.register(graphqlPlugin, {
    backOffice: {
      ...intake,
      pool,
      identity,
      unitCosts: options.unitCosts ?? DEFAULT_UNIT_COSTS,
      projectionStatus: lag,
      webhookDestinations,
      searchSecret: options.searchSecret,
      ...(options.retryDelivery ? { retryDelivery: options.retryDelivery } : {}),
    },
    production: options.production ?? false,
    ...(options.subscriptionEmitter
      ? { subscriptions: { emitter: options.subscriptionEmitter, staffTokens } }
      : {}),
  });
  await app.register(uiRoutes, {
    ...(options.uiDist ? { dist: options.uiDist } : {}),
    ...(oidc ? { signInOrigins: signInOrigins(oidc.issuer) } : {}),
  });
  return app;
};

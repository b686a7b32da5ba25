import redisEmitter from 'mqemitter-redis';
import { liveUpdatesReactor, publishVia, startLiveUpdatesAtHead } from '../../api/live-updates';
import { buildServer } from '../../api/server';
import { ProjectionRunner } from '../../projections/runner';
import { scheduleRetention } from '../../workers/retention';
import type { OidcClient } from '../../api/auth/sign-in-config';
import type { Config } from '../config';
import { connectRedis, searchSecretOf, type Runtime } from '../runtime';
import { startProjectionRunners } from './projections';
import { runWorkers, untilStopped } from './worker';

/** The department's OIDC provider, as the UI signs staff in through it (none: development). */
export const oidcClientOf = (config: Config): OidcClient | undefined =>
  config.OIDC_ISSUER
    ? {
        issuer: config.OIDC_ISSUER,
        clientId: config.OIDC_CLIENT_ID,
        audience: config.OIDC_AUDIENCE,
      }
    : undefined;

/**
 * Serves the back office — API, projections and live updates — until SIGINT or SIGTERM,
 * then finishes in-flight requests and stops.
 */
export const start = async (runtime: Runtime): Promise<void> => {
  const { config } = runtime;
  const redis = connectRedis(config.REDIS_URL);
  await redis.connect().catch(() => {
    console.warn(
      `Redis is not reachable at ${config.REDIS_URL}: start Redis or set REDIS_URL (the back office reports not ready until it is).`,
    );
  });
  // Subscription messages travel through Redis, so every API process can deliver them.
  const emitter = redisEmitter({ connectionString: config.REDIS_URL });
  // Workers log through the app's logger once it exists; until then, to standard error.
  let logError = (message: string, error?: unknown) => console.error(message, error);
  const workers = runWorkers(runtime, (message, error) => logError(message, error));
  const app = await buildServer({
    pool: runtime.pool,
    redis,
    intake: runtime,
    identity: runtime.identity,
    staffTokens: runtime.staffTokens,
    devIdentity: runtime.devIdentity,
    oidc: oidcClientOf(config),
    production: config.NODE_ENV === 'production',
    metricsToken: config.METRICS_TOKEN,
    searchSecret: searchSecretOf(config),
    webhookDestinations: { allowPrivateNetworks: config.WEBHOOK_ALLOW_PRIVATE_NETWORKS },
    projections: { store: runtime.eventLog, list: runtime.projections },
    subscriptionEmitter: emitter,
    ...(config.UNIT_COSTS ? { unitCosts: config.UNIT_COSTS } : {}),
    logLevel: config.LOG_LEVEL,
    retryDelivery: (id, by) => workers.workers.retryDelivery(id, by),
    jobs: () => workers.workers.queues.counts(),
    queues: workers.workers.queues.all,
    ...(config.NOTIFY_CALLBACK_TOKEN ? { notifyCallbackToken: config.NOTIFY_CALLBACK_TOKEN } : {}),
  });
  const log = (message: string, error?: unknown) => app.log.error({ err: error }, message);
  logError = log;
  const info = (message: string) => app.log.info(message);
  const projections = startProjectionRunners(runtime, log, runtime.projections, info);
  await startLiveUpdatesAtHead(runtime.pool, runtime.store);
  const liveUpdates = new ProjectionRunner({
    pool: runtime.pool,
    store: runtime.store,
    schema: config.DATABASE_SCHEMA,
    projection: liveUpdatesReactor(runtime.pool, publishVia(app.graphql.pubsub)),
    log,
    info,
  });
  liveUpdates.start();
  const retention = scheduleRetention(runtime, {
    intervalMs: config.RETENTION_INTERVAL_MINUTES * 60_000,
    log: (message, error) => (error ? log(message, error) : app.log.info(message)),
  });
  await app.listen({ port: config.PORT, host: config.HOST });
  await untilStopped();
  await app.close();
  await Promise.all([projections.stop(), liveUpdates.stop(), retention.stop(), workers.stop()]);
  await new Promise<void>((resolve) => emitter.close(() => resolve()));
  redis.disconnect();
};

import { buildServer } from '../../api/server';
import { connectRedis, type Runtime } from '../runtime';
import { startProjectionRunners } from './projections';

/** Serves the back office until SIGINT or SIGTERM, then finishes in-flight requests and stops. */
export const start = async (runtime: Runtime): Promise<void> => {
  const { config } = runtime;
  const redis = connectRedis(config.REDIS_URL);
  await redis.connect().catch(() => {
    console.warn(
      `Redis is not reachable at ${config.REDIS_URL}: start Redis or set REDIS_URL (the back office reports not ready until it is).`,
    );
  });
  const app = await buildServer({
    pool: runtime.pool,
    redis,
    intake: runtime,
    identity: runtime.identity,
    staffTokens: runtime.staffTokens,
    devIdentity: runtime.devIdentity,
    production: config.NODE_ENV === 'production',
    projections: { store: runtime.store, list: runtime.projections },
    ...(config.UNIT_COSTS ? { unitCosts: config.UNIT_COSTS } : {}),
    logLevel: config.LOG_LEVEL,
  });
  const projections = startProjectionRunners(runtime, (message, error) =>
    app.log.error({ err: error }, message),
  );
  await app.listen({ port: config.PORT, host: config.HOST });
  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  await app.close();
  await projections.stop();
  redis.disconnect();
};

import type { FastifyPluginAsync } from 'fastify';
import type { Redis } from 'ioredis';
import type { Pool } from 'pg';

/**
 * /health/live: the process is up. /health/ready: it can do its job — PostgreSQL and
 * Redis answer. Load balancers send traffic only to ready instances.
 */
export interface HealthOptions {
  pool: Pool;
  redis: Redis;
  /** Projections' lag; ready only while every projection is within `maxLagSeconds`. */
  lag?: () => Promise<{ name: string; secondsBehind: number; eventsBehind: number }[]>;
  maxLagSeconds?: number;
  timeoutMs?: number;
}

const within = <T>(promise: Promise<T>, ms: number): Promise<T> =>
  Promise.race([
    promise,
    new Promise<T>((_, reject) =>
      setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms).unref(),
    ),
  ]);

const check = async (probe: () => Promise<unknown>, ms: number) => {
  try {
    await within(probe(), ms);
    return { status: 'ok' as const };
  } catch (error) {
    return { status: 'unavailable' as const, error: (error as Error).message };
  }
};

export const healthRoutes: FastifyPluginAsync<HealthOptions> = async (
  app,
  { pool, redis, lag = async () => [], maxLagSeconds = 60, timeoutMs = 2000 },
) => {
  app.get('/health/live', async () => ({ status: 'ok' }));

  app.get('/health/ready', async (_request, reply) => {
    const [postgres, redisCheck] = await Promise.all([
      check(() => pool.query('select 1'), timeoutMs),
      // The connection reconnects by itself; a ping fails at once while it is down.
      check(() => redis.ping(), timeoutMs),
    ]);
    const projections = postgres.status === 'ok' ? await lag().catch(() => []) : [];
    const behind = projections.filter((p) => p.secondsBehind > maxLagSeconds);
    const projectionCheck = behind.length
      ? {
          status: 'unavailable' as const,
          error: `${behind.map((p) => p.name).join(', ')} more than ${maxLagSeconds} s behind`,
        }
      : { status: 'ok' as const };
    const ready =
      postgres.status === 'ok' && redisCheck.status === 'ok' && projectionCheck.status === 'ok';
    return reply.code(ready ? 200 : 503).send({
      status: ready ? 'ok' : 'unavailable',
      checks: {
        postgres,
        redis: redisCheck,
        projections: { ...projectionCheck, lag: projections },
      },
    });
  });
};

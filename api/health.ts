import type { FastifyPluginAsync } from 'fastify';
import type { Redis } from 'ioredis';
import type { Pool } from 'pg';
import type { ProjectionStatus } from '../projections/status';

/**
 * /health/live: the process is up. /health/ready: this instance can serve — PostgreSQL and
 * Redis answer. Load balancers send traffic only to ready instances, so readiness never
 * depends on the read models: one stalled projection must not take every instance out of
 * rotation. /health/projections reports those on their own, for monitoring: each one's
 * lag and any stall, 503 while one is stalled or more than `maxLagSeconds` behind.
 */
export interface HealthOptions {
  pool: Pool;
  redis: Redis;
  /** Each projection's lag and stall. */
  lag?: () => Promise<ProjectionStatus[]>;
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
    const ready = postgres.status === 'ok' && redisCheck.status === 'ok';
    return reply.code(ready ? 200 : 503).send({
      status: ready ? 'ok' : 'unavailable',
      checks: { postgres, redis: redisCheck },
    });
  });

  app.get('/health/projections', async (_request, reply) => {
    let projections: ProjectionStatus[];
    try {
      projections = await within(lag(), timeoutMs);
    } catch (error) {
      return reply.code(503).send({ status: 'unavailable', error: (error as Error).message });
    }
    const stalled = projections.filter((p) => p.stall);
    const behind = projections.filter((p) => !p.stall && p.secondsBehind > maxLagSeconds);
    const problems = [
      ...stalled.map((p) => `${p.name} is stalled on event ${p.stall?.eventId}`),
      ...behind.map((p) => `${p.name} is more than ${maxLagSeconds} s behind`),
    ];
    return reply.code(problems.length ? 503 : 200).send({
      status: problems.length ? 'degraded' : 'ok',
      ...(problems.length ? { problems } : {}),
      projections: projections.map((p) => ({
        name: p.name,
        eventsBehind: p.eventsBehind,
        secondsBehind: p.secondsBehind,
        stall: p.stall,
      })),
    });
  });
};

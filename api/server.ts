import Fastify, { type FastifyInstance } from 'fastify';
import type { Redis } from 'ioredis';
import type { Pool } from 'pg';
import { healthRoutes } from './health';

/** The composition root of the HTTP side: each area of the API is a plugin registered here. */
export interface ServerOptions {
  pool: Pool;
  redis: Redis;
  logLevel?: string;
}

export const buildServer = async ({
  pool,
  redis,
  logLevel = 'info',
}: ServerOptions): Promise<FastifyInstance> => {
  const app = Fastify({
    logger: logLevel === 'silent' ? false : { level: logLevel },
    bodyLimit: 1024 * 1024,
  });
  await app.register(healthRoutes, { pool, redis });
  return app;
};

import { buildServer } from '../../api/server';
import { connectRedis } from '../../cli/runtime';
import { createTestSchema, type TestSchema } from '../support/database';

describe('/health/ready', () => {
  let db: TestSchema;
  beforeAll(async () => {
    db = await createTestSchema('health');
  });
  afterAll(async () => db.drop());

  it('is 200 when PostgreSQL and Redis answer', async () => {
    const redis = connectRedis('redis://127.0.0.1:6379');
    await redis.connect();
    const app = await buildServer({ pool: db.pool, redis, logLevel: 'silent' });
    const response = await app.inject('/health/ready');
    expect(response.statusCode).toBe(200);
    await app.close();
    redis.disconnect();
  });

  it('is 503 naming Redis when Redis does not answer, and live stays 200', async () => {
    const redis = connectRedis('redis://127.0.0.1:1');
    const app = await buildServer({ pool: db.pool, redis, logLevel: 'silent' });
    const response = await app.inject('/health/ready');
    expect(response.statusCode).toBe(503);
    expect(response.json()).toMatchObject({
      status: 'unavailable',
      checks: { postgres: { status: 'ok' }, redis: { status: 'unavailable' } },
    });
    expect((await app.inject('/health/live')).statusCode).toBe(200);
    await app.close();
    redis.disconnect();
  });
});

import { openTestApi, type TestApi } from '../support/api';

describe('/health', () => {
  let api: TestApi;
  afterEach(async () => api.close());

  it('ready is 200 when PostgreSQL and Redis answer', async () => {
    api = await openTestApi('health');
    const response = await api.app.inject('/health/ready');
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({
      status: 'ok',
      checks: { postgres: { status: 'ok' }, redis: { status: 'ok' } },
    });
  });

  it('ready is 503 naming Redis when Redis does not answer, and live stays 200', async () => {
    api = await openTestApi('health', { redisUrl: null });
    const response = await api.app.inject('/health/ready');
    expect(response.statusCode).toBe(503);
    expect(response.json()).toMatchObject({
      status: 'unavailable',
      checks: { postgres: { status: 'ok' }, redis: { status: 'unavailable' } },
    });
    expect((await api.app.inject('/health/live')).statusCode).toBe(200);
  });

  it('serves Prometheus metrics with request latency', async () => {
    api = await openTestApi('metrics');
    await api.app.inject('/health/live');
    const metrics = await api.app.inject('/metrics');
    expect(metrics.statusCode).toBe(200);
    expect(metrics.body).toContain('casework_http_request_duration_seconds_bucket');
    expect(metrics.body).toMatch(/route="\/health\/live",status="200"/);
  });
});

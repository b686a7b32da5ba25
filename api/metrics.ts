import type { FastifyPluginAsync } from 'fastify';
import fp from 'fastify-plugin';
import { Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { sameToken } from './auth/same-token';
import { Unauthenticated } from './problems';

/**
 * Prometheus metrics at /metrics: request latency by route and status, projection lag
 * in events and seconds, and the process's own figures. `lag` is read when scraped.
 */
export interface MetricsOptions {
  lag: () => Promise<
    { name: string; eventsBehind: number; secondsBehind: number; stall: object | null }[]
  >;
  /** Jobs per worker queue and state (waiting, active, delayed, failed), where workers run. */
  jobs?: () => Promise<{ queue: string; state: string; count: number }[]>;
  /**
   * Who may scrape: with a token, only a request bearing it; without one, anyone outside
   * production, and nobody in production (the route is not served).
   */
  access: { token?: string | undefined; production: boolean };
}

const plugin: FastifyPluginAsync<MetricsOptions> = async (app, { lag, jobs, access }) => {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'casework_' });
  const latency = new Histogram({
    name: 'casework_http_request_duration_seconds',
    help: 'HTTP request latency',
    labelNames: ['method', 'route', 'status'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [registry],
  });
  const eventsBehind = new Gauge({
    name: 'casework_projection_lag_events',
    help: 'Events a projection has still to apply',
    labelNames: ['projection'],
    registers: [registry],
  });
  const secondsBehind = new Gauge({
    name: 'casework_projection_lag_seconds',
    help: 'Age of the oldest event a projection has still to apply',
    labelNames: ['projection'],
    registers: [registry],
  });
  const stalled = new Gauge({
    name: 'casework_projection_stalled',
    help: 'Whether a projection has stopped on an event it cannot apply (1) or not (0)',
    labelNames: ['projection'],
    registers: [registry],
  });
  const queueJobs = new Gauge({
    name: 'casework_queue_jobs',
    help: 'Jobs in each worker queue, by state',
    labelNames: ['queue', 'state'],
    registers: [registry],
  });
  app.addHook('onResponse', async (request, reply) => {
    latency.observe(
      {
        method: request.method,
        route: request.routeOptions.url ?? 'unmatched',
        status: String(reply.statusCode),
      },
      reply.elapsedTime / 1000,
    );
  });
  if (access.production && !access.token) return;
  const { token } = access;
  app.get('/metrics', async (request, reply) => {
    if (token && !sameToken(request.headers.authorization ?? '', `Bearer ${token}`)) {
      throw new Unauthenticated('Give the metrics bearer token');
    }
    for (const p of await lag().catch(() => [])) {
      eventsBehind.set({ projection: p.name }, p.eventsBehind);
      secondsBehind.set({ projection: p.name }, p.secondsBehind);
      stalled.set({ projection: p.name }, p.stall ? 1 : 0);
    }
    for (const j of (await jobs?.().catch(() => [])) ?? []) {
      queueJobs.set({ queue: j.queue, state: j.state }, j.count);
    }
    return reply.type(registry.contentType).send(await registry.metrics());
  });
};

export const metricsPlugin = fp(plugin, { name: 'casework-metrics' });

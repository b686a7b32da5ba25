import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parseArgs } from 'node:util';
import { fakeAnswers, seededRandom } from '../../cli/seed/fake-answers';
import { caseTypeRegistry } from '../../domain/case-types';
import { submitApplication } from '../../eventstore/intake';
import { migrate } from '../../eventstore/postgres';
import { prepareProjections } from '../../projections';
import { ProjectionRunner } from '../../projections/runner';
import { startWorkers } from '../../workers';
import { failedDeliveryMigrations } from '../../workers/legacy-sync/failed-deliveries';
import { webhookMigrations } from '../../workers/legacy-sync/endpoints';
import { percentile, round } from '../support/stats';
import { openBenchWriteSide } from '../support/write-side';

/**
 * Legacy sync end to end: `--cases` applications submitted through the intake (up to
 * `--in-flight` at once) while the legacy-sync reactor and workers deliver each one as a
 * signed webhook to a local receiver. Reports deliveries per second and the latency from
 * a submission resolving to its webhook arriving. Last line: one JSON object of figures.
 */
const { values } = parseArgs({
  options: {
    cases: { type: 'string', default: '3000' },
    'in-flight': { type: 'string', default: '32' },
    concurrency: { type: 'string', default: '32' },
    'database-url': {
      type: 'string',
      default: process.env.BENCH_DATABASE_URL ?? 'postgres://127.0.0.1:5432/casework_bench',
    },
  },
});
const total = Number(values.cases);
const inFlight = Number(values['in-flight']);
const log = (message: string) => console.error(message);

const main = async () => {
  const schema = `bench_workers_${process.pid}`;
  const { store, pool, intake } = await openBenchWriteSide(values['database-url']!, schema);
  const submittedAt = new Map<string, number>();
  const latencies: number[] = [];
  let done: () => void = () => undefined;
  const allDelivered = new Promise<void>((resolve) => (done = resolve));
  const receiver = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString()));
    request.on('end', () => {
      const reference = (JSON.parse(body) as { subject: string }).subject;
      const at = submittedAt.get(reference);
      if (at !== undefined) latencies.push(performance.now() - at);
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ reference: `LEG-${latencies.length}` }));
      if (latencies.length === total) done();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/events`;
  await migrate(pool, schema, 'webhooks', webhookMigrations);
  await migrate(pool, schema, 'legacy-sync', failedDeliveryMigrations);
  await prepareProjections(pool, schema);
  await pool.query(
    `insert into webhook_endpoints (id, owner, owner_kind, url, secret, events)
     values ($1, 'bench-admin', 'staff', $2, $3, '{ApplicationSubmitted}')`,
    [randomUUID(), url, `whsec_${Buffer.alloc(24, 7).toString('base64')}`],
  );
  const workers = startWorkers({
    pool,
    store,
    caseTypes: caseTypeRegistry,
    clock: () => new Date(),
    concurrency: Number(values.concurrency),
    log: (m, e) => log(`${m}: ${String(e)}`),
    settings: {
      redisUrl: 'redis://127.0.0.1:6379',
      prefix: `bench-${schema}`,
      webhookAttempts: 3,
      webhookBackoffMs: 100,
      webhookTimeoutMs: 5000,
    },
  });
  const runners = workers.reactors.map(
    (projection) => new ProjectionRunner({ pool, store, projection, schema, log: (m) => log(m) }),
  );
  for (const runner of runners) runner.start();
  try {
    const submissions = Array.from({ length: total }, (_, n) => {
      const random = seededRandom(n + 1);
      const caseType = caseTypeRegistry.all[n % caseTypeRegistry.all.length]!;
      return {
        service: caseType.id,
        channel: 'web' as const,
        answers: fakeAnswers(caseType, random),
        idempotencyKey: `bench-workers-${n}`,
        actor: { id: 'web-form', role: 'integrator' },
      };
    });
    const started = performance.now();
    let next = 0;
    await Promise.all(
      Array.from({ length: inFlight }, async () => {
        while (next < submissions.length) {
          const submission = submissions[next++]!;
          const before = performance.now();
          const { reference } = await submitApplication(intake, submission);
          submittedAt.set(reference, before);
        }
      }),
    );
    const submitted = performance.now();
    await Promise.race([
      allDelivered,
      new Promise((_, reject) =>
        setTimeout(() => reject(new Error('deliveries stalled')), 120_000),
      ),
    ]);
    const finished = performance.now();
    const sorted = [...latencies].sort((a, b) => a - b);
    console.log(
      JSON.stringify({
        deliveries: latencies.length,
        submissionsPerSecond: round(total / ((submitted - started) / 1000)),
        jobsPerSecond: round(latencies.length / ((finished - started) / 1000)),
        p50Ms: round(percentile(sorted, 50)),
        p99Ms: round(percentile(sorted, 99)),
      }),
    );
  } finally {
    await Promise.all(runners.map((r) => r.stop()));
    await workers.close();
    receiver.close();
    await pool.query(`drop schema ${schema} cascade`);
    await store.close();
    await pool.end();
  }
};

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.stack : error);
  process.exit(1);
});

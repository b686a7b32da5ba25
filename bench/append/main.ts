import { randomUUID } from 'node:crypto';
import { parseArgs } from 'node:util';
import { ensureDatabase } from '../../eventstore/postgres';
import type { NewEvent } from '../../eventstore/port';
import { openBenchEventLog, storeKind } from '../support/event-log';
import { pgbenchInsertTps } from '../support/pgbench';
import { percentile, round } from '../support/stats';

/**
 * Append throughput and latency: N writers, each appending one event at a time to case
 * streams at an exact expected revision (as command handling does), for a fixed time.
 * Then pgbench single-row inserts with the same client count, in the same run.
 * `--store eventstoredb` measures the EventStoreDB at EVENTSTORE_CONNECTION_STRING instead.
 * Last line: one JSON object of figures.
 */
const { values } = parseArgs({
  options: {
    writers: { type: 'string', default: '16' },
    seconds: { type: 'string', default: '10' },
    'commits-in-flight': { type: 'string' },
    store: { type: 'string' },
    'database-url': {
      type: 'string',
      default: process.env.BENCH_DATABASE_URL ?? 'postgres://127.0.0.1:5432/casework_bench',
    },
  },
});
const writers = Number(values.writers);
const seconds = Number(values.seconds);
const url = values['database-url']!;
const kind = storeKind(values.store);

const applicationLikeEvent = (i: number): NewEvent => ({
  id: randomUUID(),
  type: 'ApplicationSubmitted',
  schemaVersion: 1,
  data: {
    channel: 'web',
    answers: {
      cares35HoursOrMore: true,
      weeklyEarnings: 12000 + i,
      relationship: 'parent',
      notes: 'x'.repeat(400),
    },
    personal: { answers: { firstName: 'Morag', lastName: 'Sample', postcode: 'G12 8QQ' } },
  },
  metadata: {
    actor: { id: 'bench', role: 'integrator' },
    channel: 'web',
    correlationId: randomUUID(),
    causationId: null,
    occurredAt: new Date().toISOString(),
  },
});

const main = async () => {
  await ensureDatabase(url);
  const schema = `bench_append_${process.pid}`;
  const commitsInFlight = values['commits-in-flight']
    ? Number(values['commits-in-flight'])
    : undefined;
  const { eventLog: store, pool } = await openBenchEventLog(kind, url, schema, { commitsInFlight });
  try {
    const latencies: number[] = [];
    const deadline = Date.now() + seconds * 1000;
    const writer = async (w: number) => {
      let stream = `case-${randomUUID()}`;
      let revision: bigint | 'no_stream' = 'no_stream';
      for (let i = 0; Date.now() < deadline; i++) {
        if (i % 10 === 0) {
          stream = `case-${randomUUID()}`;
          revision = 'no_stream';
        }
        const started = process.hrtime.bigint();
        const result = await store.appendToStream(stream, [applicationLikeEvent(i + w)], {
          expectedRevision: revision,
        });
        latencies.push(Number(process.hrtime.bigint() - started) / 1e6);
        revision = result.nextExpectedRevision;
      }
    };
    const started = Date.now();
    await Promise.all(Array.from({ length: writers }, (_, w) => writer(w)));
    const elapsed = (Date.now() - started) / 1000;
    latencies.sort((a, b) => a - b);
    const eventsPerSecond = latencies.length / elapsed;
    const pgbenchTps = await pgbenchInsertTps(url, pool, writers, seconds);
    console.log(
      JSON.stringify({
        store: kind,
        writers,
        seconds,
        events: latencies.length,
        eventsPerSecond: round(eventsPerSecond),
        p50Ms: percentile(latencies, 50),
        p99Ms: percentile(latencies, 99),
        pgbenchTps: round(pgbenchTps),
        ratio: round(eventsPerSecond / pgbenchTps, 3),
      }),
    );
  } finally {
    await store.close();
    await pool.query(`drop schema ${schema} cascade`).catch(() => undefined);
    await pool.end();
  }
};

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});

import { parseArgs } from 'node:util';
import type { Pool } from 'pg';
import type { EventLog } from '../../eventstore/event-log';
import { caseTypeRegistry } from '../../domain/case-types';
import { migrate, openPostgresEventStore } from '../../eventstore/postgres';
import { protect } from '../../eventstore/personal-data/protected-store';
import { subjectKeyMigrations } from '../../eventstore/personal-data/subject-keys';
import { allProjections, prepareProjections } from '../../projections';
import { rebuildProjections } from '../../projections/rebuild';
import { copyEventLog, copyLogMigrations } from '../../eventstore/eventstoredb/copy-log';
import type { EventStoreDbEventStore } from '../../eventstore/eventstoredb';
import { START } from '../../eventstore/position';
import { openBenchEventLog, storeKind } from '../support/event-log';
import { round } from '../support/stats';
import { writeSyntheticLog } from '../support/synthetic-log';

/**
 * Rebuild throughput: every projection rebuilt together (one read of the log, as
 * `casework rebuild` does) from a log of at least 1,000,000 realistic case events (generated once into schema `bench_rebuild`; `--fresh` makes it again).
 * `--store eventstoredb` copies that log to the EventStoreDB at EVENTSTORE_CONNECTION_STRING
 * (once, with `migrate-events`' copy) and rebuilds from there.
 * Last line: one JSON object of figures.
 */
const { values } = parseArgs({
  options: {
    events: { type: 'string', default: '1000000' },
    fresh: { type: 'boolean', default: false },
    store: { type: 'string' },
    'database-url': {
      type: 'string',
      default: process.env.BENCH_DATABASE_URL ?? 'postgres://127.0.0.1:5432/casework_bench',
    },
  },
});
const target = Number(values.events);
const url = values['database-url']!;
const schema = 'bench_rebuild';
const kind = storeKind(values.store);

const main = async () => {
  const { store: eventLog, pool } = await openPostgresEventStore({ url, schema });
  const store = protect(eventLog, pool);
  let source = store;
  try {
    await migrate(pool, schema, 'personal-data', subjectKeyMigrations);
    await prepareProjections(pool, schema);
    const existing = Number(
      (await pool.query<{ n: string }>('select count(*) as n from events')).rows[0]!.n,
    );
    const sealed = Number(
      (await pool.query<{ n: string }>('select count(*) as n from personal_data_keys')).rows[0]!.n,
    );
    if (values.fresh || existing < target || sealed === 0) {
      await pool.query('truncate events, streams, personal_data_keys');
      const started = Date.now();
      const written = await writeSyntheticLog(pool, {
        events: target,
        onProgress: (n) => n % 100_000 < 5000 && process.stderr.write(`generated ${n} events\n`),
      });
      await pool.query('analyze events');
      process.stderr.write(
        `generated ${written} events in ${((Date.now() - started) / 1000).toFixed(1)} s\n`,
      );
    }
    const events = Number(
      (await pool.query<{ n: string }>('select count(*) as n from events')).rows[0]!.n,
    );
    if (kind === 'eventstoredb') source = await copiedToEventStoreDb(eventLog, pool);
    const projections = allProjections(caseTypeRegistry);
    const started = Date.now();
    await rebuildProjections({
      pool,
      store: source,
      projections,
      onProgress: (n) => n % 100_000 < 5000 && process.stderr.write(`rebuilt ${n} events\n`),
    });
    const seconds = (Date.now() - started) / 1000;
    console.log(
      JSON.stringify({
        store: kind,
        events,
        projections: projections.map((p) => p.name).join(','),
        seconds: round(seconds, 1),
        eventsPerSecond: round(events / seconds),
      }),
    );
  } finally {
    if (source !== store) await source.close();
    await store.close();
    await pool.end();
  }
};

/** The synthetic log in EventStoreDB as well, copied there once; the store to rebuild from. */
const copiedToEventStoreDb = async (postgresLog: EventLog, pool: Pool) => {
  const { eventLog } = await openBenchEventLog('eventstoredb', url, schema);
  const target = eventLog as EventStoreDbEventStore;
  if ((await target.countAfter(START)) < (await postgresLog.countAfter(START))) {
    await migrate(pool, schema, 'event-log-copies', copyLogMigrations);
    const started = Date.now();
    const report = await copyEventLog({
      source: postgresLog,
      target,
      pool,
      targetName: 'bench',
      onProgress: (n) => process.stderr.write(`copied ${n} events to EventStoreDB\n`),
    });
    if (!report.ok) {
      throw new Error(
        `The copy to EventStoreDB does not verify: ${report.sourceEvents} events in PostgreSQL, ${report.targetEvents} in EventStoreDB, ${report.altered.length} streams differ`,
      );
    }
    process.stderr.write(`copied in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
  }
  return protect(target, pool);
};

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.stack : error);
  process.exit(1);
});

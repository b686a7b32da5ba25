import { parseArgs } from 'node:util';
import { caseTypeRegistry } from '../../domain/case-types';
import { migrate, openPostgresEventStore } from '../../eventstore/postgres';
import { protect } from '../../eventstore/personal-data/protected-store';
import { subjectKeyMigrations } from '../../eventstore/personal-data/subject-keys';
import { allProjections, prepareProjections } from '../../projections';
import { rebuildProjections } from '../../projections/rebuild';
import { round } from '../support/stats';
import { writeSyntheticLog } from '../support/synthetic-log';

/**
 * Rebuild throughput: every projection rebuilt together (one read of the log, as
 * `casework rebuild` does) from a log of at least 1,000,000 realistic case events (generated once into schema `bench_rebuild`; `--fresh` makes it again).
 * Last line: one JSON object of figures.
 */
const { values } = parseArgs({
  options: {
    events: { type: 'string', default: '1000000' },
    fresh: { type: 'boolean', default: false },
    'database-url': {
      type: 'string',
      default: process.env.BENCH_DATABASE_URL ?? 'postgres://127.0.0.1:5432/casework_bench',
    },
  },
});
const target = Number(values.events);
const url = values['database-url']!;
const schema = 'bench_rebuild';

const main = async () => {
  const { store: eventLog, pool } = await openPostgresEventStore({ url, schema });
  const store = protect(eventLog, pool);
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
    const projections = allProjections(caseTypeRegistry);
    const started = Date.now();
    await rebuildProjections({
      pool,
      store,
      projections,
      onProgress: (n) => n % 100_000 < 5000 && process.stderr.write(`rebuilt ${n} events\n`),
    });
    const seconds = (Date.now() - started) / 1000;
    console.log(
      JSON.stringify({
        events,
        projections: projections.map((p) => p.name).join(','),
        seconds: round(seconds, 1),
        eventsPerSecond: round(events / seconds),
      }),
    );
  } finally {
    await store.close();
    await pool.end();
  }
};

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.stack : error);
  process.exit(1);
});

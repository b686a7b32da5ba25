import type { Pool } from 'pg';
import { caseTypeRegistry } from '../../domain/case-types';
import type { EventStore } from '../../eventstore/port';
import { allProjections, prepareProjections } from '../../projections';
import type { Projection } from '../../projections/projection';
import { ProjectionRunner, type RunnerOptions } from '../../projections/runner';

/** Runs every projection in this process, as `casework start` does. */
export const runProjections = async (
  pool: Pool,
  store: EventStore,
  schema: string,
  projections?: Projection[],
  log: (message: string, error?: unknown) => void = (m, e) => console.error(m, e),
  /** Runner settings over the tests' own: quick retries, a stall after three attempts. */
  tuning: Partial<RunnerOptions> = {},
) => {
  await prepareProjections(pool, schema);
  const runners = (projections ?? allProjections(caseTypeRegistry)).map(
    (projection) =>
      new ProjectionRunner({
        pool,
        store,
        projection,
        schema,
        standbyRetryMs: 100,
        maxAttempts: 3,
        retryBackoffMs: 20,
        stallPollMs: 50,
        log,
        ...tuning,
      }),
  );
  for (const runner of runners) runner.start();
  return {
    runners,
    names: runners.map((r) => r.name),
    stop: () => Promise.all(runners.map((r) => r.stop())),
  };
};

/** Rows in one table and not the other, both ways: empty when a rebuild equals the live state. */
export const tableDifference = async (pool: Pool, live: string, rebuilt: string) => {
  const { rows } = await pool.query<{ n: number }>(
    `select (select count(*) from (select * from ${live} except all select * from ${rebuilt}) a)::int +
            (select count(*) from (select * from ${rebuilt} except all select * from ${live}) b)::int as n`,
  );
  return rows[0]!.n;
};

/** A few rows only in the live table and only in the rebuilt one, to show what a difference is. */
export const differingRows = async (pool: Pool, live: string, rebuilt: string, limit = 5) => {
  const rows = async (from: string, except: string) =>
    (await pool.query(`select * from ${from} except all select * from ${except} limit ${limit}`))
      .rows;
  return { onlyLive: await rows(live, rebuilt), onlyRebuilt: await rows(rebuilt, live) };
};

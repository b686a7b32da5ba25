import { randomUUID } from 'node:crypto';
import type { Pool } from 'pg';
import type { CaseTypeRegistry } from '../domain/case-types';
import { InvalidTransition } from '../domain/errors';
import { executeCaseCommand, type CaseCommandContext } from '../eventstore/case-commands';
import { nameBasedId } from '../eventstore/ids';
import { reclaimErasedKeys } from '../eventstore/personal-data/protected-store';
import type { Migration } from '../eventstore/postgres/migrate';
import { casesReadModelReady } from '../projections/cases/projection';

/**
 * Retention: each service keeps an applicant's personal data for a set period after the
 * case is closed or withdrawn (`retention` in its case type). Once that has run, the
 * retention job erases it — the same crypto-shredding an administrator can ask for,
 * recorded as a `PersonalDataErased` event by the system — and records each run.
 */
export const retentionMigrations: Migration[] = [
  {
    id: '001-retention-runs',
    sql: `
create table retention_runs (
  run_id uuid primary key,
  started_at timestamptz not null,
  finished_at timestamptz not null,
  erased jsonb not null,
  skipped jsonb not null,
  failed jsonb not null
);`,
  },
];

export const RETENTION_ACTOR = { id: 'retention', role: 'system' };

export interface DueCase {
  caseId: string;
  reference: string;
  service: string;
  closedAt: string;
  /** When the retention period ended: closed at + the service's period. */
  dueAt: string;
}

const periods = (caseTypes: CaseTypeRegistry) =>
  JSON.stringify(caseTypes.all.map((t) => ({ service: t.id, period: t.retention.afterClosure })));

/** Closed cases whose retention period has ended by `until` and whose data is not yet erased. */
export const casesDueForErasure = async (
  pool: Pool,
  caseTypes: CaseTypeRegistry,
  until: Date,
  limit = 1000,
): Promise<DueCase[]> => {
  const { rows } = await pool.query<DueCase & { closedAt: Date; dueAt: Date }>(
    `select c.case_id as "caseId", c.reference, c.service, c.closed_at as "closedAt",
            c.closed_at + p.period as "dueAt"
     from jsonb_to_recordset($1::jsonb) as p(service text, period interval)
     join cases c on c.service = p.service
       and c.closed_at is not null and c.personal_data_erased_at is null
       and c.closed_at <= $2::timestamptz - p.period
     order by "dueAt", c.case_id limit $3`,
    [periods(caseTypes), until.toISOString(), limit],
  );
  return rows.map((r) => ({
    ...r,
    closedAt: r.closedAt.toISOString(),
    dueAt: r.dueAt.toISOString(),
  }));
};

export interface RetentionReport {
  services: {
    service: string;
    afterClosure: string;
    basis: string;
    dueNow: number;
    dueWithin30Days: number;
  }[];
  due: DueCase[];
  lastRun: RetentionRun | null;
}

export interface RetentionRun {
  runId: string;
  startedAt: string;
  finishedAt: string;
  erased: string[];
  skipped: string[];
  failed: { reference: string; error: string }[];
}

/** What is due for erasure now and soon, per service, and what the last run did. */
export const retentionReport = async (
  pool: Pool,
  caseTypes: CaseTypeRegistry,
  now: Date,
  limit = 100,
): Promise<RetentionReport> => {
  const { rows } = await pool.query<{ service: string; due_now: number; due_soon: number }>(
    `select p.service,
            count(*) filter (where c.closed_at <= $2::timestamptz - p.period)::int as due_now,
            count(*) filter (where c.closed_at > $2::timestamptz - p.period)::int as due_soon
     from jsonb_to_recordset($1::jsonb) as p(service text, period interval)
     join cases c on c.service = p.service
       and c.closed_at is not null and c.personal_data_erased_at is null
       and c.closed_at <= $2::timestamptz + interval '30 days' - p.period
     group by p.service`,
    [periods(caseTypes), now.toISOString()],
  );
  const counts = new Map(rows.map((r) => [r.service, r]));
  const { rows: runs } = await pool.query<{ run: RetentionRun }>(
    `select jsonb_build_object('runId', run_id, 'startedAt', started_at, 'finishedAt', finished_at,
       'erased', erased, 'skipped', skipped, 'failed', failed) as run
     from retention_runs order by started_at desc limit 1`,
  );
  return {
    services: caseTypes.all.map((t) => ({
      service: t.id,
      afterClosure: t.retention.afterClosure,
      basis: t.retention.basis,
      dueNow: counts.get(t.id)?.due_now ?? 0,
      dueWithin30Days: counts.get(t.id)?.due_soon ?? 0,
    })),
    due: await casesDueForErasure(pool, caseTypes, now, limit),
    lastRun: runs[0]?.run ?? null,
  };
};

export interface RetentionContext extends CaseCommandContext {
  pool: Pool;
}

/**
 * Erases every case due at `now` (up to `limit` per run) and records the run. Safe to
 * repeat or to run after a crash: each erasure's command id derives from the case and
 * its closure, and a case erased meanwhile by someone else is skipped.
 */
export const applyRetention = async (
  context: RetentionContext,
  now: Date,
  limit = 1000,
): Promise<RetentionRun> => {
  const startedAt = new Date().toISOString();
  const run: RetentionRun = {
    runId: randomUUID(),
    startedAt,
    finishedAt: startedAt,
    erased: [],
    skipped: [],
    failed: [],
  };
  for (const due of await casesDueForErasure(context.pool, context.caseTypes, now, limit)) {
    const retention = context.caseTypes.byId(due.service)!.retention;
    try {
      await executeCaseCommand(
        context,
        due.caseId,
        {
          type: 'ErasePersonalData',
          actor: RETENTION_ACTOR,
          at: now.toISOString(),
          reason: `Retention period (${retention.afterClosure} after closure) ended on ${due.dueAt.slice(0, 10)}: ${retention.basis}`,
          retention: true,
        },
        { commandId: nameBasedId('retention', due.caseId, due.closedAt), channel: 'system' },
      );
      run.erased.push(due.reference);
    } catch (error) {
      if (error instanceof InvalidTransition) run.skipped.push(due.reference);
      else run.failed.push({ reference: due.reference, error: (error as Error).message });
    }
  }
  if (run.erased.length > 0) await reclaimErasedKeys(context.store);
  run.finishedAt = new Date().toISOString();
  await context.pool.query(
    `insert into retention_runs (run_id, started_at, finished_at, erased, skipped, failed)
     values ($1, $2, $3, $4, $5, $6)`,
    [
      run.runId,
      run.startedAt,
      run.finishedAt,
      JSON.stringify(run.erased),
      JSON.stringify(run.skipped),
      JSON.stringify(run.failed),
    ],
  );
  return run;
};

/**
 * Runs retention every `intervalMs` in whichever process holds the lock, so several
 * back-office processes erase each case once. A session lock, not a transaction: an
 * open transaction would hold back every reader of the event log.
 */
export const scheduleRetention = (
  context: RetentionContext,
  options: { intervalMs: number; log: (message: string, error?: unknown) => void },
): { stop(): Promise<void> } => {
  let running: Promise<void> = Promise.resolve();
  const LOCK = "hashtext('casework:retention')";
  const tick = async () => {
    const client = await context.pool.connect().catch((error: unknown) => {
      options.log('retention: cannot reach the database; it will run again', error);
      return undefined;
    });
    if (!client) return;
    try {
      const { rows } = await client.query<{ ok: boolean }>(
        `select pg_try_advisory_lock(${LOCK}) as ok`,
      );
      if (!rows[0]?.ok) return;
      try {
        // At start-up the cases read model may still be building: wait for the next run.
        if (!(await casesReadModelReady(client))) return;
        const run = await applyRetention(context, new Date());
        if (run.erased.length + run.failed.length > 0) {
          options.log(
            `retention: erased ${run.erased.length}, skipped ${run.skipped.length}, failed ${run.failed.length}`,
          );
        }
      } finally {
        await client.query(`select pg_advisory_unlock(${LOCK})`);
      }
    } catch (error) {
      options.log('retention run failed; it will run again', error);
    } finally {
      client.release();
    }
  };
  const timer = setInterval(() => {
    running = running.then(tick);
  }, options.intervalMs);
  timer.unref();
  running = running.then(tick);
  return {
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
};

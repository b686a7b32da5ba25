import type { JobsOptions, Queue } from 'bullmq';
import type { Pool } from 'pg';
import { DomainError, NotAllowed } from '../../domain/errors';
import { nameBasedId } from '../../eventstore/ids';
import type { Migration } from '../../eventstore/postgres/migrate';
import { recordOutcome, type DeliveryContext, type DeliveryJob } from './deliver';

/**
 * Deliveries that failed every attempt: recorded on the case (`LegacySyncFailed`) and
 * listed here for an administrator to retry once the receiving system is mended.
 */
export const failedDeliveryMigrations: Migration[] = [
  {
    id: '001-failed-deliveries',
    sql: `
create table failed_deliveries (
  id uuid primary key,
  job jsonb not null,
  error text not null,
  attempts integer not null,
  failed_at timestamptz not null default now(),
  retried_at timestamptz,
  retried_by text
);
create index on failed_deliveries (failed_at desc) where retried_at is null;`,
  },
];

export class DeliveryNotFound extends DomainError {
  override readonly name = 'DeliveryNotFound';
  readonly code = 'NOT_FOUND';
}

/** One job per endpoint, event and series of attempts. */
export const deliveryJobId = (job: DeliveryJob) => `${job.endpointId}.${job.eventId}.${job.series}`;

const failureId = (job: DeliveryJob) =>
  nameBasedId('legacy-sync-failed', job.endpointId, job.eventId, String(job.series));

export const recordFailure = async (
  context: DeliveryContext,
  job: DeliveryJob,
  error: string,
  attempts: number,
) => {
  await context.pool.query(
    `insert into failed_deliveries (id, job, error, attempts) values ($1, $2, $3, $4)
     on conflict (id) do nothing`,
    [failureId(job), JSON.stringify(job), error, attempts],
  );
  await recordOutcome(context, job, failureId(job), {
    type: 'LegacySyncFailed',
    data: { endpointId: job.endpointId, eventId: job.eventId, error, attempts },
  });
};

export interface FailedDelivery {
  id: string;
  endpointId: string;
  eventId: string;
  caseId: string;
  reference: string;
  service: string;
  error: string;
  attempts: number;
  failedAt: string;
  retriedAt: string | null;
  retriedBy: string | null;
}

const toFailed = (row: {
  id: string;
  job: DeliveryJob;
  error: string;
  attempts: number;
  failed_at: Date;
  retried_at: Date | null;
  retried_by: string | null;
}): FailedDelivery => ({
  id: row.id,
  endpointId: row.job.endpointId,
  eventId: row.job.eventId,
  caseId: row.job.caseId,
  reference: row.job.reference,
  service: row.job.service,
  error: row.error,
  attempts: row.attempts,
  failedAt: row.failed_at.toISOString(),
  retriedAt: row.retried_at?.toISOString() ?? null,
  retriedBy: row.retried_by,
});

/** Failed deliveries, newest first; those not yet retried unless `all`. */
export const failedDeliveries = async (pool: Pool, all = false, limit = 200) =>
  (
    await pool.query(
      `select * from failed_deliveries ${all ? '' : 'where retried_at is null'}
       order by failed_at desc limit $1`,
      [limit],
    )
  ).rows.map(toFailed);

/** Sends a failed delivery again, as a fresh series of attempts. */
export const retryDelivery = async (
  pool: Pool,
  queue: Queue,
  id: string,
  by: string,
  options: JobsOptions,
): Promise<FailedDelivery> => {
  const { rows } = await pool.query(
    `update failed_deliveries set retried_at = now(), retried_by = $2
     where id = $1 and retried_at is null returning *`,
    [id, by],
  );
  const row = rows[0];
  if (!row) {
    const exists = await pool.query('select 1 from failed_deliveries where id = $1', [id]);
    if (exists.rowCount) throw new NotAllowed('This delivery has already been retried');
    throw new DeliveryNotFound(`No failed delivery ${id}`);
  }
  const failed = toFailed(row);
  const job: DeliveryJob = {
    ...(row.job as DeliveryJob),
    series: (row.job as DeliveryJob).series + 1,
  };
  await queue.add('deliver', job, { ...options, jobId: deliveryJobId(job) });
  return failed;
};

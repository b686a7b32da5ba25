import type { JobsOptions, Queue } from 'bullmq';
import type { Pool, PoolClient } from 'pg';
import { CASE_STREAM_PREFIX } from '../../domain/events';
import type { StoredEvent } from '../../eventstore/port';
import type { Projection, Tables } from '../../projections/projection';
import type { DeliveryJob } from './deliver';
import { allEndpoints, wants } from './endpoints';
import { deliveryJobId } from './failed-deliveries';

/**
 * The legacy-sync reactor: follows the log and enqueues one delivery job per event and
 * endpoint that wants it (job id from the endpoint and event id). It remembers each
 * case's service, reference and submitter in `sync_cases`, in the same transaction as its
 * checkpoint, to decide who receives the case's later events.
 */
interface SyncCase {
  case_id: string;
  service: string;
  reference: string;
  submitted_by: string;
}

const caseIdOf = (e: StoredEvent) => e.streamId.slice(CASE_STREAM_PREFIX.length);

const submitted = (events: readonly StoredEvent[]): SyncCase[] =>
  events
    .filter((e) => e.type === 'ApplicationSubmitted' && e.streamId.startsWith(CASE_STREAM_PREFIX))
    .map((e) => ({
      case_id: caseIdOf(e),
      service: String(e.data.caseTypeId),
      reference: String(e.data.reference),
      submitted_by: e.metadata.actor.id,
    }));

export const legacySyncReactor = (
  pool: Pool,
  queue: Queue,
  jobOptions: JobsOptions,
): Projection => ({
  name: 'legacy-sync',
  version: 1,
  tables: ['sync_cases'],
  createTables: (t: Tables) => `
create table ${t.sync_cases} (
  case_id uuid primary key,
  service text not null,
  reference text not null,
  submitted_by text not null
);`,
  createIndexes: () => 'select 1',
  async react(events) {
    const endpoints = await allEndpoints(pool);
    if (endpoints.length === 0) return;
    const caseEvents = events.filter((e) => e.streamId.startsWith(CASE_STREAM_PREFIX));
    const cases = new Map(submitted(caseEvents).map((c) => [c.case_id, c]));
    const earlier = [...new Set(caseEvents.map(caseIdOf))].filter((id) => !cases.has(id));
    if (earlier.length > 0) {
      const { rows } = await pool.query<SyncCase>(
        'select case_id, service, reference, submitted_by from sync_cases where case_id = any($1::uuid[])',
        [earlier],
      );
      for (const row of rows) cases.set(row.case_id, row);
    }
    const jobs = caseEvents.flatMap((event) => {
      const sync = cases.get(caseIdOf(event));
      if (!sync) return [];
      return endpoints
        .filter((ep) =>
          wants(ep, event.type, { service: sync.service, submittedBy: sync.submitted_by }),
        )
        .map((ep) => {
          const data: DeliveryJob = {
            endpointId: ep.id,
            eventId: event.id,
            streamId: event.streamId,
            revision: String(event.revision),
            caseId: sync.case_id,
            reference: sync.reference,
            service: sync.service,
            series: 0,
          };
          return { name: 'deliver', data, opts: { ...jobOptions, jobId: deliveryJobId(data) } };
        });
    });
    if (jobs.length > 0) await queue.addBulk(jobs);
  },
  async apply(tx: PoolClient, events: readonly StoredEvent[], t: Tables) {
    const rows = submitted(events);
    if (rows.length === 0) return;
    await tx.query(
      `insert into ${t.sync_cases} (case_id, service, reference, submitted_by)
       select * from jsonb_to_recordset($1::jsonb)
         as x(case_id uuid, service text, reference text, submitted_by text)
       on conflict (case_id) do nothing`,
      [JSON.stringify(rows)],
    );
  },
});

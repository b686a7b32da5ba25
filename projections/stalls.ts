import type { Pool, PoolClient } from 'pg';
import { scrub } from '../domain/personal-data';
import type { Migration } from '../eventstore/postgres/migrate';
import type { StoredEvent } from '../eventstore/port';
import type { Position } from '../eventstore/position';

/**
 * A projection that cannot apply an event stops there — only that projection, never
 * skipping the event — and says so here: which event, where, and the error. The row
 * outlives the process, so `casework projections`, `/metrics`, `/health/projections` and
 * the administrators' page all see it, and it goes once the projection gets past the
 * event (after a fix is deployed, by itself, or when asked with `casework projections
 * resume <name>`).
 */
export const stallMigrations: readonly Migration[] = [
  {
    id: '002-projection-stalls',
    sql: `
create table projection_stalls (
  name text primary key,
  event_id text not null,
  event_type text not null,
  stream_id text not null,
  position text not null,
  error text not null,
  attempts integer not null,
  stalled_at timestamptz not null default now(),
  last_attempt_at timestamptz not null default now(),
  resume_requested_at timestamptz
);`,
  },
];

export interface ProjectionStall {
  name: string;
  eventId: string;
  eventType: string;
  streamId: string;
  position: Position;
  error: string;
  attempts: number;
  stalledAt: string;
  lastAttemptAt: string;
  resumeRequestedAt: string | null;
}

type Db = Pick<Pool | PoolClient, 'query'>;

const MAX_ERROR_LENGTH = 500;

/**
 * What went wrong, fit to show operators: the error's kind and message only (never a
 * database's detail, which can quote the row), scrubbed of anything personal.
 */
export const describeFailure = (error: unknown): string => {
  const { name, message } =
    error instanceof Error ? error : { name: 'Error', message: String(error) };
  return scrub(`${name}: ${message}`).slice(0, MAX_ERROR_LENGTH);
};

const COLUMNS = `name, event_id as "eventId", event_type as "eventType", stream_id as "streamId",
  position, error, attempts,
  to_char(stalled_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as "stalledAt",
  to_char(last_attempt_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as "lastAttemptAt",
  to_char(resume_requested_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as "resumeRequestedAt"`;

/** Records (or updates) the stall of a projection on an event. */
export const recordStall = async (
  db: Db,
  name: string,
  event: StoredEvent,
  error: unknown,
  attempts: number,
): Promise<void> => {
  await db.query(
    `insert into projection_stalls (name, event_id, event_type, stream_id, position, error, attempts)
     values ($1, $2, $3, $4, $5, $6, $7)
     on conflict (name) do update set
       stalled_at = case when projection_stalls.event_id = excluded.event_id
                         then projection_stalls.stalled_at else now() end,
       event_id = excluded.event_id, event_type = excluded.event_type,
       stream_id = excluded.stream_id, position = excluded.position, error = excluded.error,
       attempts = case when projection_stalls.event_id = excluded.event_id
                       then projection_stalls.attempts + excluded.attempts else excluded.attempts end,
       last_attempt_at = now(), resume_requested_at = null`,
    [name, event.id, event.type, event.streamId, event.position, describeFailure(error), attempts],
  );
};

export const readStall = async (db: Db, name: string): Promise<ProjectionStall | undefined> =>
  (
    await db.query<ProjectionStall>(`select ${COLUMNS} from projection_stalls where name = $1`, [
      name,
    ])
  ).rows[0];

export const readStalls = async (db: Db): Promise<ProjectionStall[]> =>
  (await db.query<ProjectionStall>(`select ${COLUMNS} from projection_stalls order by name`)).rows;

/** The projection got past its stall (or was rebuilt): nothing is held up any more. */
export const clearStall = async (db: Db, name: string): Promise<void> => {
  await db.query('delete from projection_stalls where name = $1', [name]);
};

/** Asks a stalled projection's runner to try its event again now. False if it is not stalled. */
export const requestResume = async (db: Db, name: string): Promise<boolean> => {
  const { rowCount } = await db.query(
    'update projection_stalls set resume_requested_at = now() where name = $1',
    [name],
  );
  return rowCount === 1;
};

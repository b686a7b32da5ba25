import { EventEmitter } from 'node:events';
import type { Pool, PoolClient } from 'pg';
import type { Migration } from '../eventstore/postgres/migrate';
import type { Position } from '../eventstore/position';
import { stallMigrations } from './stalls';

/**
 * Where each projection has got to in the global log. A projection's checkpoint moves
 * in the same transaction as its read-model changes.
 */
export const checkpointMigrations: readonly Migration[] = [
  {
    id: '001-projection-checkpoints',
    sql: `
create table projection_checkpoints (
  name text primary key,
  version integer not null,
  position text not null,
  events_applied bigint not null default 0,
  updated_at timestamptz not null default now()
);`,
  },
  ...stallMigrations,
];

export interface Checkpoint {
  name: string;
  version: number;
  position: Position;
  eventsApplied: number;
  updatedAt: Date;
}

type Db = Pick<Pool | PoolClient, 'query'>;

export const readCheckpoint = async (
  db: Db,
  name: string,
  lock = false,
): Promise<Checkpoint | undefined> => {
  const { rows } = await db.query<{
    name: string;
    version: number;
    position: Position;
    events_applied: string;
    updated_at: Date;
  }>(
    `select name, version, position, events_applied, updated_at from projection_checkpoints
     where name = $1 ${lock ? 'for update' : ''}`,
    [name],
  );
  const row = rows[0];
  return row
    ? {
        name: row.name,
        version: row.version,
        position: row.position,
        eventsApplied: Number(row.events_applied),
        updatedAt: row.updated_at,
      }
    : undefined;
};

export const readCheckpoints = async (db: Db): Promise<Checkpoint[]> => {
  const { rows } = await db.query<{ name: string }>(
    'select name from projection_checkpoints order by name',
  );
  const all = await Promise.all(rows.map((r) => readCheckpoint(db, r.name)));
  return all.filter((c): c is Checkpoint => c !== undefined);
};

/** In-process news of checkpoints moving, so waiting for a projection needs no polling here. */
export const checkpointMoves = new EventEmitter();
checkpointMoves.setMaxListeners(0);

/**
 * Read-your-writes: waits until every named projection has applied the event at
 * `position` (or later), or is stalled, for at most `timeoutMs`. Resolves false on timeout.
 */
export const waitForProjections = async (
  pool: Pool,
  names: readonly string[],
  position: Position,
  timeoutMs = 5000,
): Promise<boolean> => {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    // A stalled projection will not get there by waiting: the answer goes without it.
    const { rows } = await pool.query<{ n: number }>(
      `select count(*)::int as n from projection_checkpoints c
       where name = any($1)
         and (position >= $2 or exists (select 1 from projection_stalls s where s.name = c.name))`,
      [names, position],
    );
    if (rows[0]!.n === names.length) return true;
    const left = deadline - Date.now();
    if (left <= 0) return false;
    // Woken at once by a runner in this process; projections elsewhere are polled.
    await new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(timer);
        checkpointMoves.off('moved', done);
        resolve();
      };
      const timer = setTimeout(done, Math.min(left, 25));
      checkpointMoves.on('moved', done);
    });
  }
};

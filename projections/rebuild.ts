import type { Pool, PoolClient } from 'pg';
import type { EventStore, StoredEvent } from '../eventstore/port';
import { START, type Position } from '../eventstore/position';
import { checkpointMoves, readCheckpoint } from './checkpoints';
import { liveTables, rebuildTables, type Projection, type Tables } from './projection';

/**
 * Rebuilds a projection from the whole log without downtime: fill fresh `__next` tables
 * beside the live ones, in short transactions (a long one would hold back every
 * subscriber's view of the log), then in one transaction that locks the checkpoint —
 * pausing the live runner — apply what arrived meanwhile, swap the tables in and move the
 * checkpoint. Readers see the old tables until the swap commits.
 */
export interface RebuildOptions {
  pool: Pool;
  store: EventStore;
  projection: Projection;
  pageSize?: number;
  /** Fill the `__next` tables but leave them beside the live ones (used to compare). */
  swap?: boolean;
  onProgress?: (eventsApplied: number) => void;
}

const readPage = async (store: EventStore, after: Position, max: number) => {
  const page: StoredEvent[] = [];
  for await (const event of store.readAll(after, { maxCount: max })) page.push(event);
  return page;
};

const dropTables = (t: Tables) =>
  Object.values(t)
    .map((name) => `drop table if exists ${name} cascade;`)
    .join('\n');

/** Renames a rebuilt table and its indexes to the live names. */
const renameToLive = async (tx: PoolClient, next: string, live: string) => {
  await tx.query(`alter table ${next} rename to ${live}`);
  const { rows } = await tx.query<{ indexname: string }>(
    'select indexname from pg_indexes where schemaname = current_schema() and tablename = $1',
    [live],
  );
  for (const { indexname } of rows) {
    if (indexname.startsWith(next)) {
      await tx.query(`alter index ${indexname} rename to ${live}${indexname.slice(next.length)}`);
    }
  }
};

const applyInTransaction = async (
  pool: Pool,
  projection: Projection,
  events: readonly StoredEvent[],
  t: Tables,
) => {
  const tx = await pool.connect();
  try {
    await tx.query('begin');
    await projection.apply(tx, events, t);
    await tx.query('commit');
  } catch (error) {
    await tx.query('rollback').catch(() => undefined);
    throw error;
  } finally {
    tx.release();
  }
};

/** A projection's first run: empty live tables and a checkpoint at the start of the log. */
export const createProjection = async (pool: Pool, projection: Projection): Promise<void> => {
  const tx = await pool.connect();
  try {
    await tx.query('begin');
    const { rowCount } = await tx.query(
      `insert into projection_checkpoints (name, version, position) values ($1, $2, $3) on conflict do nothing`,
      [projection.name, projection.version, START],
    );
    if (rowCount === 1)
      await tx.query(
        `${dropTables(liveTables(projection))}\n${projection.createTables(liveTables(projection))}`,
      );
    await tx.query('commit');
  } catch (error) {
    await tx.query('rollback').catch(() => undefined);
    throw error;
  } finally {
    tx.release();
  }
};

export const rebuildProjection = async ({
  pool,
  store,
  projection,
  pageSize = 5000,
  swap = true,
  onProgress,
}: RebuildOptions): Promise<{ events: number; position: Position }> => {
  const next = rebuildTables(projection);
  const live = liveTables(projection);
  await pool.query(`${dropTables(next)}\n${projection.createTables(next)}`);
  let cursor: Position = START;
  let applied = 0;
  for (;;) {
    const page = await readPage(store, cursor, pageSize);
    if (page.length === 0) break;
    await applyInTransaction(pool, projection, page, next);
    cursor = page[page.length - 1]!.position;
    applied += page.length;
    onProgress?.(applied);
    if (page.length < pageSize) break;
  }
  if (!swap) return { events: applied, position: cursor };

  const tx = await pool.connect();
  try {
    await tx.query('begin');
    await tx.query(
      `insert into projection_checkpoints (name, version, position) values ($1, $2, $3) on conflict do nothing`,
      [projection.name, projection.version, START],
    );
    await readCheckpoint(tx, projection.name, true); // the live runner waits from here to commit
    for (;;) {
      const page = await readPage(store, cursor, pageSize);
      if (page.length === 0) break;
      await projection.apply(tx, page, next);
      cursor = page[page.length - 1]!.position;
      applied += page.length;
    }
    await tx.query(dropTables(live));
    for (const name of projection.tables) await renameToLive(tx, next[name]!, live[name]!);
    await tx.query(
      `update projection_checkpoints set version = $2, position = $3, events_applied = $4, updated_at = now()
       where name = $1`,
      [projection.name, projection.version, cursor, applied],
    );
    await tx.query('commit');
  } catch (error) {
    await tx.query('rollback').catch(() => undefined);
    throw error;
  } finally {
    tx.release();
  }
  checkpointMoves.emit('moved', projection.name, cursor);
  onProgress?.(applied);
  return { events: applied, position: cursor };
};

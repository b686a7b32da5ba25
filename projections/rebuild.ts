import type { Pool, PoolClient } from 'pg';
import { readPage } from '../eventstore/personal-data/protected-store';
import { inTransaction } from '../eventstore/postgres/transaction';
import type { EventStore, StoredEvent } from '../eventstore/port';
import { START, type Position } from '../eventstore/position';
import { checkpointMoves, readCheckpoint } from './checkpoints';
import {
  applyNamingCulprit,
  liveTables,
  rebuildTables,
  type Projection,
  type Tables,
} from './projection';
import { clearStall } from './stalls';

/**
 * Rebuilds projections from the whole log without downtime: fill fresh `__next` tables
 * beside the live ones — reading the log once for all of them, the next page fetched
 * while the last is applied, each projection in its own short transactions (a long one
 * would hold back every subscriber's view of the log) — index them, then, per
 * projection, in one transaction that locks its checkpoint (pausing its live runner),
 * apply what arrived meanwhile, swap the tables in and move the checkpoint. Readers see
 * the old tables until the swap commits.
 */
export interface RebuildOptions {
  pool: Pool;
  store: EventStore;
  projections: readonly Projection[];
  pageSize?: number;
  /** Fill the `__next` tables but leave them beside the live ones (used to compare). */
  swap?: boolean;
  onProgress?: (eventsRead: number) => void;
}

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

/** A projection's first run: empty live tables and a checkpoint at the start of the log. */
export const createProjection = async (pool: Pool, projection: Projection): Promise<void> => {
  const t = liveTables(projection);
  await inTransaction(pool, async (tx) => {
    const { rowCount } = await tx.query(
      `insert into projection_checkpoints (name, version, position) values ($1, $2, $3) on conflict do nothing`,
      [projection.name, projection.version, START],
    );
    if (rowCount === 1) {
      await tx.query(
        [dropTables(t), projection.createTables(t), projection.createIndexes(t)].join(';\n'),
      );
    }
  });
};

/** Applies what arrived since `from`, swaps the rebuilt tables in and moves the checkpoint. */
const swapIn = async (
  pool: Pool,
  store: EventStore,
  projection: Projection,
  from: Position,
  applied: number,
  pageSize: number,
) =>
  inTransaction(pool, async (tx) => {
    const next = rebuildTables(projection);
    const live = liveTables(projection);
    await tx.query(
      `insert into projection_checkpoints (name, version, position) values ($1, $2, $3) on conflict do nothing`,
      [projection.name, projection.version, START],
    );
    await readCheckpoint(tx, projection.name, true); // the live runner waits from here to commit
    let cursor = from;
    let total = applied;
    for (;;) {
      const page = await readPage(store, cursor, pageSize);
      if (page.length === 0) break;
      await applyNamingCulprit(tx, projection, page, next);
      cursor = page[page.length - 1]!.position;
      total += page.length;
    }
    await tx.query(dropTables(live));
    for (const name of projection.tables) await renameToLive(tx, next[name]!, live[name]!);
    await tx.query(
      `update projection_checkpoints set version = $2, position = $3, events_applied = $4, updated_at = now()
       where name = $1`,
      [projection.name, projection.version, cursor, total],
    );
    // Every event is applied now: whatever the projection was stalled on is behind it.
    await clearStall(tx, projection.name);
    return cursor;
  });

/** Applies one page to a projection's `__next` tables in a transaction of its own. */
const applyPage = (pool: Pool, projection: Projection, page: readonly StoredEvent[]) =>
  inTransaction(pool, async (tx) => {
    // Tables being rebuilt are not yet read by anyone and a crash starts the rebuild
    // again, so their commits need not wait for the disk; the swap still does.
    await tx.query('set local synchronous_commit = off');
    await applyNamingCulprit(tx, projection, page, rebuildTables(projection));
  });

/**
 * Marks a promise that is awaited later as handled now: one that fails while the fill
 * awaits something else must not end the process as an unhandled rejection. Awaiting it
 * still throws its error.
 */
const handled = <T>(promise: Promise<T>): Promise<T> => {
  promise.catch(() => undefined);
  return promise;
};

/** How many pages the reader may be ahead of the slowest projection. */
const PAGES_AHEAD = 3;

/**
 * Fills every projection's `__next` tables and indexes them. Each projection takes the
 * pages in order at its own pace, so a quick one and the reader work while a slow one's
 * statements run; the reader waits once it is `PAGES_AHEAD` pages in front.
 */
const fill = async (
  pool: Pool,
  store: EventStore,
  projections: readonly Projection[],
  pageSize: number,
  onProgress?: (eventsRead: number) => void,
) => {
  let cursor: Position = START;
  let read = 0;
  let applied = 0;
  let chains = projections.map(() => Promise.resolve());
  const inFlight: Promise<void>[] = [];
  let pending = handled(readPage(store, cursor, pageSize));
  try {
    for (;;) {
      const page = await pending;
      if (page.length === 0) break;
      cursor = page[page.length - 1]!.position;
      read += page.length;
      pending = handled(
        page.length < pageSize ? Promise.resolve([]) : readPage(store, cursor, pageSize),
      );
      chains = chains.map((chain, i) => chain.then(() => applyPage(pool, projections[i]!, page)));
      const done = Promise.all(chains).then(() => {
        applied += page.length;
        onProgress?.(applied);
      });
      inFlight.push(handled(done));
      if (inFlight.length >= PAGES_AHEAD) await inFlight.shift();
    }
  } finally {
    // Whatever failed, nothing is left running against the tables or the pool.
    await Promise.allSettled([pending, ...inFlight]);
  }
  await Promise.all(inFlight);
  await Promise.all(
    projections.map((p, i) => chains[i]!.then(() => pool.query(p.createIndexes(rebuildTables(p))))),
  );
  return { read, cursor };
};

export const rebuildProjections = async ({
  pool,
  store,
  projections,
  pageSize = 10_000,
  swap = true,
  onProgress,
}: RebuildOptions): Promise<{ events: number; position: Position }> => {
  await Promise.all(
    projections.map((p) =>
      pool.query(`${dropTables(rebuildTables(p))}\n${p.createTables(rebuildTables(p))}`),
    ),
  );
  const { read, cursor } = await fill(pool, store, projections, pageSize, onProgress);
  if (!swap) return { events: read, position: cursor };
  let position = cursor;
  for (const projection of projections) {
    position = await swapIn(pool, store, projection, cursor, read, pageSize);
    checkpointMoves.emit('moved', projection.name, position);
  }
  return { events: read, position };
};

/** Rebuilds one projection (see `rebuildProjections`). */
export const rebuildProjection = (
  options: Omit<RebuildOptions, 'projections'> & { projection: Projection },
) => rebuildProjections({ ...options, projections: [options.projection] });

import type { PoolClient } from 'pg';
import { isOutage } from '../eventstore/outage';
import type { StoredEvent } from '../eventstore/port';

/**
 * A projection turns events into rows of read-model tables. The runner gives it batches
 * of events in global order, inside a transaction that also moves its checkpoint, so a
 * batch is applied exactly once or not at all.
 *
 * Table names are not fixed: `tables` maps each logical name (e.g. `cases`) to the
 * physical table to use, so `casework rebuild` can build fresh tables beside the live
 * ones and swap them in. Use `t.cases` in SQL, never a literal name. Leave indexes and
 * constraints unnamed so the same DDL works for both sets of tables.
 */
export type Tables = Record<string, string>;

export interface Projection {
  /** Stable name: the checkpoint key, and what `casework rebuild <name>` takes. */
  name: string;
  /** Bumped when the tables or the meaning of rows change; a new version is rebuilt. */
  version: number;
  /** Logical names of the tables this projection owns. */
  tables: readonly string[];
  /** DDL creating every table (with its primary key) under the names given. */
  createTables(t: Tables): string;
  /** DDL creating the other indexes; a rebuild runs it after loading the rows. */
  createIndexes(t: Tables): string;
  /** Applies a batch of events (any types; ignore the ones it does not use). */
  apply(tx: PoolClient, events: readonly StoredEvent[], t: Tables): Promise<void>;
  /**
   * Reactors only: the batch's effects outside the database (enqueueing jobs, publishing
   * messages), run before its transaction so a slow outside system never holds one open
   * (an open transaction hides every later commit from readers of the log). Must be
   * idempotent: a batch is reacted to again if its transaction then fails. Rebuilds
   * never react.
   */
  react?(events: readonly StoredEvent[]): Promise<void>;
}

/**
 * A reactor with no read model of its own: only its checkpoint and its effects. (Its
 * DDL is a no-op statement because a projection's first run executes it.)
 */
export const reactorOf = (
  name: string,
  react: (events: readonly StoredEvent[]) => Promise<void>,
): Projection => ({
  name,
  version: 1,
  tables: [],
  createTables: () => 'select 1',
  createIndexes: () => 'select 1',
  apply: async () => undefined,
  react,
});

/** The live table names of a projection: the logical names themselves. */
export const liveTables = (projection: Projection): Tables =>
  Object.fromEntries(projection.tables.map((name) => [name, name]));

/** Names of the tables a rebuild fills before they are swapped in. */
export const rebuildTables = (projection: Projection): Tables =>
  Object.fromEntries(projection.tables.map((name) => [name, `${name}__next`]));

/** A projection could not apply this event: what stops on it names it. */
export class EventNotApplied extends Error {
  override readonly name = 'EventNotApplied';
  constructor(
    readonly projection: string,
    readonly event: StoredEvent,
    cause: unknown,
  ) {
    super(
      `${projection} cannot apply event ${event.id} (${event.type}): ${
        cause instanceof Error ? cause.message : String(cause)
      }`,
      { cause },
    );
  }
}

/**
 * Applies events inside the caller's transaction; if they fail together, applies them one
 * at a time to find the one that fails, and throws `EventNotApplied` naming it (the ones
 * before it stay applied). An outage is rethrown as it is: it is no event's fault.
 */
export const applyNamingCulprit = async (
  tx: PoolClient,
  projection: Projection,
  events: readonly StoredEvent[],
  t: Tables,
): Promise<void> => {
  await tx.query('savepoint batch');
  try {
    await projection.apply(tx, events, t);
    await tx.query('release savepoint batch');
    return;
  } catch (error) {
    if (isOutage(error)) throw error;
    await tx.query('rollback to savepoint batch');
  }
  for (const event of events) {
    await tx.query('savepoint one');
    try {
      await projection.apply(tx, [event], t);
      await tx.query('release savepoint one');
    } catch (error) {
      if (isOutage(error)) throw error;
      await tx.query('rollback to savepoint one');
      throw new EventNotApplied(projection.name, event, error);
    }
  }
};

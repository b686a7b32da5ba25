import type { Pool } from 'pg';
import type { EventLog } from '../../eventstore/event-log';
import { openEventStoreDbEventStore } from '../../eventstore/eventstoredb';
import { createPool, ensureDatabase, openPostgresEventStore } from '../../eventstore/postgres';

export type StoreKind = 'postgres' | 'eventstoredb';

/**
 * `--store postgres` (default) or `--store eventstoredb` (or EVENT_STORE), for the
 * benchmarks that measure the log itself. EventStoreDB is the server at
 * EVENTSTORE_CONNECTION_STRING; PostgreSQL still holds the event-id register, the read
 * models and the pgbench baseline.
 */
export const storeKind = (option: string | undefined): StoreKind => {
  const kind = option ?? process.env.EVENT_STORE ?? 'postgres';
  if (kind !== 'postgres' && kind !== 'eventstoredb') {
    throw new RangeError(`--store takes postgres or eventstoredb, not "${kind}"`);
  }
  return kind;
};

export const openBenchEventLog = async (
  kind: StoreKind,
  url: string,
  schema: string,
  options: { commitsInFlight?: number } = {},
): Promise<{ eventLog: EventLog; pool: Pool }> => {
  if (kind === 'postgres') {
    const { store, pool } = await openPostgresEventStore({ url, schema, ...options });
    return { eventLog: store, pool };
  }
  const connectionString = process.env.EVENTSTORE_CONNECTION_STRING;
  if (!connectionString) {
    throw new RangeError('--store eventstoredb needs EVENTSTORE_CONNECTION_STRING');
  }
  await ensureDatabase(url);
  const pool = createPool({ url, schema });
  const eventLog = await openEventStoreDbEventStore({ connectionString, pool, schema });
  return { eventLog, pool };
};

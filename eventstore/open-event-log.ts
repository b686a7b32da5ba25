import type { Pool } from 'pg';
import type { EventLog } from './event-log';
import { openEventStoreDbEventStore } from './eventstoredb';
import type { SubscriptionOptions } from './eventstoredb/subscription';
import { createPool, ensureDatabase, openPostgresEventStore } from './postgres';

export type EventStoreKind = 'postgres' | 'eventstoredb';

export interface OpenEventLogOptions extends SubscriptionOptions {
  store: EventStoreKind;
  /** PostgreSQL: the log itself by default, and always the read models beside it. */
  url: string;
  schema: string;
  /** EventStoreDB's address, needed when `store` is `eventstoredb`. */
  connectionString?: string;
  /** PostgreSQL's group commit (see postgres/group-commit.ts). */
  commitsInFlight?: number;
}

/**
 * The configured event log and the PostgreSQL pool that holds the read models (and, by
 * default, the log too). The database is created if missing.
 */
export const openEventLog = async (
  options: OpenEventLogOptions,
): Promise<{ eventLog: EventLog; pool: Pool }> => {
  const { url, schema } = options;
  if (options.store === 'postgres') {
    const { store, pool } = await openPostgresEventStore({
      url,
      schema,
      commitsInFlight: options.commitsInFlight,
    });
    return { eventLog: store, pool };
  }
  if (!options.connectionString) {
    throw new RangeError('EventStoreDB needs EVENTSTORE_CONNECTION_STRING');
  }
  await ensureDatabase(url);
  const pool = createPool({ url, schema });
  const eventLog = await openEventStoreDbEventStore({
    ...options,
    connectionString: options.connectionString,
    pool,
  }).catch(async (error: unknown) => {
    await pool.end();
    throw error;
  });
  return { eventLog, pool };
};

import type { Pool } from 'pg';
import { createPool, ensureDatabase } from './database';
import { PostgresEventStore } from './event-store';
import { migrate } from './migrate';
import { eventStoreMigrations } from './schema';

export { createPool, ensureDatabase, ServiceUnavailable } from './database';
export { migrate, type Migration } from './migrate';
export { PostgresEventStore } from './event-store';

export interface OpenPostgresOptions {
  url: string;
  schema?: string;
  pool?: Pool;
  pollIntervalMs?: number;
  commitsInFlight?: number;
}

/** Creates the database if missing, migrates the event log and opens the store. */
export const openPostgresEventStore = async (
  options: OpenPostgresOptions,
): Promise<{ store: PostgresEventStore; pool: Pool }> => {
  const schema = options.schema ?? 'public';
  await ensureDatabase(options.url);
  const pool = options.pool ?? createPool({ url: options.url, schema });
  await migrate(pool, schema, 'eventstore', eventStoreMigrations);
  const store = new PostgresEventStore({
    pool,
    url: options.url,
    schema,
    pollIntervalMs: options.pollIntervalMs,
    commitsInFlight: options.commitsInFlight,
  });
  return { store, pool };
};

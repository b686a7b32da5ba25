import type { Pool } from 'pg';
import type { EventLog } from '../../eventstore/event-log';
import { openEventLog, type EventStoreKind } from '../../eventstore/open-event-log';

/**
 * `--store postgres` (default) or `--store eventstoredb` (or EVENT_STORE), for the
 * benchmarks that measure the log itself. EventStoreDB is the server at
 * EVENTSTORE_CONNECTION_STRING; PostgreSQL still holds the event-id register, the read
 * models and the pgbench baseline.
 */
export const storeKind = (option: string | undefined): EventStoreKind => {
  const kind = option ?? process.env.EVENT_STORE ?? 'postgres';
  if (kind !== 'postgres' && kind !== 'eventstoredb') {
    throw new RangeError(`--store takes postgres or eventstoredb, not "${kind}"`);
  }
  return kind;
};

export const openBenchEventLog = (
  kind: EventStoreKind,
  url: string,
  schema: string,
  options: { commitsInFlight?: number } = {},
): Promise<{ eventLog: EventLog; pool: Pool }> =>
  openEventLog({
    store: kind,
    url,
    schema,
    connectionString: process.env.EVENTSTORE_CONNECTION_STRING,
    ...options,
  });

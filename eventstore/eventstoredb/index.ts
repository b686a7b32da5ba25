import { EventStoreDBClient } from '@eventstore/db-client';
import type { Pool } from 'pg';
import { ServiceUnavailable } from '../postgres/database';
import { migrate } from '../postgres/migrate';
import { EventIdRegister, eventIdMigrations } from './event-ids';
import { EventStoreDbEventStore } from './event-store';
import type { SubscriptionOptions } from './subscription';

export { EventStoreDbEventStore } from './event-store';

export interface OpenEventStoreDbOptions extends SubscriptionOptions {
  /** e.g. `esdb://localhost:2113?tls=false`, or a cluster's `esdb+discover://` address. */
  connectionString: string;
  /** PostgreSQL, where the event-id register lives beside the read models. */
  pool: Pool;
  schema: string;
}

const describe = (connectionString: string) => connectionString.replace(/\/\/[^@/]*@/, '//');

/** Connects, checks the server answers, and prepares the event-id register. */
export const openEventStoreDbEventStore = async (
  options: OpenEventStoreDbOptions,
): Promise<EventStoreDbEventStore> => {
  let client: EventStoreDBClient;
  try {
    client = EventStoreDBClient.connectionString(options.connectionString);
  } catch (error) {
    throw new ServiceUnavailable(
      `EVENTSTORE_CONNECTION_STRING is not a valid EventStoreDB address: ${(error as Error).message}`,
    );
  }
  const store = new EventStoreDbEventStore(client, new EventIdRegister(options.pool), options);
  try {
    await store.headPosition();
  } catch (error) {
    await store.close();
    throw new ServiceUnavailable(
      `EventStoreDB is not reachable at ${describe(options.connectionString)} (${(error as Error).message}): start it or set EVENTSTORE_CONNECTION_STRING.`,
    );
  }
  await migrate(options.pool, options.schema, 'eventstoredb', eventIdMigrations);
  return store;
};

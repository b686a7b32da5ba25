import { openEventStoreDbEventStore } from '../../eventstore/eventstoredb';
import { createTestSchema } from '../support/database';
import { eventStoreServer } from '../eventstoredb/server';
import { eventStoreContract } from './event-store.contract';

// Against the in-process stand-in, or a real EventStoreDB / KurrentDB when
// EVENTSTORE_CONNECTION_STRING is set (see the README).
eventStoreContract('EventStoreDB', async () => {
  const server = await eventStoreServer();
  const db = await createTestSchema('esdb_contract');
  const store = await openEventStoreDbEventStore({
    connectionString: server.connectionString,
    pool: db.pool,
    schema: db.schema,
  });
  return {
    store,
    // EventStoreDB has no transactions a client holds open: a slow append stands in.
    async holdOpenAppend(streamId, events) {
      return {
        async commit() {
          await store.appendToStream(streamId, events);
        },
      };
    },
    async dispose() {
      await store.close();
      await server.close();
      await db.drop();
    },
  };
});

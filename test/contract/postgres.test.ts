import { Client } from 'pg';
import { PostgresEventStore } from '../../eventstore/postgres';
import { connectionConfig } from '../../eventstore/postgres/database';
import { migrate } from '../../eventstore/postgres/migrate';
import { eventStoreMigrations } from '../../eventstore/postgres/schema';
import { createTestSchema } from '../support/database';
import { eventStoreContract } from './event-store.contract';

eventStoreContract('PostgreSQL', async () => {
  const db = await createTestSchema('contract');
  await migrate(db.pool, db.schema, 'eventstore', eventStoreMigrations);
  // A long poll interval, so the tests show that wake-ups, not polling, deliver events.
  const store = new PostgresEventStore({
    pool: db.pool,
    url: db.url,
    schema: db.schema,
    pollIntervalMs: 5000,
  });
  return {
    store,
    async holdOpenAppend(streamId, events) {
      const client = new Client(
        connectionConfig(db.url, { options: `-c search_path=${db.schema}` }),
      );
      await client.connect();
      await client.query('begin');
      await store.appendWithin(client, streamId, events, 'any');
      return {
        async commit() {
          await client.query('commit');
          await client.end();
          store.notifyAppended();
        },
      };
    },
    async dispose() {
      await store.close();
      await db.drop();
    },
  };
});

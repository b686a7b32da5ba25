import { Client } from 'pg';
import { PostgresEventStore } from '../../eventstore/postgres';
import { connectionConfig } from '../../eventstore/postgres/database';
import { migrate } from '../../eventstore/postgres/migrate';
import { eventStoreMigrations } from '../../eventstore/postgres/schema';
import { START } from '../../eventstore/position';
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

describe('PostgreSQL adapter: global order', () => {
  it('pages through the log in (xid8, seq) index order, never sorting by text', async () => {
    const db = await createTestSchema('order');
    await migrate(db.pool, db.schema, 'eventstore', eventStoreMigrations);
    const store = new PostgresEventStore({ pool: db.pool, url: db.url, schema: db.schema });
    try {
      const seen: { text: string; values: unknown[] }[] = [];
      const query = db.pool.query.bind(db.pool);
      const spy = jest.spyOn(db.pool, 'query').mockImplementation(((
        text: string,
        values: unknown[],
      ) => {
        seen.push({ text, values });
        return query(text, values);
      }) as never);
      await store.readPage(START, 10);
      spy.mockRestore();
      const page = seen.find((q) => /order by/i.test(q.text))!;
      const plan = await db.pool.query(`explain ${page.text}`, page.values);
      const text = plan.rows.map((r) => r['QUERY PLAN']).join('\n');
      expect(text).toContain('events_global_order');
      expect(text).not.toMatch(/Sort Key/);
    } finally {
      await store.close();
      await db.drop();
    }
  });
});

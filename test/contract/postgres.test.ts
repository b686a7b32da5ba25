import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { ChainVerifier } from '../../eventstore/hash-chain';
import { WrongExpectedRevision, type AppendResult } from '../../eventstore/port';
import { PostgresEventStore } from '../../eventstore/postgres';
import { connectionConfig } from '../../eventstore/postgres/database';
import { migrate } from '../../eventstore/postgres/migrate';
import { eventStoreMigrations } from '../../eventstore/postgres/schema';
import { START } from '../../eventstore/position';
import { createTestSchema } from '../support/database';
import { eventStoreContract, newEvent } from './event-store.contract';

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

describe('PostgreSQL adapter: group commit', () => {
  it('writes a batch of new streams together beside retries, conflicts and longer appends, each with its own outcome and an intact chain', async () => {
    const db = await createTestSchema('batch');
    await migrate(db.pool, db.schema, 'eventstore', eventStoreMigrations);
    const store = new PostgresEventStore({ pool: db.pool, url: db.url, schema: db.schema });
    try {
      const existing = `case-${randomUUID()}`;
      const retried = newEvent('Submitted');
      const retriedStream = `case-${randomUUID()}`;
      const original = await store.appendToStream(existing, [newEvent()]);
      const first = await store.appendToStream(retriedStream, [retried], {
        expectedRevision: 'no_stream',
      });
      const fresh = Array.from({ length: 40 }, () => `case-${randomUUID()}`);
      // Appends that arrive together share a statement: both kinds in one batch.
      const outcomes = await Promise.allSettled([
        ...fresh.map((s) =>
          store.appendToStream(s, [newEvent('Submitted')], { expectedRevision: 'no_stream' }),
        ),
        store.appendToStream(existing, [newEvent()], { expectedRevision: 'no_stream' }),
        store.appendToStream(retriedStream, [retried], { expectedRevision: 'no_stream' }),
        store.appendToStream(`case-${randomUUID()}`, [newEvent(), newEvent()], {
          expectedRevision: 'no_stream',
        }),
        store.appendToStream(existing, [newEvent()], { expectedRevision: 0n }),
      ]);
      const values = outcomes.map((o) => (o.status === 'fulfilled' ? o.value : o.reason));
      for (const value of values.slice(0, 40))
        expect(value).toMatchObject({ nextExpectedRevision: 0n });
      expect(values[40]).toBeInstanceOf(WrongExpectedRevision);
      expect(values[41]).toEqual(first);
      expect(values[42]).toMatchObject({ nextExpectedRevision: 1n });
      expect(values[43]).toMatchObject({ nextExpectedRevision: 1n });
      expect(original.nextExpectedRevision).toBe(0n);

      // Stream by stream: the global log shows them once every older transaction has ended.
      const verifier = new ChainVerifier();
      const streams = [existing, retriedStream, ...fresh];
      for (const s of streams) {
        for await (const event of store.readStream(s)) verifier.check(event);
      }
      expect(verifier.altered).toEqual([]);
      expect(verifier.checked).toBe(2 + 1 + 40);
      const positions = values.slice(0, 40).map((v) => (v as AppendResult).position);
      expect(new Set(positions).size).toBe(40);
      for (const [i, s] of fresh.entries()) {
        for await (const event of store.readStream(s)) expect(event.position).toBe(positions[i]);
      }
    } finally {
      await store.close();
      await db.drop();
    }
  });
});

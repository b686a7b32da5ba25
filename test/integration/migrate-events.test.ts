import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { seed } from '../../cli/commands/seed';
import { loadCase } from '../../eventstore/case-history';
import {
  openEventStoreDbEventStore,
  type EventStoreDbEventStore,
} from '../../eventstore/eventstoredb';
import { copyEventLog, copyLogMigrations } from '../../eventstore/eventstoredb/copy-log';
import { protect } from '../../eventstore/personal-data/protected-store';
import type { StoredEvent } from '../../eventstore/port';
import { START } from '../../eventstore/position';
import { collect } from '../contract/event-store.contract';
import { migrate } from '../../eventstore/postgres';
import { eventStoreServer, type EventStoreServer } from '../eventstoredb/server';
import { createTestSchema, TEST_DATABASE_URL } from '../support/database';
import { openTestWriteSide, type TestWriteSide } from '../support/runtime';

/** What a copy must keep of each event: everything but the store's own position. */
const asCopied = ({ position: _position, ...event }: StoredEvent) => event;

describe('moving a PostgreSQL event log to EventStoreDB', () => {
  let server: EventStoreServer;
  beforeEach(async () => {
    server = await eventStoreServer();
  });
  afterEach(async () => server.close());

  describe('copyEventLog', () => {
    let w: TestWriteSide;
    let target: EventStoreDbEventStore;
    beforeEach(async () => {
      w = await openTestWriteSide('copy_log');
      await migrate(w.pool, w.db.schema, 'event-log-copies', copyLogMigrations);
      target = await openEventStoreDbEventStore({
        connectionString: server.connectionString,
        pool: w.pool,
        schema: w.db.schema,
      });
    });
    afterEach(async () => {
      await target.close();
      await w.close();
    });

    it('copies ids, order, metadata and hash links, resumes after an interruption, and verifies', async () => {
      await seed(w, { cases: 40, seed: 3, concurrency: 8, quiet: true });
      const total = await w.eventLog.countAfter(START);
      let batches = 0;
      // The connection to EventStoreDB is lost part-way through the copy.
      const interrupted = new Proxy(target, {
        get: (store, key) =>
          key === 'importRuns'
            ? async (runs: StoredEvent[][]) => {
                if (++batches > 4) throw new Error('connection lost');
                return store.importRuns(runs);
              }
            : Reflect.get(store, key, store),
      });
      const copy = (into: EventStoreDbEventStore) =>
        copyEventLog({
          source: w.eventLog,
          target: into,
          pool: w.pool,
          targetName: 'esdb',
          saveEvery: 5,
          batchSize: 7,
        });
      await expect(copy(interrupted)).rejects.toThrow('connection lost');

      const resumed = await copy(target);
      expect(resumed.resumedFrom).not.toBe(START);
      expect(resumed).toMatchObject({
        eventsCopied: total,
        sourceEvents: total,
        targetEvents: total,
        altered: [],
        ok: true,
      });

      const source = await collect(w.eventLog.readAll(START));
      const copied = await collect(target.readAll(START));
      expect(copied.map(asCopied)).toEqual(source.map(asCopied));

      // Nothing new: a third run copies nothing and still verifies.
      expect(await copy(target)).toMatchObject({ eventsCopied: total, ok: true });
      expect(await target.countAfter(START)).toBe(total);

      // Another, empty server at the same address: the saved place no longer holds.
      if (server.dropSubscriptions) {
        const replacement = await eventStoreServer();
        const empty = await openEventStoreDbEventStore({
          connectionString: replacement.connectionString,
          pool: w.pool,
          schema: w.db.schema,
        });
        try {
          expect(await copy(empty)).toMatchObject({
            resumedFrom: START,
            eventsCopied: total,
            ok: true,
          });
        } finally {
          await empty.close();
          await replacement.close();
        }
      }

      // The product reads the moved cases as before, personal data opened with the same keys.
      const overEventStoreDb = protect(target, w.pool);
      const caseId = source.find((e) => e.type === 'ApplicationSubmitted')!.streamId.slice(5);
      const before = await loadCase(w.store, caseId);
      const after = await loadCase(overEventStoreDb, caseId);
      expect(after.state).toEqual(before.state);
      expect(after.state.answers).toBeDefined();
    });
  });

  it('is one command, after which the back office runs over EventStoreDB', async () => {
    const CLI = join(__dirname, '../../dist/cli/casework.js');
    if (!existsSync(CLI)) throw new Error('Build first: npm run build (npm test does this)');
    const db = await createTestSchema('migrate_cli');
    const env = {
      ...process.env,
      DATABASE_URL: TEST_DATABASE_URL,
      DATABASE_SCHEMA: db.schema,
      LOG_LEVEL: 'silent',
      EVENTSTORE_CONNECTION_STRING: server.connectionString,
    };
    const casework = (args: string[], extra: Record<string, string> = {}) =>
      promisify(execFile)('node', [CLI, ...args], { env: { ...env, ...extra }, timeout: 120_000 });
    try {
      await casework(['seed', '--cases', '30']);
      const migrated = await casework(['migrate-events', '--to', 'eventstoredb']);
      expect(migrated.stdout).toMatch(/Copied \d+ events to EventStoreDB\./);
      expect(migrated.stdout).toMatch(/Hash chains: \d+ streams checked, 0 differ\./);
      const [, inPostgres, inEventStoreDb] =
        /Events: (\d+) in PostgreSQL, (\d+) in EventStoreDB/.exec(migrated.stdout)!;
      expect(inEventStoreDb).toBe(inPostgres);

      const { rows } = await db.pool.query<{ reference: string }>(
        'select reference from case_references limit 1',
      );
      const reference = rows[0]!.reference;
      const onPostgres = await casework(['replay', reference, '--json']);
      const onEventStoreDb = { EVENT_STORE: 'eventstoredb' };
      const replayed = await casework(['replay', reference, '--json'], onEventStoreDb);
      expect(JSON.parse(replayed.stdout)).toEqual(JSON.parse(onPostgres.stdout));
      const verified = await casework(['verify', '--all'], onEventStoreDb);
      expect(verified.stdout).toMatch(/every hash chain is intact/);

      const wrong = await casework(['migrate-events', '--to', 'elsewhere']).catch(
        (e: { code: number; stderr: string }) => e,
      );
      expect(wrong).toMatchObject({ code: 2, stderr: expect.stringMatching(/--to eventstoredb/) });
    } finally {
      await db.drop();
    }
  }, 180_000);
});

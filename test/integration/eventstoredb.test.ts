import { EventStoreDBClient, jsonEvent } from '@eventstore/db-client';
import { seed } from '../../cli/commands/seed';
import carers from '../../domain/case-types/carers-support-payment';
import { caseStreamId } from '../../domain/events';
import { loadCase } from '../../eventstore/case-history';
import { EventStoreDbEventStore, openEventStoreDbEventStore } from '../../eventstore/eventstoredb';
import { ChainVerifier } from '../../eventstore/hash-chain';
import { submitApplication } from '../../eventstore/intake';
import { START } from '../../eventstore/position';
import { newEvent } from '../contract/event-store.contract';
import { waitForProjections } from '../../projections/checkpoints';
import { rebuildProjection } from '../../projections/rebuild';
import { rebuildTables } from '../../projections/projection';
import { eventStoreServer, type EventStoreServer } from '../eventstoredb/server';
import { createTestSchema } from '../support/database';
import { eventually } from '../support/eventually';
import { runProjections, tableDifference } from '../support/projections';
import { writeSideOver, type TestWriteSide } from '../support/runtime';
import { runTestWorkers } from '../support/workers';

const caseworker = { id: 'aisha.khan', role: 'caseworker' };

/**
 * The product over EventStoreDB: intake, projections (checkpoints still in PostgreSQL),
 * reactors, replay and verification, unchanged, and what the adapter adds on top of the
 * contract — resubscribing when the server drops a subscription, and hiding the
 * server's own system events.
 */
describe('EventStoreDB as the event store', () => {
  let server: EventStoreServer;
  let w: TestWriteSide<EventStoreDbEventStore>;
  let running: Awaited<ReturnType<typeof runProjections>>;
  const dropped: unknown[] = [];
  const caughtUp = async () =>
    waitForProjections(w.pool, running.names, await w.store.headPosition(), 60_000);

  beforeAll(async () => {
    server = await eventStoreServer();
    const db = await createTestSchema('esdb');
    const eventLog = await openEventStoreDbEventStore({
      connectionString: server.connectionString,
      pool: db.pool,
      schema: db.schema,
      resubscribeDelayMs: 10,
      onSubscriptionDropped: (error) => dropped.push(error),
    });
    w = await writeSideOver(db, eventLog);
    running = await runProjections(w.pool, w.store, db.schema);
  });
  afterAll(async () => {
    await running.stop();
    await w.close();
    await server.close();
  });

  it('takes applications and case work, projects them, replays and verifies them', async () => {
    const result = await seed(w, { cases: 60, seed: 7, concurrency: 8, quiet: true });
    expect(result.created).toBe(60);
    expect(await caughtUp()).toBe(true);
    const { rows } = await w.pool.query<{ n: number }>('select count(*)::int as n from cases');
    expect(rows[0]!.n).toBe(60);

    const cases = running.runners.find((r) => r.name === 'cases')!.projection;
    await rebuildProjection({ pool: w.pool, store: w.store, projection: cases, swap: false });
    for (const table of cases.tables) {
      expect(await tableDifference(w.pool, table, rebuildTables(cases)[table]!)).toBe(0);
    }

    const verifier = new ChainVerifier();
    for await (const event of w.eventLog.readAll(START)) verifier.check(event);
    for await (const head of w.eventLog.streamHeads()) {
      verifier.checkHead(head.streamId, head.revision, head.hash);
    }
    expect(verifier.altered).toEqual([]);
    expect(verifier.checked).toBe(await w.eventLog.countAfter(START));

    const { rows: one } = await w.pool.query<{ case_id: string; revision: string }>(
      'select case_id, revision from cases where revision > 1 limit 1',
    );
    const { case_id: caseId } = one[0]!;
    const first = await loadCase(w.store, caseId, { revision: 0n });
    expect(first?.state.status).toBe('received');
  }, 120_000);

  it('runs the reactors: a submission plans its service-level timers in BullMQ', async () => {
    const workers = await runTestWorkers(w, { quiet: true });
    try {
      await submitApplication(w, {
        service: carers.id,
        channel: 'phone',
        answers: carers.example,
        idempotencyKey: 'esdb-reactor',
        actor: caseworker,
      });
      await eventually(
        async () =>
          (await workers.workers.queues.slaTimers.getDelayedCount()) > 0 ? true : undefined,
        'service-level timers planned',
      );
    } finally {
      await workers.stop();
    }
  });

  it('resubscribes from where it was when the server drops its subscriptions', async () => {
    if (!server.dropSubscriptions) return; // a real server cannot be told to drop them
    const before = dropped.length;
    server.dropSubscriptions();
    const after = await submitApplication(w, {
      service: carers.id,
      channel: 'post',
      answers: carers.example,
      idempotencyKey: 'esdb-after-drop',
      actor: caseworker,
    });
    expect(await waitForProjections(w.pool, running.names, after.position, 20_000)).toBe(true);
    expect(dropped.length).toBeGreaterThan(before);
    const { rows } = await w.pool.query('select reference from cases where case_id = $1', [
      after.caseId,
    ]);
    expect(rows).toEqual([{ reference: after.reference }]);
    // Each projection applied every event once: its count matches the log's.
    const { rows: applied } = await w.pool.query<{ events_applied: string }>(
      'select events_applied from projection_checkpoints where name = any($1)',
      [running.names],
    );
    const total = await w.eventLog.countAfter(START);
    for (const row of applied) expect(Number(row.events_applied)).toBe(total);
  });

  it("never hands the server's own system events to readers", async () => {
    const client = EventStoreDBClient.connectionString(server.connectionString);
    try {
      const head = await w.eventLog.headPosition();
      await client.appendToStream(
        '$system-check',
        jsonEvent({ type: '$statsCollected', data: {} }),
      );
      expect(await w.eventLog.headPosition()).toBe(head);
      const seen: string[] = [];
      for await (const e of w.eventLog.readAll(START)) seen.push(e.type);
      expect(seen.filter((t) => t.startsWith('$'))).toEqual([]);
      expect(seen.length).toBe(await w.eventLog.countAfter(START));
    } finally {
      await client.dispose();
    }
    const events = [];
    for await (const e of w.store.readStream(caseStreamId('00000000-0000-4000-8000-000000000000')))
      events.push(e);
    expect(events).toEqual([]);
  });
});

describe('EventStoreDB subscriptions and a slow reader', () => {
  it('hold the server back while the reader is busy, then deliver everything in order', async () => {
    const server = await eventStoreServer();
    const db = await createTestSchema('esdb_backpressure');
    const store = await openEventStoreDbEventStore({
      connectionString: server.connectionString,
      pool: db.pool,
      schema: db.schema,
    });
    try {
      if (!server.subscriptionProgress) return; // only the stand-in shows how far it has sent
      const total = 5_000;
      for (let batch = 0; batch < total / 500; batch++) {
        const events = Array.from({ length: 500 }, (_, i) =>
          newEvent('Logged', { n: batch * 500 + i }),
        );
        await store.appendToStream(`log-${batch}`, events);
      }
      const subscription = store.subscribeToAll(START);
      const iterator = subscription[Symbol.asyncIterator]();
      const seen: number[] = [];
      for (let i = 0; i < 5; i++) seen.push((await iterator.next()).value!.data.n as number);

      // The reader pauses: the server sends until the transport's buffers are full, then stops.
      const settled = await eventually(async () => {
        const before = server.subscriptionProgress!()[0]!;
        await new Promise((resolve) => setImmediate(resolve));
        await new Promise((resolve) => setTimeout(resolve, 50));
        const after = server.subscriptionProgress!()[0]!;
        return after === before ? after : undefined;
      }, 'the server to stop sending to a paused reader');
      expect(settled).toBeLessThan(total / 2);

      while (seen.length < total) seen.push((await iterator.next()).value!.data.n as number);
      expect(seen).toEqual(Array.from({ length: total }, (_, n) => n));
      await subscription.close();
    } finally {
      await store.close();
      await server.close();
      await db.drop();
    }
  }, 120_000);
});

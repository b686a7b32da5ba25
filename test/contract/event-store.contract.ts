import { randomUUID } from 'node:crypto';
import { ChainVerifier } from '../../eventstore/hash-chain';
import {
  EventIdConflict,
  WrongExpectedRevision,
  type EventStore,
  type NewEvent,
  type StoredEvent,
} from '../../eventstore/port';
import { START, type Position } from '../../eventstore/position';

/**
 * The behaviour every EventStore adapter must have. Each adapter's test file calls
 * `eventStoreContract` with a fixture; the suite itself never changes per adapter.
 */
export interface ContractFixture {
  store: EventStore;
  /**
   * Appends in a transaction that stays open until `commit` is called, so later appends
   * commit before it. Adapters without client-held transactions simulate a slow append.
   */
  holdOpenAppend(streamId: string, events: NewEvent[]): Promise<{ commit(): Promise<void> }>;
  dispose(): Promise<void>;
}

export const newEvent = (
  type = 'SomethingHappened',
  data: Record<string, unknown> = {},
): NewEvent => ({
  id: randomUUID(),
  type,
  schemaVersion: 1,
  data,
  metadata: {
    actor: { id: 'caseworker-1', role: 'caseworker' },
    channel: 'back_office',
    correlationId: randomUUID(),
    causationId: null,
    occurredAt: '2026-03-02T09:30:00.000Z',
  },
});

const stream = (name = 'case') => `${name}-${randomUUID()}`;

export const collect = async (events: AsyncIterable<StoredEvent>) => {
  const out: StoredEvent[] = [];
  for await (const e of events) out.push(e);
  return out;
};

/**
 * Reads the global log until `done` holds (10 s at most). A log may show an append only
 * once every transaction older than it has ended — PostgreSQL's answer to the gap
 * problem — and other tests' writes on the same server can hold that back a moment.
 */
const readAllUntil = async (
  read: () => AsyncIterable<StoredEvent>,
  done: (events: StoredEvent[]) => boolean,
) => {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const events = await collect(read());
    if (done(events) || Date.now() > deadline) return events;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
};

const conflictOf = async (promise: Promise<unknown>) => {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(WrongExpectedRevision);
  return error as WrongExpectedRevision;
};

/** Reads a subscription in the background until told to stop. */
/** Follows the log from `from`, keeping the events `wanted` picks (by default, all). */
const follow = (
  store: EventStore,
  from: Position,
  wanted: (event: StoredEvent) => boolean = () => true,
) => {
  const seen: StoredEvent[] = [];
  const subscription = store.subscribeToAll(from);
  const waiters: { count: number; resolve: () => void }[] = [];
  const done = (async () => {
    for await (const event of subscription) {
      if (!wanted(event)) continue;
      seen.push(event);
      for (const w of waiters.filter((w) => seen.length >= w.count)) w.resolve();
    }
  })();
  return {
    seen,
    until: (count: number) =>
      seen.length >= count
        ? Promise.resolve()
        : new Promise<void>((resolve) => waiters.push({ count, resolve })),
    stop: async () => {
      await subscription.close();
      await done;
    },
  };
};

export const eventStoreContract = (
  adapter: string,
  makeFixture: () => Promise<ContractFixture>,
) => {
  describe(`EventStore contract: ${adapter}`, () => {
    let fixture: ContractFixture;
    let store: EventStore;
    beforeAll(async () => {
      fixture = await makeFixture();
      store = fixture.store;
    });
    afterAll(async () => fixture.dispose());

    describe('expected revision', () => {
      it('no_stream creates a stream and refuses an existing one, giving its revision', async () => {
        const s = stream();
        const first = await store.appendToStream(s, [newEvent(), newEvent()], {
          expectedRevision: 'no_stream',
        });
        expect(first.nextExpectedRevision).toBe(1n);
        const conflict = await conflictOf(
          store.appendToStream(s, [newEvent()], { expectedRevision: 'no_stream' }),
        );
        expect(conflict.actualRevision).toBe(1n);
        expect(conflict.streamId).toBe(s);
      });

      it('stream_exists refuses a missing stream (actual -1) and accepts an existing one', async () => {
        const s = stream();
        const conflict = await conflictOf(
          store.appendToStream(s, [newEvent()], { expectedRevision: 'stream_exists' }),
        );
        expect(conflict.actualRevision).toBe(-1n);
        await store.appendToStream(s, [newEvent()]);
        const next = await store.appendToStream(s, [newEvent()], {
          expectedRevision: 'stream_exists',
        });
        expect(next.nextExpectedRevision).toBe(1n);
      });

      it('an exact revision must match the current one', async () => {
        const s = stream();
        await conflictOf(store.appendToStream(s, [newEvent()], { expectedRevision: 0n }));
        await store.appendToStream(s, [newEvent()], { expectedRevision: 'no_stream' });
        const ok = await store.appendToStream(s, [newEvent()], { expectedRevision: 0n });
        expect(ok.nextExpectedRevision).toBe(1n);
        const stale = await conflictOf(
          store.appendToStream(s, [newEvent()], { expectedRevision: 0n }),
        );
        expect(stale.actualRevision).toBe(1n);
        const ahead = await conflictOf(
          store.appendToStream(s, [newEvent()], { expectedRevision: 5n }),
        );
        expect(ahead.actualRevision).toBe(1n);
      });

      it('any appends whatever the stream holds, and is the default', async () => {
        const s = stream();
        await store.appendToStream(s, [newEvent()], { expectedRevision: 'any' });
        const r = await store.appendToStream(s, [newEvent()]);
        expect(r.nextExpectedRevision).toBe(1n);
      });

      it('a refused append stores nothing', async () => {
        const s = stream();
        await store.appendToStream(s, [newEvent()]);
        await conflictOf(
          store.appendToStream(s, [newEvent(), newEvent()], { expectedRevision: 7n }),
        );
        expect(await collect(store.readStream(s))).toHaveLength(1);
      });

      it('16 concurrent writers at the same revision: exactly one wins each round', async () => {
        const s = stream();
        await store.appendToStream(s, [newEvent()], { expectedRevision: 'no_stream' });
        for (let round = 0; round < 5; round++) {
          const revision = BigInt(round);
          const results = await Promise.allSettled(
            Array.from({ length: 16 }, (_, writer) =>
              store.appendToStream(s, [newEvent('Written', { round, writer })], {
                expectedRevision: revision,
              }),
            ),
          );
          const winners = results.filter((r) => r.status === 'fulfilled');
          expect(winners).toHaveLength(1);
          for (const r of results) {
            if (r.status === 'rejected') {
              expect(r.reason).toBeInstanceOf(WrongExpectedRevision);
              expect((r.reason as WrongExpectedRevision).actualRevision).toBe(revision + 1n);
            }
          }
        }
        const events = await collect(store.readStream(s));
        expect(events.map((e) => e.revision)).toEqual([0n, 1n, 2n, 3n, 4n, 5n]);
      });
    });

    describe('idempotent re-append by event id', () => {
      it('returns the original result and stores nothing twice, whatever revision is expected', async () => {
        const s = stream();
        const batch = [newEvent('A'), newEvent('B')];
        const original = await store.appendToStream(s, batch, { expectedRevision: 'no_stream' });
        await store.appendToStream(s, [newEvent('C')]);
        for (const expectedRevision of ['no_stream', 'any', 'stream_exists', 0n, 9n] as const) {
          expect(await store.appendToStream(s, batch, { expectedRevision })).toEqual(original);
        }
        expect((await collect(store.readStream(s))).map((e) => e.type)).toEqual(['A', 'B', 'C']);
      });

      it('concurrent retries of one append store it once and all get the same result', async () => {
        const s = stream();
        const batch = [newEvent('Submitted')];
        const results = await Promise.all(
          Array.from({ length: 16 }, () =>
            store.appendToStream(s, batch, { expectedRevision: 'no_stream' }),
          ),
        );
        expect(new Set(results.map((r) => `${r.nextExpectedRevision}|${r.position}`)).size).toBe(1);
        expect(await collect(store.readStream(s))).toHaveLength(1);
      });

      it('refuses a batch that is only partly stored, or an id stored in another stream', async () => {
        const s = stream();
        const [a, b, c] = [newEvent(), newEvent(), newEvent()];
        await store.appendToStream(s, [a!, b!]);
        await expect(store.appendToStream(s, [b!, c!])).rejects.toBeInstanceOf(EventIdConflict);
        await expect(store.appendToStream(stream(), [a!])).rejects.toBeInstanceOf(EventIdConflict);
        expect(await collect(store.readStream(s))).toHaveLength(2);
      });
    });

    describe('reading', () => {
      it('reads its own writes at once, with metadata, schema version and positions', async () => {
        const s = stream();
        const event = newEvent('ApplicationSubmitted', { answers: { town: 'Leeds' } });
        event.metadata.causationId = randomUUID();
        const result = await store.appendToStream(s, [event]);
        const [stored] = await collect(store.readStream(s));
        expect(stored).toMatchObject({
          id: event.id,
          streamId: s,
          revision: 0n,
          type: 'ApplicationSubmitted',
          schemaVersion: 1,
          data: event.data,
          position: result.position,
        });
        expect(stored!.metadata).toMatchObject(event.metadata);
        expect(Date.parse(stored!.metadata.recordedAt)).not.toBeNaN();
        const all = await readAllUntil(store.readAll.bind(store), (events) =>
          events.some((e) => e.id === event.id),
        );
        expect(all.map((e) => e.id)).toContain(event.id);
        expect(await store.headPosition()).toBe(result.position);
      });

      it('reads a stream forwards, backwards, from and to a revision, and up to a count', async () => {
        const s = stream();
        await store.appendToStream(
          s,
          Array.from({ length: 10 }, (_, i) => newEvent('E', { i })),
        );
        const revs = async (options: Parameters<EventStore['readStream']>[1]) =>
          (await collect(store.readStream(s, options))).map((e) => Number(e.revision));
        expect(await revs({})).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
        expect(await revs({ from: 3n, to: 5n })).toEqual([3, 4, 5]);
        expect(await revs({ direction: 'backwards', maxCount: 3 })).toEqual([9, 8, 7]);
        expect(await revs({ direction: 'backwards', from: 4n })).toEqual([4, 3, 2, 1, 0]);
        expect(await revs({ from: 8n, maxCount: 5 })).toEqual([8, 9]);
        expect(await collect(store.readStream(stream('missing')))).toEqual([]);
      });

      it('readAll gives one global order with positions that only increase', async () => {
        const before = await store.headPosition();
        const streams = [stream(), stream(), stream()];
        for (let i = 0; i < 6; i++)
          await store.appendToStream(streams[i % 3]!, [newEvent('E', { i })]);
        const after = await readAllUntil(
          () => store.readAll(before),
          (events) => events.length >= 6,
        );
        expect(after.map((e) => e.data.i)).toEqual([0, 1, 2, 3, 4, 5]);
        after.reduce((prev, e) => (expect(e.position > prev).toBe(true), e.position), before);
        expect(await collect(store.readAll(before, { maxCount: 2 }))).toHaveLength(2);
      });

      it('stores 1 MB events and any Unicode exactly, with an intact hash chain', async () => {
        const s = stream();
        const big = 'x'.repeat(1024 * 1024);
        const unicode =
          'Siân Ó Briain — “Zoë” Łódź 東京 مرحبا 👩🏽‍⚕️ \u{1F3F4}\u{E0067}\u{E0062}\u{E0077}\u{E006C}\u{E0073}\u{E007F}';
        await store.appendToStream(s, [
          newEvent('Big', { big }),
          newEvent('Unicode', { unicode, [unicode]: 1 }),
        ]);
        const [a, b] = await collect(store.readStream(s));
        expect(a!.data.big).toBe(big);
        expect(b!.data).toEqual({ unicode, [unicode]: 1 });
        const verifier = new ChainVerifier();
        for (const e of [a!, b!]) verifier.check(e);
        expect(verifier.altered).toEqual([]);
      });
    });

    describe('subscribeToAll', () => {
      it('sees every event exactly once, in order, while an early transaction is held open', async () => {
        // Only this test's streams count: an earlier append that another test's write held
        // back from the log may show up after `from` too.
        const heldStream = stream('held');
        const writers = Array.from({ length: 8 }, () => stream('writer'));
        const ours = (e: StoredEvent) => e.streamId === heldStream || writers.includes(e.streamId);
        const from = await store.headPosition();
        const follower = follow(store, from, ours);
        const held = await fixture.holdOpenAppend(heldStream, [newEvent('Held')]);
        await Promise.all(
          writers.map(async (s) => {
            for (let i = 0; i < 5; i++) await store.appendToStream(s, [newEvent('Later', { i })]);
          }),
        );
        await held.commit();
        await follower.until(41);
        const all = (await collect(store.readAll(from))).filter(ours);
        await follower.stop();
        expect(all).toHaveLength(41);
        expect(follower.seen.map((e) => e.id)).toEqual(all.map((e) => e.id));
        expect(new Set(follower.seen.map((e) => e.id)).size).toBe(41);
        expect(follower.seen.map((e) => e.type)).toContain('Held');
        for (let i = 1; i < follower.seen.length; i++) {
          expect(follower.seen[i]!.position > follower.seen[i - 1]!.position).toBe(true);
        }
      });

      it('catches up from the start, then follows live appends from many writers', async () => {
        const from = await store.headPosition();
        const early = stream();
        await store.appendToStream(early, [newEvent('Early')]);
        const follower = follow(store, from);
        await follower.until(1);
        await Promise.all(
          Array.from({ length: 16 }, async () => {
            const s = stream();
            for (let i = 0; i < 10; i++) await store.appendToStream(s, [newEvent('Live', { i })]);
          }),
        );
        await follower.until(161);
        await follower.stop();
        const all = await collect(store.readAll(from));
        expect(follower.seen.map((e) => e.id)).toEqual(all.map((e) => e.id));
      });

      it('starts after the position it is given', async () => {
        const s = stream();
        const first = await store.appendToStream(s, [newEvent('One')]);
        await store.appendToStream(s, [newEvent('Two')]);
        const follower = follow(store, first.position);
        await follower.until(1);
        await follower.stop();
        expect(follower.seen[0]!.type).toBe('Two');
        expect(START < first.position).toBe(true);
      });
    });
  });
};

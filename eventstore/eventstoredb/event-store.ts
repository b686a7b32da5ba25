import {
  BACKWARDS,
  END,
  FORWARDS,
  NO_STREAM,
  START as ESDB_START,
  StreamNotFoundError,
  WrongExpectedVersionError,
  type AppendResult as EsdbAppendResult,
  type EventStoreDBClient,
} from '@eventstore/db-client';
import type { EventLog, StreamHead } from '../event-log';
import { chainLink, contentHash } from '../hash-chain';
import { isUuid } from '../ids';
import {
  EventIdConflict,
  WrongExpectedRevision,
  type AppendResult,
  type ExpectedRevision,
  type NewEvent,
  type ReadAllOptions,
  type ReadStreamOptions,
  type StoredEvent,
  type Subscription,
} from '../port';
import { START, type Position } from '../position';
import type { EventIdRegister } from './event-ids';
import { KnownHeads, NEW_STREAM, type Head } from './known-heads';
import {
  fromEsdbPosition,
  fromRecord,
  isStart,
  isSystemRecord,
  toEsdbPosition,
  toRecord,
  type EsdbRecord,
} from './records';
import { followAll, type SubscriptionOptions } from './subscription';

const PAGE = 500;

/**
 * The records of a read. A reader that stops early must cancel the call before letting go
 * of the stream: destroying the client's stream alone leaves the server's read open, and
 * the client then waits for it forever when it is disposed.
 */
async function* recordsOf(
  read: AsyncIterable<{ event?: unknown }> & { cancel(): Promise<void> },
): AsyncIterable<EsdbRecord> {
  const iterator = read[Symbol.asyncIterator]();
  let finished = false;
  try {
    for (;;) {
      const next = await iterator.next();
      if (next.done) {
        finished = true;
        return;
      }
      const record = next.value.event as EsdbRecord | undefined;
      if (record) yield record;
    }
  } finally {
    if (!finished) {
      await read.cancel();
      await iterator.return?.().catch(() => undefined);
    }
  }
}

/** EventStoreDB's expected revision for a stream whose head is at `revision` (-1: none). */
const atRevision = (revision: bigint) => (revision === -1n ? NO_STREAM : revision);

const satisfies = (expected: ExpectedRevision, actual: bigint) =>
  expected === 'any' ||
  (expected === 'no_stream' && actual === -1n) ||
  (expected === 'stream_exists' && actual >= 0n) ||
  expected === actual;

/**
 * The event store on EventStoreDB (or KurrentDB). Streams and `$all` are the server's;
 * the hash chain is computed here and travels in each record's metadata; event-id
 * uniqueness across streams is kept by the `EventIdRegister` in PostgreSQL.
 *
 * Every append writes at the exact revision of the stream's head, even when the caller
 * expects `any`: the chain needs the previous link, and EventStoreDB recognises a
 * repeated append of the same ids only when the expected revision is exact. The head is
 * read from the server, or guessed — a new stream, or where this process last left it —
 * and read only when the server refuses the guess.
 */
export class EventStoreDbEventStore implements EventLog {
  private readonly knownHeads = new KnownHeads();

  constructor(
    private readonly client: EventStoreDBClient,
    private readonly eventIds: EventIdRegister,
    private readonly options: SubscriptionOptions & { clock?: () => Date } = {},
  ) {}

  async appendToStream(
    streamId: string,
    events: readonly NewEvent[],
    options: { expectedRevision?: ExpectedRevision } = {},
  ): Promise<AppendResult> {
    if (events.length === 0) throw new RangeError('appendToStream needs at least one event');
    for (const event of events) {
      if (!isUuid(event.id)) throw new RangeError(`Event id ${event.id} is not a UUID`);
    }
    const ids = events.map((e) => e.id.toLowerCase());
    const claim = await this.eventIds.claim(streamId, ids);
    if (claim.kind === 'elsewhere') {
      throw new EventIdConflict(
        streamId,
        `Event ${claim.eventId} is already stored in stream ${claim.streamId}`,
      );
    }
    const expected = options.expectedRevision ?? 'any';
    const recordedAt = (this.options.clock ?? (() => new Date()))().toISOString();
    const fresh = events.map((e, i) => ({ ...e, id: ids[i]!, streamId }));
    // Only a first attempt with new ids may guess: a retry must look for its ids.
    let guess =
      claim.kind === 'new'
        ? (this.knownHeads.get(streamId) ?? (expected === 'no_stream' ? NEW_STREAM : undefined))
        : undefined;
    for (;;) {
      const { head, original } = guess
        ? { head: guess, original: undefined }
        : claim.kind === 'retry'
          ? await this.scanForRetry(streamId, ids)
          : await this.head(streamId);
      const guessed = guess !== undefined;
      guess = undefined;
      if (original) return original;
      if (!satisfies(expected, head.revision)) {
        if (guessed) continue;
        if (claim.kind === 'new') await this.eventIds.release(streamId, ids);
        throw new WrongExpectedRevision(streamId, expected, head.revision);
      }
      let link = head.link;
      const records = fresh.map((event, i) => {
        const metadata = { ...event.metadata, recordedAt };
        link = chainLink(link, head.revision + 1n + BigInt(i), contentHash({ ...event, metadata }));
        return toRecord({ ...event, metadata, hash: link.toString('hex') });
      });
      let written: EsdbAppendResult;
      try {
        written = await this.client.appendToStream(streamId, records, {
          expectedRevision: atRevision(head.revision),
        });
      } catch (error) {
        // Another writer moved the stream on since the head was read or guessed: look again.
        if (!(error instanceof WrongExpectedVersionError)) throw error;
        this.knownHeads.forget(streamId);
        continue;
      }
      const last = head.revision + BigInt(records.length);
      if (claim.kind === 'retry') return this.resultAt(streamId, head.revision + 1n, ids);
      // New ids cannot have been taken for a repeat: these records, with this link, landed.
      this.knownHeads.set(streamId, { revision: last, link });
      // A one-event write's position is the event's; a longer write's is read back.
      if (records.length === 1 && written.position) {
        return { nextExpectedRevision: last, position: fromEsdbPosition(written.position) };
      }
      return this.resultAt(streamId, head.revision + 1n, ids);
    }
  }

  /** The stream's last revision and hash-chain link (-1 and the genesis link when new). */
  private async head(streamId: string): Promise<{ head: Head; original?: undefined }> {
    for await (const event of this.readStream(streamId, { direction: 'backwards', maxCount: 1 })) {
      return { head: { revision: event.revision, link: Buffer.from(event.hash, 'hex') } };
    }
    return { head: NEW_STREAM };
  }

  /** Reads back the events just written (or found already written) at `first`. */
  private async resultAt(streamId: string, first: bigint, ids: string[]): Promise<AppendResult> {
    const written: StoredEvent[] = [];
    for await (const event of this.readStream(streamId, { from: first, maxCount: ids.length })) {
      written.push(event);
    }
    if (written.map((e) => e.id).join() !== ids.join()) {
      throw new EventIdConflict(streamId, `Events at revision ${first} are not the ones appended`);
    }
    const last = written[written.length - 1]!;
    return { nextExpectedRevision: last.revision, position: last.position };
  }

  /**
   * A retried append: the original result when all its ids are stored in order, a
   * conflict when only some are, else the head to write at. The head comes from the same
   * read that found none of the ids, so a write that lands after it fails on the revision.
   */
  private async scanForRetry(
    streamId: string,
    ids: string[],
  ): Promise<{ head: Head; original?: AppendResult }> {
    const found: StoredEvent[] = [];
    const head: Head = { ...NEW_STREAM };
    for await (const event of this.readStream(streamId)) {
      head.revision = event.revision;
      head.link = Buffer.from(event.hash, 'hex');
      if (ids.includes(event.id)) found.push(event);
    }
    if (found.length === 0) return { head };
    const inOrder =
      found.length === ids.length &&
      found.every((e, i) => e.id === ids[i] && e.revision === found[0]!.revision + BigInt(i));
    if (!inOrder)
      throw new EventIdConflict(streamId, `Only part of the batch is stored in ${streamId}`);
    const last = found[found.length - 1]!;
    return { head, original: { nextExpectedRevision: last.revision, position: last.position } };
  }

  async *readStream(streamId: string, options: ReadStreamOptions = {}): AsyncIterable<StoredEvent> {
    const backwards = options.direction === 'backwards';
    const read = this.client.readStream(streamId, {
      direction: backwards ? BACKWARDS : FORWARDS,
      fromRevision: options.from ?? (backwards ? END : ESDB_START),
      ...(options.maxCount !== undefined ? { maxCount: options.maxCount } : {}),
    });
    try {
      for await (const record of recordsOf(read)) {
        if (
          options.to !== undefined &&
          (backwards ? record.revision < options.to : record.revision > options.to)
        ) {
          return;
        }
        yield fromRecord(record);
      }
    } catch (error) {
      if (error instanceof StreamNotFoundError) return;
      throw error;
    }
  }

  /** The log forwards after `from`, without the server's own system records. */
  async *readAll(from: Position = START, options: ReadAllOptions = {}): AsyncIterable<StoredEvent> {
    let remaining = options.maxCount ?? Number.POSITIVE_INFINITY;
    let cursor = from;
    for (;;) {
      let read = 0;
      // `fromPosition` is inclusive: the first record of every page but the first is the cursor.
      for await (const { record, position } of this.allRecords(cursor, FORWARDS)) {
        read++;
        if (position <= cursor) continue;
        cursor = position;
        if (isSystemRecord(record)) continue;
        yield fromRecord(record);
        if (--remaining <= 0) return;
      }
      if (read < PAGE) return;
    }
  }

  private async *allRecords(
    from: Position | 'end',
    direction: typeof FORWARDS | typeof BACKWARDS,
  ): AsyncIterable<{ record: EsdbRecord; position: Position }> {
    const read = this.client.readAll({
      direction,
      maxCount: PAGE,
      fromPosition: from === 'end' ? END : isStart(from) ? ESDB_START : toEsdbPosition(from),
    });
    for await (const record of recordsOf(read)) {
      if (record.position) yield { record, position: fromEsdbPosition(record.position) };
    }
  }

  subscribeToAll(from: Position = START): Subscription {
    return followAll(this.client, from, this.options);
  }

  async headPosition(): Promise<Position> {
    let cursor: Position | 'end' = 'end';
    for (;;) {
      let read = 0;
      for await (const { record, position } of this.allRecords(cursor, BACKWARDS)) {
        read++;
        cursor = position;
        if (!isSystemRecord(record)) return position;
      }
      if (read < PAGE) return START;
    }
  }

  async countAfter(after: Position): Promise<number> {
    let count = 0;
    for await (const _event of this.readAll(after)) count++;
    return count;
  }

  /** Each stream's last event as `$all` holds it: the heads `verify` checks chains against. */
  async *streamHeads(): AsyncIterable<StreamHead> {
    const heads = new Map<string, StreamHead>();
    for await (const event of this.readAll(START)) {
      heads.set(event.streamId, {
        streamId: event.streamId,
        revision: event.revision,
        hash: event.hash,
      });
    }
    yield* heads.values();
  }

  /**
   * Writes events exactly as another store recorded them — ids, revisions, metadata,
   * recorded-at and hash links — for moving a log here. Each run is consecutive events of one
   * stream; the runs are written one after another, in order. Copying a run again is a
   * no-op, so an interrupted copy can simply start over from its last saved position.
   */
  async importRuns(runs: readonly (readonly StoredEvent[])[]): Promise<void> {
    const elsewhere = await this.eventIds.claimCopies(runs.flat());
    if (elsewhere) {
      throw new EventIdConflict(
        elsewhere.streamId,
        `Event ${elsewhere.eventId} is already in ${elsewhere.streamId}`,
      );
    }
    for (const run of runs) await this.importRun(run);
  }

  private async importRun(run: readonly StoredEvent[]): Promise<void> {
    const { streamId, revision: first } = run[0]!;
    try {
      await this.client.appendToStream(streamId, run.map(toRecord), {
        expectedRevision: atRevision(first - 1n),
      });
      return; // written, or found already written at that revision
    } catch (error) {
      if (!(error instanceof WrongExpectedVersionError)) throw error;
    }
    // Part of the run was copied before an interruption: add what comes after the head.
    const { head } = await this.head(streamId);
    const copied = head.revision - first + 1n;
    if (copied >= BigInt(run.length)) {
      // Already here: check it is the same events.
      await this.resultAt(
        streamId,
        first,
        run.map((e) => e.id),
      );
      return;
    }
    const rest = run.slice(Number(copied > 0n ? copied : 0n));
    if (rest[0]!.revision !== head.revision + 1n) {
      throw new WrongExpectedRevision(streamId, rest[0]!.revision - 1n, head.revision);
    }
    await this.client.appendToStream(streamId, rest.map(toRecord), {
      expectedRevision: atRevision(head.revision),
    });
  }

  async close(): Promise<void> {
    await this.client.dispose();
  }
}

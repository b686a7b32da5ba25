import type { Pool, PoolClient } from 'pg';
import type { EventLog, StreamHead } from '../event-log';
import { contentHash } from '../hash-chain';
import { isUuid } from '../ids';
import {
  type AppendResult,
  type ExpectedRevision,
  type NewEvent,
  type ReadAllOptions,
  type ReadStreamOptions,
  type StoredEvent,
  type Subscription,
} from '../port';
import { positionFrom, positionParts, START, type Position } from '../position';
import { appendOutcome, groupCommit, type AppendRow, type PendingAppend } from './group-commit';
import type { StatementBatcher } from './statement-batcher';
import { WakeUp } from './wake-up';

const PAGE = 500;

interface EventRow {
  seq: string;
  xid_text: string;
  event_id: string;
  stream_id: string;
  revision: string;
  type: string;
  schema_version: number;
  data: Record<string, unknown>;
  metadata: StoredEvent['metadata'];
  hash: string;
}

// The hash chain link comes as hex text, the form StoredEvent carries, rather than as
// bytea that the driver would turn into a Buffer only for us to turn it back into hex.
const COLUMNS =
  "seq, xid::text as xid_text, event_id, stream_id, revision, type, schema_version, data, metadata, encode(hash, 'hex') as hash";

// Only rows written by transactions older than every running transaction: they can no
// longer be joined by a row with a lower (xid, seq). Queries order by `events.xid`, the
// xid8 column, never by the text alias, so order is numeric and the index serves it.
const VISIBLE = 'xid < pg_snapshot_xmin(pg_current_snapshot())';

const toStored = (row: EventRow): StoredEvent => ({
  id: row.event_id,
  streamId: row.stream_id,
  revision: BigInt(row.revision),
  position: positionFrom(row.xid_text, row.seq),
  type: row.type,
  schemaVersion: row.schema_version,
  data: row.data,
  metadata: row.metadata,
  hash: row.hash,
});

export interface PostgresEventStoreOptions {
  pool: Pool;
  /** Connection string for the LISTEN connection (same database as the pool). */
  url: string;
  schema?: string;
  /** How often an idle subscription polls when no notification arrives. */
  pollIntervalMs?: number;
  clock?: () => Date;
  /** How many group commits may be in flight at once (see group-commit.ts). */
  commitsInFlight?: number;
}

type Queryable = Pick<PoolClient, 'query'>;

export class PostgresEventStore implements EventLog {
  private readonly pool: Pool;
  private readonly wakeUp: WakeUp;
  private readonly pollIntervalMs: number;
  private readonly clock: () => Date;
  private readonly subscriptions = new Set<Subscription>();
  private readonly groupCommit: StatementBatcher<PendingAppend, AppendResult>;

  constructor(options: PostgresEventStoreOptions) {
    this.pool = options.pool;
    this.pollIntervalMs = options.pollIntervalMs ?? 1000;
    this.clock = options.clock ?? (() => new Date());
    this.groupCommit = groupCommit(this.pool, options.commitsInFlight);
    this.wakeUp = new WakeUp(options.url, `${options.schema ?? 'public'}_events`, (channel) =>
      this.pool.query('select pg_notify($1, $2)', [channel, '']),
    );
  }

  async appendToStream(
    streamId: string,
    events: readonly NewEvent[],
    options: { expectedRevision?: ExpectedRevision } = {},
  ): Promise<AppendResult> {
    const expected = options.expectedRevision ?? 'any';
    const eventsJson = this.prepare(streamId, events);
    const result = await this.groupCommit.submit({ streamId, expected, eventsJson });
    this.wakeUp.appended();
    return result;
  }

  /**
   * Appends inside a transaction the caller controls (the caller commits, then calls
   * `notifyAppended`). Used to hold a transaction open in tests, and to write events
   * together with other rows atomically.
   */
  async appendWithin(
    db: Queryable,
    streamId: string,
    events: readonly NewEvent[],
    expectedRevision: ExpectedRevision,
  ): Promise<AppendResult> {
    const { rows } = await db.query<AppendRow>(
      `select 0 as item, next_revision, last_xid::text as last_xid, last_seq, error, actual
       from append_one($1, $2, $3)`,
      [streamId, String(expectedRevision), this.prepare(streamId, events)],
    );
    return appendOutcome(rows[0]!, streamId, expectedRevision);
  }

  /** Validates ids, stamps recordedAt and hashes each event: the JSON the SQL functions take. */
  private prepare(streamId: string, events: readonly NewEvent[]): string {
    if (events.length === 0) throw new RangeError('appendToStream needs at least one event');
    const recordedAt = this.clock().toISOString();
    return JSON.stringify(
      events.map((event) => {
        if (!isUuid(event.id)) throw new RangeError(`Event id ${event.id} is not a UUID`);
        const id = event.id.toLowerCase();
        const metadata = { ...event.metadata, recordedAt };
        return {
          id,
          type: event.type,
          schemaVersion: event.schemaVersion,
          data: event.data,
          metadata,
          contentHash: contentHash({ ...event, id, streamId, metadata }).toString('hex'),
        };
      }),
    );
  }

  notifyAppended(): void {
    this.wakeUp.appended();
  }

  async *readStream(streamId: string, options: ReadStreamOptions = {}): AsyncIterable<StoredEvent> {
    const backwards = options.direction === 'backwards';
    let remaining = options.maxCount ?? Number.POSITIVE_INFINITY;
    let low = backwards ? -1n : (options.from ?? 0n) - 1n; // exclusive bounds
    let high = backwards
      ? (options.from ?? BigInt(Number.MAX_SAFE_INTEGER)) + 1n
      : BigInt(Number.MAX_SAFE_INTEGER);
    if (options.to !== undefined) {
      if (backwards) low = options.to - 1n;
      else high = options.to + 1n;
    }
    while (remaining > 0) {
      const limit = Math.min(PAGE, remaining);
      const { rows } = await this.pool.query<EventRow>(
        `select ${COLUMNS} from events where stream_id = $1 and revision > $2 and revision < $3
         order by revision ${backwards ? 'desc' : 'asc'} limit $4`,
        [streamId, String(low), String(high), limit],
      );
      for (const row of rows) yield toStored(row);
      remaining -= rows.length;
      if (rows.length < limit) return;
      const last = BigInt(rows[rows.length - 1]!.revision);
      if (backwards) high = last;
      else low = last;
    }
  }

  async *readAll(from: Position = START, options: ReadAllOptions = {}): AsyncIterable<StoredEvent> {
    let remaining = options.maxCount ?? Number.POSITIVE_INFINITY;
    const fetch = (after: Position) => {
      const page = this.readPage(after, Math.min(PAGE, remaining));
      page.catch(() => undefined); // a reader that stops early leaves the last fetch unread
      return page;
    };
    let next = fetch(from);
    for (;;) {
      const page = await next;
      remaining -= page.length;
      const more = page.length === PAGE && remaining > 0;
      // The next page is read while this one is handed out: the database and the reader overlap.
      if (more) next = fetch(page[page.length - 1]!.position);
      for (const event of page) yield event;
      if (!more) return;
    }
  }

  /** One page of the global log after `after`, only what no later commit can precede. */
  async readPage(after: Position, limit: number): Promise<StoredEvent[]> {
    const [xid, seq] = positionParts(after);
    const { rows } = await this.pool.query<EventRow>(
      `select ${COLUMNS} from events
       where (xid, seq) > ($1::text::xid8, $2::bigint) and ${VISIBLE}
       order by events.xid, events.seq limit $3`,
      [String(xid), String(seq), limit],
    );
    return rows.map(toStored);
  }

  /** Committed events after `after` that wait for an older, still-running transaction. */
  private async hasPending(after: Position): Promise<boolean> {
    const [xid, seq] = positionParts(after);
    const { rows } = await this.pool.query<{ pending: boolean }>(
      `select exists (select 1 from events where (xid, seq) > ($1::text::xid8, $2::bigint)
         and not (${VISIBLE})) as pending`,
      [String(xid), String(seq)],
    );
    return rows[0]?.pending ?? false;
  }

  /** Every stream's recorded revision and last hash-chain link, for `verify --all`. */
  async *streamHeads(): AsyncIterable<StreamHead> {
    let after = '';
    for (;;) {
      const { rows } = await this.pool.query<{ stream_id: string; revision: string; hash: string }>(
        `select stream_id, revision, encode(last_hash, 'hex') as hash from streams
         where stream_id > $1 and revision >= 0 order by stream_id limit $2`,
        [after, PAGE * 10],
      );
      for (const row of rows)
        yield { streamId: row.stream_id, revision: BigInt(row.revision), hash: row.hash };
      if (rows.length < PAGE * 10) return;
      after = rows[rows.length - 1]!.stream_id;
    }
  }

  /** How many events a reader at `after` has still to read (for lag reporting). */
  async countAfter(after: Position): Promise<number> {
    const [xid, seq] = positionParts(after);
    const { rows } = await this.pool.query<{ n: string }>(
      `select count(*) as n from events where (xid, seq) > ($1::text::xid8, $2::bigint) and ${VISIBLE}`,
      [String(xid), String(seq)],
    );
    return Number(rows[0]!.n);
  }

  async headPosition(): Promise<Position> {
    const { rows } = await this.pool.query<{ xid_text: string; seq: string }>(
      `select xid::text as xid_text, seq from events where ${VISIBLE}
       order by events.xid desc, events.seq desc limit 1`,
    );
    const row = rows[0];
    return row ? positionFrom(row.xid_text, row.seq) : START;
  }

  subscribeToAll(from: Position = START): Subscription {
    let closed = false;
    const subscription: Subscription = {
      close: async () => {
        closed = true;
        this.subscriptions.delete(subscription);
        this.wakeUp.wake();
      },
      [Symbol.asyncIterator]: () => this.follow(from, () => closed),
    };
    this.subscriptions.add(subscription);
    return subscription;
  }

  private async *follow(from: Position, isClosed: () => boolean): AsyncGenerator<StoredEvent> {
    await this.wakeUp.listen();
    let cursor = from;
    let pendingDelay = 2;
    while (!isClosed()) {
      const token = this.wakeUp.token();
      const page = await this.readPage(cursor, PAGE);
      for (const event of page) {
        if (isClosed()) return;
        cursor = event.position;
        yield event;
      }
      if (page.length === PAGE) continue;
      // A later transaction already committed but an older one is still open: look
      // again soon rather than waiting for the next notification or poll.
      if (await this.hasPending(cursor)) {
        await new Promise((resolve) => setTimeout(resolve, pendingDelay));
        pendingDelay = Math.min(pendingDelay * 2, 50);
        continue;
      }
      pendingDelay = 2;
      await this.wakeUp.wait(token, this.pollIntervalMs);
    }
  }

  async close(): Promise<void> {
    await Promise.all([...this.subscriptions].map((s) => s.close()));
    await this.wakeUp.close();
  }
}

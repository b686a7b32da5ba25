/**
 * The event store port. Everything the product knows happened is appended here and
 * read back from here; PostgreSQL and EventStoreDB both sit behind this interface, so
 * nothing above it may depend on how an adapter stores events.
 */
import type { Position } from './position';

/** What the writer believes the stream's current revision is (revisions count from 0). */
export type ExpectedRevision = 'any' | 'no_stream' | 'stream_exists' | bigint;

/** How a change reached us: the four application channels, staff in the back office, or the system. */
export type EventChannel =
  'web' | 'phone' | 'post' | 'assisted_digital' | 'back_office' | 'api' | 'system';

export interface Actor {
  id: string;
  role: string;
}

export interface EventMetadata {
  actor: Actor;
  channel: EventChannel;
  /** Ties together every event caused by one request or job. */
  correlationId: string;
  /** The event (or request) that caused this one, if any. */
  causationId: string | null;
  /** When it happened in the world, as the command said: ISO 8601. */
  occurredAt: string;
}

export interface NewEvent {
  /** A UUID. Appending an id that is already stored is a no-op returning the original result. */
  id: string;
  type: string;
  schemaVersion: number;
  data: Record<string, unknown>;
  metadata: EventMetadata;
}

export interface StoredEvent extends NewEvent {
  streamId: string;
  revision: bigint;
  position: Position;
  metadata: EventMetadata & { recordedAt: string };
  /** Hex SHA-256 link of the stream's hash chain (see hash-chain.ts). */
  hash: string;
}

export interface AppendResult {
  /** The stream's revision after the append: pass it as expectedRevision next time. */
  nextExpectedRevision: bigint;
  /** Global position of the last event written. */
  position: Position;
}

export interface ReadStreamOptions {
  /** First revision to read (inclusive); default: the start, or the end when reading backwards. */
  from?: bigint;
  /** Last revision to read (inclusive). */
  to?: bigint;
  direction?: 'forwards' | 'backwards';
  maxCount?: number;
}

export interface ReadAllOptions {
  maxCount?: number;
}

export interface Subscription extends AsyncIterable<StoredEvent> {
  /** Ends the subscription; a pending iteration finishes without a value. */
  close(): Promise<void>;
}

export interface EventStore {
  appendToStream(
    streamId: string,
    events: readonly NewEvent[],
    options?: { expectedRevision?: ExpectedRevision },
  ): Promise<AppendResult>;
  /** The stream's events in revision order; a stream that does not exist reads as empty. */
  readStream(streamId: string, options?: ReadStreamOptions): AsyncIterable<StoredEvent>;
  /** Events after `from` (exclusive) in the single global order. */
  readAll(from?: Position, options?: ReadAllOptions): AsyncIterable<StoredEvent>;
  /** Every event after `from`, then each new one as it is committed, in the same global order. */
  subscribeToAll(from?: Position): Subscription;
  /** The position of the last event a reader can see now (the start if the log is empty). */
  headPosition(): Promise<Position>;
  close(): Promise<void>;
}

/** The stream was not at the revision the writer expected: someone else changed it first. */
export class WrongExpectedRevision extends Error {
  override readonly name = 'WrongExpectedRevision';
  constructor(
    readonly streamId: string,
    readonly expected: ExpectedRevision,
    /** The stream's actual revision; -1n when the stream does not exist. */
    readonly actualRevision: bigint,
  ) {
    super(
      `Stream ${streamId} is at revision ${actualRevision === -1n ? 'none (no stream)' : actualRevision}, expected ${String(expected)}`,
    );
  }
}

/** An event id was re-used for different events, or only part of a batch was already stored. */
export class EventIdConflict extends Error {
  override readonly name = 'EventIdConflict';
  constructor(
    readonly streamId: string,
    message: string,
  ) {
    super(message);
  }
}

/**
 * An event in the log that this release cannot read (its data does not open or upcast):
 * readers are told which, so what stops on it can say so.
 */
export class UnreadableEvent extends Error {
  override readonly name = 'UnreadableEvent';
  constructor(
    readonly event: StoredEvent,
    cause: unknown,
  ) {
    super(
      `Event ${event.id} (${event.type} v${event.schemaVersion}) cannot be read: ${
        cause instanceof Error ? cause.message : String(cause)
      }`,
      { cause },
    );
  }
}

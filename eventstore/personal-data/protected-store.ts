import { carriesPersonalData, personalDataSubject } from '../../domain/personal-data';
import { upcast } from '../../domain/upcasters';
import { inBatches, inChunks } from '../batches';
import type {
  AppendResult,
  EventStore,
  ExpectedRevision,
  NewEvent,
  ReadAllOptions,
  ReadStreamOptions,
  StoredEvent,
  Subscription,
} from '../port';
import { UnreadableEvent } from '../port';
import type { Position } from '../position';
import { isSealed, open, seal } from './seal';
import { SubjectKeys, type SubjectKey } from './subject-keys';
import { DEVELOPMENT_MASTER_KEY, localKeyProvider } from './key-provider';
import type { Pool } from 'pg';

/**
 * The event store as the rest of the product sees it. Around any adapter it seals each
 * event's personal part with its data subject's key before storing it, and on every read
 * opens it again (or shows it erased) and upcasts the event to its type's current shape.
 * The adapter — and so the hash chain, backups and `verify` — only ever holds ciphertext.
 */
const CHUNK = 500;

export class ProtectedEventStore implements EventStore {
  constructor(
    /** The events exactly as stored: what hash-chain verification must read. */
    readonly stored: EventStore,
    readonly keys: SubjectKeys,
  ) {}

  async appendToStream(
    streamId: string,
    events: readonly NewEvent[],
    options?: { expectedRevision?: ExpectedRevision },
  ): Promise<AppendResult> {
    return this.stored.appendToStream(streamId, await this.seal(streamId, events), options);
  }

  async *readStream(streamId: string, options?: ReadStreamOptions): AsyncIterable<StoredEvent> {
    for await (const chunk of inChunks(this.stored.readStream(streamId, options), CHUNK)) {
      yield* await this.open(chunk, true);
    }
  }

  async *readAll(from?: Position, options?: ReadAllOptions): AsyncIterable<StoredEvent> {
    for await (const chunk of inChunks(this.stored.readAll(from, options), CHUNK)) {
      yield* await this.open(chunk, false);
    }
  }

  subscribeToAll(from?: Position): Subscription {
    const inner = this.stored.subscribeToAll(from);
    const opened = async function* (this: ProtectedEventStore) {
      for await (const batch of inBatches(inner, CHUNK)) yield* await this.open(batch, false);
    }.bind(this);
    return { close: () => inner.close(), [Symbol.asyncIterator]: () => opened() };
  }

  headPosition(): Promise<Position> {
    return this.stored.headPosition();
  }

  close(): Promise<void> {
    return this.stored.close();
  }

  private async seal(streamId: string, events: readonly NewEvent[]): Promise<NewEvent[]> {
    if (!events.some((e) => carriesPersonalData(e.type, e.data))) return [...events];
    const subject = personalDataSubject(streamId);
    if (!subject) throw new RangeError(`Stream ${streamId} has no data subject for personal data`);
    const key = await this.keys.forWriting(subject);
    return events.map((event) =>
      carriesPersonalData(event.type, event.data)
        ? {
            ...event,
            data: {
              ...event.data,
              personal: seal(key, subject, event, event.data.personal as Record<string, unknown>),
            },
          }
        : event,
    );
  }

  /**
   * Up to `limit` events after `after`, opened together: one look-up of their subjects'
   * keys and no event-by-event iteration. Adapters that read a page in one query (the
   * PostgreSQL one) are asked for it directly.
   */
  async readPage(after: Position, limit: number): Promise<StoredEvent[]> {
    return this.open(await readPage(this.stored, after, limit), false);
  }

  private async open(events: StoredEvent[], fresh: boolean): Promise<StoredEvent[]> {
    const subjects = new Set<string>();
    for (const event of events) {
      const personal = event.data.personal;
      if (isSealed(personal)) subjects.add(personal.sealed.subject);
    }
    const keys = subjects.size ? await this.keys.forReading(subjects, fresh) : new Map();
    return events.map((event) => {
      try {
        return opened(event, keys);
      } catch (error) {
        throw new UnreadableEvent(event, error);
      }
    });
  }
}

/** A log that hands out a page of events in one read. */
export interface PagedLog {
  readPage(after: Position, limit: number): Promise<StoredEvent[]>;
}

/** Up to `limit` events after `after`: in one read where the log offers it, else from `readAll`. */
export const readPage = async (
  store: EventStore & Partial<PagedLog>,
  after: Position,
  limit: number,
): Promise<StoredEvent[]> => {
  if (store.readPage) return store.readPage(after, limit);
  const page: StoredEvent[] = [];
  for await (const event of store.readAll(after, { maxCount: limit })) page.push(event);
  return page;
};

/**
 * The event with its personal part opened and its data upcast. Events read from an
 * adapter are fresh objects of their own, so one that needs neither is passed on as it is.
 */
const opened = (event: StoredEvent, keys: ReadonlyMap<string, SubjectKey>): StoredEvent => {
  const personal = event.data.personal;
  const data = isSealed(personal)
    ? { ...event.data, personal: open(keys.get(personal.sealed.subject) ?? null, event, personal) }
    : event.data;
  const current = upcast(event.type, { schemaVersion: event.schemaVersion, data });
  if (current.data === event.data && current.schemaVersion === event.schemaVersion) return event;
  return { ...event, schemaVersion: current.schemaVersion, data: current.data };
};

/** The events as stored, for checking their hash chains: under the protection if there is one. */
export const storedEvents = (store: EventStore): EventStore =>
  store instanceof ProtectedEventStore ? store.stored : store;

/** The data keys behind a protected store: erasure needs them. */
export const subjectKeysOf = (store: EventStore): SubjectKeys => {
  if (!(store instanceof ProtectedEventStore)) {
    throw new TypeError('Personal data can only be erased through the protected event store');
  }
  return store.keys;
};

/** Makes erasures final on disk; best effort, as autovacuum gets there in the end anyway. */
export const reclaimErasedKeys = (store: EventStore): Promise<void> =>
  subjectKeysOf(store)
    .reclaim()
    .catch(() => undefined);

/** Protects an adapter's log with data keys kept in PostgreSQL under the given master key. */
export const protect = (
  eventLog: EventStore,
  pool: Pool,
  masterKey: Buffer = DEVELOPMENT_MASTER_KEY,
): ProtectedEventStore =>
  new ProtectedEventStore(eventLog, new SubjectKeys(pool, localKeyProvider(masterKey)));

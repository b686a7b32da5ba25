import { createHash } from 'node:crypto';
import type { StoredEvent } from './port';

/**
 * Each stream is a hash chain: every event's link is
 *   SHA-256(previous link || revision as 8 big-endian bytes || SHA-256(canonical event))
 * with an empty previous link for revision 0. The canonical event covers everything a
 * person could change — id, stream, type, schema version, data and metadata — but not
 * the global position, so a history keeps its hashes when it moves to another store.
 * Altering any stored event breaks its link and every link after it.
 */

/**
 * JSON with object keys sorted at every depth, so equal values always hash equally: exactly
 * `JSON.stringify` of each object rebuilt with its keys sorted (see `canonicalKeyOrder`), written out
 * directly rather than through a replacer that copies every object, because every append
 * hashes every event with it.
 */
export const canonicalJson = (value: unknown): string => write(value, '') as string;

const write = (value: unknown, key: string): string | undefined => {
  if (
    value !== null &&
    typeof value === 'object' &&
    typeof (value as { toJSON?: unknown }).toJSON === 'function'
  ) {
    value = (value as { toJSON(key: string): unknown }).toJSON(key);
  }
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return JSON.stringify(value);
    case 'number':
      return Number.isFinite(value) ? JSON.stringify(value) : 'null';
    case 'bigint':
      return JSON.stringify(value); // throws, as JSON.stringify does
    case 'object':
      break;
    default:
      return undefined; // undefined, functions and symbols are left out
  }
  if (value === null) return 'null';
  if (Array.isArray(value)) {
    const items: string[] = [];
    for (let index = 0; index < value.length; index++) {
      items.push(write(value[index], String(index)) ?? 'null'); // holes too, as null
    }
    return `[${items.join(',')}]`;
  }
  const object = value as Record<string, unknown>;
  const members: string[] = [];
  for (const name of canonicalKeyOrder(Object.keys(object))) {
    const written = write(object[name], name);
    if (written !== undefined) members.push(`${JSON.stringify(name)}:${written}`);
  }
  return `{${members.join(',')}}`;
};

const byCodeUnits = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const ARRAY_INDEX = /^(0|[1-9]\d*)$/;

/**
 * The order the canonical form has always used: sorting an object's keys into a new
 * object, where JavaScript puts array-index keys ("0", "9", "10") first in numeric order
 * and the rest in the sorted order. `Object.keys` already lists the index keys first.
 */
const canonicalKeyOrder = (keys: string[]): string[] => {
  let indexKeys = 0;
  while (indexKeys < keys.length && isArrayIndex(keys[indexKeys]!)) indexKeys++;
  if (indexKeys === 0) return keys.sort(byCodeUnits);
  return [...keys.slice(0, indexKeys), ...keys.slice(indexKeys).sort(byCodeUnits)];
};

const isArrayIndex = (key: string) => ARRAY_INDEX.test(key) && Number(key) < 4294967295;

type HashedFields = Pick<
  StoredEvent,
  'id' | 'streamId' | 'type' | 'schemaVersion' | 'data' | 'metadata'
>;

export const contentHash = (event: HashedFields): Buffer =>
  createHash('sha256')
    .update(
      canonicalJson({
        id: event.id,
        streamId: event.streamId,
        type: event.type,
        schemaVersion: event.schemaVersion,
        data: event.data,
        metadata: event.metadata,
      }),
    )
    .digest();

export const chainLink = (previous: Buffer, revision: bigint, content: Buffer): Buffer => {
  const rev = Buffer.alloc(8);
  rev.writeBigInt64BE(revision);
  return createHash('sha256').update(previous).update(rev).update(content).digest();
};

export const GENESIS = Buffer.alloc(0);

export interface AlteredEvent {
  eventId: string;
  streamId: string;
  revision: bigint;
  reason: string;
}

/**
 * Follows streams' hash chains event by event. Feed it events in stream order (they may
 * interleave across streams, as in the global log); it remembers each stream's last link.
 */
export class ChainVerifier {
  private readonly links = new Map<string, { revision: bigint; link: Buffer }>();
  private readonly broken = new Set<string>();
  checked = 0;
  readonly altered: AlteredEvent[] = [];

  check(event: StoredEvent): void {
    this.checked++;
    if (this.broken.has(event.streamId)) return;
    const last = this.links.get(event.streamId);
    const expectedRevision = last ? last.revision + 1n : 0n;
    const fail = (reason: string) => {
      this.broken.add(event.streamId);
      this.altered.push({
        eventId: event.id,
        streamId: event.streamId,
        revision: event.revision,
        reason,
      });
    };
    if (event.revision !== expectedRevision) {
      return fail(
        `revision ${event.revision} follows ${expectedRevision - 1n}: an event is missing`,
      );
    }
    const link = chainLink(last?.link ?? GENESIS, event.revision, contentHash(event));
    if (link.toString('hex') !== event.hash) {
      return fail('its content no longer matches its hash: it was altered after it was recorded');
    }
    this.links.set(event.streamId, { revision: event.revision, link });
  }

  /** Compares a stream's recorded head with the end of its chain: catches removed last events. */
  checkHead(streamId: string, revision: bigint, hash: string): void {
    if (this.broken.has(streamId)) return;
    const last = this.links.get(streamId);
    if (last?.revision === revision && last.link.toString('hex') === hash) return;
    this.broken.add(streamId);
    this.altered.push({
      eventId: '(missing)',
      streamId,
      revision: (last?.revision ?? -1n) + 1n,
      reason: `the stream records ${revision + 1n} events but only ${(last?.revision ?? -1n) + 1n} remain intact`,
    });
  }
}

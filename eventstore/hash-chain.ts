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

/** JSON with object keys sorted at every depth, so equal values always hash equally. */
export const canonicalJson = (value: unknown): string =>
  JSON.stringify(value, (_key, v: unknown) =>
    v !== null && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(
          Object.entries(v as Record<string, unknown>).sort(([a], [b]) =>
            a < b ? -1 : a > b ? 1 : 0,
          ),
        )
      : v,
  );

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

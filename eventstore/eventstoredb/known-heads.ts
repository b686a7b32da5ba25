import { GENESIS } from '../hash-chain';

/** A stream's last revision and hash-chain link. */
export interface Head {
  revision: bigint;
  link: Buffer;
}

export const NEW_STREAM: Head = { revision: -1n, link: GENESIS };

/**
 * The heads of streams this process appended to last, so the next append to a case can
 * skip reading the head back from the server. A guess only: if another process wrote
 * since, the server refuses the exact revision and the adapter reads the real head.
 * Bounded, least recently used first out.
 */
export class KnownHeads {
  private readonly heads = new Map<string, Head>();

  constructor(private readonly capacity = 10_000) {}

  get(streamId: string): Head | undefined {
    const head = this.heads.get(streamId);
    if (head) {
      this.heads.delete(streamId);
      this.heads.set(streamId, head);
    }
    return head;
  }

  set(streamId: string, head: Head): void {
    this.heads.delete(streamId);
    this.heads.set(streamId, head);
    if (this.heads.size > this.capacity) {
      this.heads.delete(this.heads.keys().next().value!);
    }
  }

  forget(streamId: string): void {
    this.heads.delete(streamId);
  }
}

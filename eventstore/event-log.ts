import type { EventStore } from './port';
import type { Position } from './position';

/** A stream's recorded revision and the last link of its hash chain. */
export interface StreamHead {
  streamId: string;
  revision: bigint;
  hash: string;
}

/**
 * An adapter as operations see it: the port, plus what hash-chain verification and lag
 * reporting need to ask of the stored log itself. Both adapters implement it.
 */
export interface EventLog extends EventStore {
  /** Every stream's recorded head, so `verify` catches a history whose last events were removed. */
  streamHeads(): AsyncIterable<StreamHead>;
  /** How many events a reader at `after` has still to read (for lag reporting). */
  countAfter(after: Position): Promise<number>;
}

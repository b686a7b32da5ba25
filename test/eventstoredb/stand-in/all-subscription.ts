import { randomUUID } from 'node:crypto';
import { status, type ServerWritableStream } from '@grpc/grpc-js';
import { ReadReq, ReadResp } from '@eventstore/db-client/generated/streams_pb';
import type { EventFilter } from './event-filter';
import type { EventLog, LoggedEvent } from './event-log';
import { readEventOf } from './messages';

export type ReadCall = ServerWritableStream<ReadReq, ReadResp>;

/** Every live subscription, so a restart of the node can end them all. */
export type LiveSubscriptions = Set<AllSubscription>;

const checkpointAt = (event: LoggedEvent) => {
  const position = event.position.toString();
  return new ReadResp().setCheckpoint(
    new ReadResp.Checkpoint().setCommitPosition(position).setPreparePosition(position),
  );
};

/**
 * A catch-up subscription to `$all`: confirmation, the events after its start, a caught-up
 * message when it reaches the end of the log, then each event as it is appended. Catch-up
 * and live are one cursor over the log, so no event can fall between them.
 *
 * A filtered subscription reports a checkpoint every `checkpointInterval` events scanned,
 * at the last scanned event's position, so that resubscribing from it (subscriptions start
 * after their position) misses nothing.
 */
export class AllSubscription {
  private scanned = 0;
  private caughtUp = false;
  private waitingForDrain = false;
  private stopped = false;
  private readonly stopListening: () => void;

  constructor(
    private readonly log: EventLog,
    private readonly call: ReadCall,
    private readonly live: LiveSubscriptions,
    private next: number,
    private readonly filter: EventFilter | undefined,
  ) {
    live.add(this);
    this.stopListening = log.onAppend(() => this.deliver());
    // A client that cancels or disconnects must leave nothing running here.
    call.on('cancelled', () => this.stop());
    const confirmation = new ReadResp.SubscriptionConfirmation().setSubscriptionId(randomUUID());
    this.send(new ReadResp().setConfirmation(confirmation));
    this.deliver();
  }

  /** How many of the log's records this subscription has handed to gRPC so far. */
  get recordsSent(): number {
    return this.next;
  }

  /** Ends the call the way a node that restarts or loses its leadership does. */
  drop(): void {
    if (this.stopped) return;
    this.stop();
    this.call.emit('error', {
      code: status.UNAVAILABLE,
      details: 'The node is shutting down or is no longer the leader.',
    });
  }

  stop(): void {
    this.stopped = true;
    this.stopListening();
    this.live.delete(this);
  }

  private deliver(): void {
    while (!this.stopped && !this.waitingForDrain) {
      const event = this.log.events[this.next];
      if (!event) {
        if (!this.caughtUp) {
          this.caughtUp = true;
          this.send(new ReadResp().setCaughtUp(new ReadResp.CaughtUp()));
        }
        return;
      }
      this.next += 1;
      if (!this.filter || this.filter.matches(event)) this.send(readEventOf(event));
      if (this.filter && ++this.scanned % this.filter.checkpointInterval === 0) {
        this.send(checkpointAt(event));
      }
    }
  }

  // The client reads at its own pace: stop producing until grpc has flushed what it holds.
  private send(response: ReadResp): void {
    if (this.call.write(response)) return;
    this.waitingForDrain = true;
    this.call.once('drain', () => {
      this.waitingForDrain = false;
      this.deliver();
    });
  }
}

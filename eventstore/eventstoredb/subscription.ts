import {
  excludeSystemEvents,
  START as ESDB_START,
  type AllStreamSubscription,
  type EventStoreDBClient,
} from '@eventstore/db-client';
import type { StoredEvent, Subscription } from '../port';
import type { Position } from '../position';
import { fromRecord, isStart, isSystemRecord, toEsdbPosition, type EsdbRecord } from './records';

export interface SubscriptionOptions {
  /** Told each time the server drops a subscription, before it is resumed. */
  onSubscriptionDropped?: (error: unknown) => void;
  /** First wait before resubscribing; it doubles on each failure in a row, to 5 s. */
  resubscribeDelayMs?: number;
}

const MAX_DELAY_MS = 5000;

/**
 * `$all` from a position, for as long as the caller reads: catch-up, then live.
 *
 * Catch-up subscriptions are long-lived gRPC calls, and a leader change, a restart or a
 * network blip ends them — sometimes with an error, sometimes quietly. Either way this
 * subscribes again from the last event it handed out, so a projection never stops
 * following the log and never sees an event twice. A connection that dies without a
 * word is found by the client's gRPC keep-alive (every 10 s, 10 s to answer, unless the
 * connection string's `keepAliveInterval`/`keepAliveTimeout` say otherwise), which ends
 * the call with an error and so brings the resubscription here.
 *
 * Backpressure: events are pulled with `for await`, so while the reader is busy the
 * client's stream buffers up to its high-water mark and then pauses, and gRPC flow
 * control stops the server sending; nothing piles up in memory behind a slow projection.
 */
export const followAll = (
  client: EventStoreDBClient,
  from: Position,
  options: SubscriptionOptions = {},
): Subscription => {
  let closed = false;
  let current: AllStreamSubscription | undefined;
  let wakeFromDelay: (() => void) | undefined;

  async function* events(): AsyncGenerator<StoredEvent> {
    let cursor = from;
    let failures = 0;
    while (!closed) {
      const subscription = client.subscribeToAll({
        fromPosition: isStart(cursor) ? ESDB_START : toEsdbPosition(cursor),
        filter: excludeSystemEvents(),
      });
      current = subscription;
      try {
        for await (const resolved of subscription) {
          failures = 0;
          const record = resolved.event as EsdbRecord | undefined;
          if (!record || isSystemRecord(record)) continue;
          const event = fromRecord(record);
          if (event.position <= cursor) continue;
          cursor = event.position;
          yield event;
          if (closed) return;
        }
        if (!closed)
          options.onSubscriptionDropped?.(new Error('the server ended the subscription'));
      } catch (error) {
        if (closed) return;
        options.onSubscriptionDropped?.(error);
      } finally {
        await subscription.unsubscribe().catch(() => undefined);
      }
      const delay = Math.min((options.resubscribeDelayMs ?? 50) * 2 ** failures++, MAX_DELAY_MS);
      await new Promise<void>((resolve) => {
        wakeFromDelay = resolve;
        setTimeout(resolve, delay).unref();
      });
    }
  }

  return {
    async close() {
      closed = true;
      wakeFromDelay?.();
      await current?.unsubscribe().catch(() => undefined);
    },
    [Symbol.asyncIterator]: events,
  };
};

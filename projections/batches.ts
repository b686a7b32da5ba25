import type { StoredEvent, Subscription } from '../eventstore/port';

const WOULD_WAIT = Symbol('would wait');

/**
 * Groups a subscription's events into batches: as many as are ready at once (up to
 * `max`), so catch-up applies thousands per transaction while the live tail applies each
 * event as soon as it arrives.
 */
export async function* inBatches(
  subscription: Subscription,
  max: number,
): AsyncGenerator<StoredEvent[]> {
  const events = subscription[Symbol.asyncIterator]();
  let next = events.next();
  for (;;) {
    const first = await next;
    if (first.done) return;
    const batch = [first.value];
    next = events.next();
    while (batch.length < max) {
      // A macrotask lets every event already fetched arrive before the batch closes.
      const ready = await Promise.race([
        next,
        new Promise<typeof WOULD_WAIT>((r) => setImmediate(() => r(WOULD_WAIT))),
      ]);
      if (ready === WOULD_WAIT) break;
      if (ready.done) {
        yield batch;
        return;
      }
      batch.push(ready.value);
      next = events.next();
    }
    yield batch;
  }
}

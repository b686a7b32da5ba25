const WOULD_WAIT = Symbol('would wait');

/**
 * Groups a subscription's events into batches: as many as are ready at once (up to
 * `max`), so catch-up applies thousands per transaction while the live tail applies each
 * event as soon as it arrives.
 */
export async function* inBatches<T>(
  subscription: AsyncIterable<T>,
  max: number,
): AsyncGenerator<T[]> {
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

/** Fixed-size chunks of a finite read, so each chunk can be prepared in one go. */
export async function* inChunks<T>(items: AsyncIterable<T>, size: number): AsyncGenerator<T[]> {
  let chunk: T[] = [];
  for await (const item of items) {
    chunk.push(item);
    if (chunk.length === size) {
      yield chunk;
      chunk = [];
    }
  }
  if (chunk.length > 0) yield chunk;
}

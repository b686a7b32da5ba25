/** An event as the client proposes it. */
export interface ProposedEvent {
  id: string;
  type: string;
  contentType: string;
  data: Uint8Array;
  customMetadata: Uint8Array;
}

/** An event as the log holds it: its stream revision and its place in `$all`. */
export interface LoggedEvent extends ProposedEvent {
  streamId: string;
  revision: bigint;
  /** Commit and prepare position both: every append here is an implicit transaction. */
  position: bigint;
  /** .NET ticks (100 ns) since the Unix epoch, as the server reports `created`. */
  created: bigint;
}

export type ExpectedRevision = 'any' | 'no_stream' | 'stream_exists' | bigint;

export type AppendOutcome =
  | { kind: 'appended'; revision: bigint; position: bigint }
  | { kind: 'nothing_to_append'; revision: bigint | 'no_stream' }
  | { kind: 'wrong_expected_version'; current: bigint | 'no_stream'; expected: ExpectedRevision };

const NO_STREAM = -1n;

// A real log opens with an epoch record, so no event sits at position 0 and `{0, 0}` is
// the start of the log rather than the first event.
const EPOCH_RECORD_SIZE = 128n;
// Bytes a prepare record takes besides its payload. Positions grow by record size, so they
// are far from dense: an adapter must never compute one position from another.
const RECORD_HEADER_SIZE = 96n;

const recordSize = (streamId: string, event: ProposedEvent) =>
  RECORD_HEADER_SIZE +
  BigInt(Buffer.byteLength(streamId) + Buffer.byteLength(event.type)) +
  BigInt(event.data.length + event.customMetadata.length);

const ticksNow = () => BigInt(Date.now()) * 10_000n;

/** The whole database: every event in `$all` order, each stream's events, and who is waiting. */
export class EventLog {
  private readonly all: LoggedEvent[] = [];
  private readonly streams = new Map<string, LoggedEvent[]>();
  private readonly listeners = new Set<() => void>();
  private nextPosition = EPOCH_RECORD_SIZE;

  /** The position after the last record: where the next event will be written. */
  get end(): bigint {
    return this.nextPosition;
  }

  /** Every event, in `$all` order. */
  get events(): readonly LoggedEvent[] {
    return this.all;
  }

  stream(streamId: string): readonly LoggedEvent[] {
    return this.streams.get(streamId) ?? [];
  }

  /** Index in `$all` of the first event at or after `position`. */
  indexAtOrAfter(position: bigint): number {
    let low = 0;
    let high = this.all.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      if ((this.all[middle]?.position ?? 0n) < position) low = middle + 1;
      else high = middle;
    }
    return low;
  }

  /** Whether a client may read or subscribe from here: a record boundary inside the log. */
  isValidPosition(commit: bigint, prepare: bigint): boolean {
    if (commit !== prepare) return false;
    if (commit === 0n || commit === this.end) return true;
    return this.all[this.indexAtOrAfter(commit)]?.position === commit;
  }

  /** Calls `listener` after every append; returns the way to stop. */
  onAppend(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * Decides like EventStoreDB's commit check. With an exact revision or `no_stream` that
   * the stream has already passed, the events are compared with those written after that
   * revision: the same ids in the same places make the append idempotent (success with
   * the original revision and position, nothing written); anything else is a wrong
   * expected version.
   *
   * With `any` and `stream_exists` the real server only looks for the ids in an in-memory
   * cache of recently committed events: best effort, gone after a restart or once the
   * cache evicts them, and never across streams. The stand-in behaves as that cache
   * always does after a restart, so the same events appended again with `any` or
   * `stream_exists` are written again. An adapter that promises "an id is stored once"
   * must not rely on the server for it.
   */
  append(
    streamId: string,
    expected: ExpectedRevision,
    events: readonly ProposedEvent[],
  ): AppendOutcome {
    const stream = this.stream(streamId);
    const current = BigInt(stream.length) - 1n;
    const currentState = current === NO_STREAM ? 'no_stream' : current;
    const refuse = (): AppendOutcome => ({
      kind: 'wrong_expected_version',
      current: currentState,
      expected,
    });

    if (expected === 'stream_exists' && current === NO_STREAM) return refuse();
    if (typeof expected === 'bigint' || expected === 'no_stream') {
      const revision = expected === 'no_stream' ? NO_STREAM : expected;
      if (revision > current) return refuse();
      if (revision < current) return this.idempotentRetry(stream, revision, events) ?? refuse();
    }
    if (events.length === 0) return { kind: 'nothing_to_append', revision: currentState };
    return this.write(streamId, current, events);
  }

  private idempotentRetry(
    stream: readonly LoggedEvent[],
    after: bigint,
    events: readonly ProposedEvent[],
  ): AppendOutcome | undefined {
    const first = Number(after + 1n);
    const written = stream.slice(first, first + events.length);
    const same =
      events.length > 0 &&
      written.length === events.length &&
      written.every((event, i) => event.id === events[i]?.id);
    const last = written[written.length - 1];
    if (!same || !last) return undefined;
    return { kind: 'appended', revision: last.revision, position: last.position };
  }

  private write(
    streamId: string,
    current: bigint,
    events: readonly ProposedEvent[],
  ): AppendOutcome {
    const stream = this.streams.get(streamId) ?? [];
    this.streams.set(streamId, stream);
    const created = ticksNow();
    let position = this.nextPosition;
    for (const [i, event] of events.entries()) {
      position = this.nextPosition;
      const logged = { ...event, streamId, revision: current + 1n + BigInt(i), position, created };
      this.nextPosition += recordSize(streamId, event);
      stream.push(logged);
      this.all.push(logged);
    }
    for (const listener of [...this.listeners]) listener();
    return { kind: 'appended', revision: current + BigInt(events.length), position };
  }
}

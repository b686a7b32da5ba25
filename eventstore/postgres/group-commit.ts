import type { Pool } from 'pg';
import {
  EventIdConflict,
  WrongExpectedRevision,
  type AppendResult,
  type ExpectedRevision,
} from '../port';
import { positionFrom } from '../position';

/**
 * Group commit: appends that arrive while a commit is in flight wait and are committed
 * together, in one transaction and one round trip, as soon as a slot frees up. At low
 * load every append commits at once on its own; under load, many writers share each
 * WAL flush. Durability is unchanged — a promise resolves only after its transaction
 * commits — and so are concurrency checks: each append still locks its stream and checks
 * its expected revision, in arrival order for appends to the same stream.
 */

export interface PendingAppend {
  streamId: string;
  expected: ExpectedRevision;
  /** The prepared events, already JSON. */
  eventsJson: string;
  resolve(result: AppendResult): void;
  reject(error: unknown): void;
}

export interface AppendRow {
  item: number;
  next_revision: string | null;
  last_xid: string | null;
  last_seq: string | null;
  error: 'wrong_expected_revision' | 'event_id_conflict' | null;
  actual: string | null;
}

export const appendOutcome = (
  row: AppendRow,
  streamId: string,
  expected: ExpectedRevision,
): AppendResult => {
  if (row.error === 'wrong_expected_revision') {
    throw new WrongExpectedRevision(streamId, expected, BigInt(row.actual ?? '-1'));
  }
  if (row.error === 'event_id_conflict') {
    throw new EventIdConflict(
      streamId,
      `Some of these event ids are already stored for other events in ${streamId}`,
    );
  }
  return {
    nextExpectedRevision: BigInt(row.next_revision!),
    position: positionFrom(row.last_xid!, row.last_seq!),
  };
};

// Transaction errors after which the whole batch rolled back and may safely be retried:
// a duplicate event id raced in from another process (23505), deadlock, serialization.
const RETRYABLE = new Set(['23505', '40P01', '40001']);

export class GroupCommit {
  private readonly queue: PendingAppend[] = [];
  private inFlight = 0;

  constructor(
    private readonly pool: Pool,
    private readonly maxInFlight = 2,
    private readonly maxBatch = 100,
    private readonly maxBatchBytes = 4 * 1024 * 1024,
  ) {}

  submit(append: PendingAppend): void {
    this.queue.push(append);
    this.drain();
  }

  private drain(): void {
    while (this.inFlight < this.maxInFlight && this.queue.length > 0) {
      const batch: PendingAppend[] = [];
      let bytes = 0;
      while (this.queue.length > 0 && batch.length < this.maxBatch) {
        const next = this.queue[0]!;
        if (batch.length > 0 && bytes + next.eventsJson.length > this.maxBatchBytes) break;
        bytes += next.eventsJson.length;
        batch.push(this.queue.shift()!);
      }
      this.inFlight++;
      void this.commit(batch).finally(() => {
        this.inFlight--;
        this.drain();
      });
    }
  }

  private async commit(batch: PendingAppend[], attempt = 0): Promise<void> {
    // Lock streams in one order across all batches and processes, so batches never deadlock;
    // the sort is stable, so appends to one stream keep their arrival order.
    const ordered = batch
      .map((append, index) => ({ append, index }))
      .sort((a, b) =>
        a.append.streamId < b.append.streamId
          ? -1
          : a.append.streamId > b.append.streamId
            ? 1
            : a.index - b.index,
      )
      .map(({ append }) => append);
    const items = ordered.map(
      (a) =>
        `{"stream":${JSON.stringify(a.streamId)},"expected":"${String(a.expected)}","events":${a.eventsJson}}`,
    );
    let rows: AppendRow[];
    try {
      ({ rows } = await this.pool.query<AppendRow>(
        `select item, next_revision, last_xid::text as last_xid, last_seq, error, actual from append_batch($1)`,
        [`[${items.join(',')}]`],
      ));
    } catch (error) {
      const code = (error as { code?: string }).code ?? '';
      if (ordered.length > 1) {
        // Nothing in the batch committed: commit each append on its own, so one append's
        // problem is reported to it alone.
        await Promise.all(ordered.map((a) => this.commit([a], attempt)));
      } else if (RETRYABLE.has(code) && attempt < 3) {
        await this.commit(ordered, attempt + 1);
      } else {
        ordered[0]!.reject(error);
      }
      return;
    }
    for (const row of rows) {
      const append = ordered[row.item]!;
      try {
        append.resolve(appendOutcome(row, append.streamId, append.expected));
      } catch (error) {
        append.reject(error);
      }
    }
  }
}

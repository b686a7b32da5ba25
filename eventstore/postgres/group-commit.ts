import type { Pool } from 'pg';
import {
  EventIdConflict,
  WrongExpectedRevision,
  type AppendResult,
  type ExpectedRevision,
} from '../port';
import { positionFrom } from '../position';
import { StatementBatcher, type Outcome } from './statement-batcher';

/**
 * Group commit: appends that arrive while a commit is in flight wait and are committed
 * together, in one transaction and one round trip, as soon as a slot frees up. At low
 * load every append commits at once on its own; under load, many writers share each
 * WAL flush. Durability is unchanged — a promise resolves only after its transaction
 * commits — and so are concurrency checks: each append still locks its stream and checks
 * its expected revision, in arrival order for appends to the same stream.
 */

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

/** One append waiting for the next group commit. */
export interface PendingAppend {
  streamId: string;
  expected: ExpectedRevision;
  /** The prepared events, already JSON. */
  eventsJson: string;
}

const commitTogether = async (pool: Pool, batch: PendingAppend[]) => {
  // Lock streams in one order across all batches and processes, so batches never deadlock;
  // the sort is stable, so appends to one stream keep their arrival order.
  const order = batch
    .map((append, index) => ({ append, index }))
    .sort((a, b) =>
      a.append.streamId < b.append.streamId
        ? -1
        : a.append.streamId > b.append.streamId
          ? 1
          : a.index - b.index,
    );
  const items = order.map(
    ({ append: a }) =>
      `{"stream":${JSON.stringify(a.streamId)},"expected":"${String(a.expected)}","events":${a.eventsJson}}`,
  );
  const { rows } = await pool.query<AppendRow>(
    `select item, next_revision, last_xid::text as last_xid, last_seq, error, actual from append_batch($1)`,
    [`[${items.join(',')}]`],
  );
  const outcomes: Outcome<AppendResult>[] = new Array(batch.length);
  for (const row of rows) {
    const { append, index } = order[row.item]!;
    try {
      outcomes[index] = { value: appendOutcome(row, append.streamId, append.expected) };
    } catch (error) {
      outcomes[index] = { error };
    }
  }
  return outcomes;
};

/** Group commit of appends: see statement-batcher.ts. */
export const groupCommit = (pool: Pool, maxInFlight = 2) =>
  new StatementBatcher<PendingAppend, AppendResult>((batch) => commitTogether(pool, batch), {
    maxInFlight,
    maxBatch: 100,
    maxBatchWeight: 4 * 1024 * 1024,
    weigh: (append) => append.eventsJson.length,
  });

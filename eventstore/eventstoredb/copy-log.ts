import type { Pool } from 'pg';
import type { EventLog } from '../event-log';
import { ChainVerifier, type AlteredEvent } from '../hash-chain';
import type { StoredEvent } from '../port';
import { START, type Position } from '../position';
import type { Migration } from '../postgres/migrate';
import type { EventStoreDbEventStore } from './event-store';

/**
 * Moving a PostgreSQL event log to EventStoreDB. Events are copied a run at a time (a
 * run: consecutive events of one stream), one after another in the source's global
 * order, their ids claimed a batch at a time, so `$all` ends up in the same order with the same ids, metadata and hash links.
 * The last copied position is saved as it goes; copying a run again changes nothing, so
 * an interrupted copy resumes from there. At the end both logs are counted and the
 * target's hash chains are recomputed and compared with the source's stream heads.
 */
export const copyLogMigrations: readonly Migration[] = [
  {
    id: '001-event-log-copies',
    sql: `
create table event_log_copies (
  target text primary key,
  position text not null,
  events_copied bigint not null,
  updated_at timestamptz not null default now()
);`,
  },
  {
    id: '002-last-event-copied',
    sql: `alter table event_log_copies add column last_event_id uuid, add column last_stream_id text;`,
  },
];

export interface CopyReport {
  eventsCopied: number;
  resumedFrom: Position;
  sourceEvents: number;
  targetEvents: number;
  streamsVerified: number;
  altered: AlteredEvent[];
  ok: boolean;
}

const SAVE_EVERY_MS = 1000;

/** Runs (consecutive events of one stream), gathered into batches. */
async function* batchesOfRuns(
  events: AsyncIterable<StoredEvent>,
  batchSize: number,
): AsyncIterable<StoredEvent[][]> {
  let batch: StoredEvent[][] = [];
  let size = 0;
  for await (const event of events) {
    const run = batch[batch.length - 1];
    if (run && run[0]!.streamId === event.streamId) run.push(event);
    else batch.push([event]);
    if (++size >= batchSize) {
      yield batch;
      batch = [];
      size = 0;
    }
  }
  if (batch.length > 0) yield batch;
}

export const copyEventLog = async (options: {
  source: EventLog;
  target: EventStoreDbEventStore;
  pool: Pool;
  /** Names the target in the progress table, e.g. its address without credentials. */
  targetName: string;
  onProgress?: (eventsCopied: number) => void;
  /** Saves the position at least this often (events), as well as every second. */
  saveEvery?: number;
  /** Events per batch of runs (ids are claimed a batch at a time). */
  batchSize?: number;
}): Promise<CopyReport> => {
  const { source, target, pool, targetName } = options;
  const { resumedFrom, copied: alreadyCopied } = await savedProgress(pool, targetName, target);
  let copied = alreadyCopied;
  let lastEvent: StoredEvent | undefined;
  const save = (position: Position) =>
    pool.query(
      `insert into event_log_copies (target, position, events_copied, last_event_id, last_stream_id)
       values ($1, $2, $3, $4, $5)
       on conflict (target) do update set position = $2, events_copied = $3,
         last_event_id = $4, last_stream_id = $5, updated_at = now()`,
      [targetName, position, copied, lastEvent?.id ?? null, lastEvent?.streamId ?? null],
    );
  let savedAt = Date.now();
  let savedCount = copied;
  let position = resumedFrom;
  for await (const batch of batchesOfRuns(source.readAll(resumedFrom), options.batchSize ?? 1000)) {
    await target.importRuns(batch);
    const run = batch[batch.length - 1]!;
    copied += batch.reduce((n, r) => n + r.length, 0);
    lastEvent = run[run.length - 1]!;
    position = lastEvent.position;
    if (
      Date.now() - savedAt >= SAVE_EVERY_MS ||
      copied - savedCount >= (options.saveEvery ?? Infinity)
    ) {
      await save(position);
      savedAt = Date.now();
      savedCount = copied;
      options.onProgress?.(copied);
    }
  }
  await save(position);
  return { eventsCopied: copied, resumedFrom, ...(await compareLogs(source, target)) };
};

/**
 * Where a previous copy to this target stopped — if the target still holds the last event
 * it copied. A target that was reset, or another server now at that address, starts again
 * from the beginning (copying again is harmless).
 */
const savedProgress = async (pool: Pool, targetName: string, target: EventStoreDbEventStore) => {
  const { rows } = await pool.query<{
    position: Position;
    events_copied: string;
    last_event_id: string | null;
    last_stream_id: string | null;
  }>(
    `select position, events_copied, last_event_id::text, last_stream_id
     from event_log_copies where target = $1`,
    [targetName],
  );
  const saved = rows[0];
  if (!saved?.last_event_id || !saved.last_stream_id) return { resumedFrom: START, copied: 0 };
  for await (const event of target.readStream(saved.last_stream_id, { direction: 'backwards' })) {
    if (event.id === saved.last_event_id) {
      return { resumedFrom: saved.position, copied: Number(saved.events_copied) };
    }
  }
  return { resumedFrom: START, copied: 0 };
};

/** Counts both logs and checks the target's chains end where the source's streams do. */
const compareLogs = async (source: EventLog, target: EventLog) => {
  const verifier = new ChainVerifier();
  for await (const event of target.readAll(START)) verifier.check(event);
  let streamsVerified = 0;
  for await (const head of source.streamHeads()) {
    verifier.checkHead(head.streamId, head.revision, head.hash);
    streamsVerified++;
  }
  const sourceEvents = await source.countAfter(START);
  const targetEvents = verifier.checked;
  return {
    sourceEvents,
    targetEvents,
    streamsVerified,
    altered: verifier.altered,
    ok: sourceEvents === targetEvents && verifier.altered.length === 0,
  };
};

import type { Pool } from 'pg';
import { CASE_STREAM_PREFIX } from '../domain/events';
import type { EventStore } from '../eventstore/port';
import { waitForProjections } from '../projections/checkpoints';
import { reactorOf, type Projection } from '../projections/projection';

/**
 * Live updates: a reactor that follows the log and publishes each change to a case on
 * the subscription bus (Redis), once the case read model shows it — so a screen that
 * refetches on the message sees the change. Every API process delivers the messages to
 * its own WebSocket subscribers. At-least-once: a message may repeat after a crash.
 */
export const LIVE_UPDATES = 'live-updates';
export const CASE_UPDATED = 'case.updated';

export interface CaseUpdate {
  caseId: string;
  revision: string;
  type: string;
  team: string | null;
  status: string | null;
}

export type Publish = (update: CaseUpdate) => Promise<void>;

export const liveUpdatesReactor = (pool: Pool, publish: Publish): Projection =>
  reactorOf(LIVE_UPDATES, async (events) => {
    const changes = events.filter((e) => e.streamId.startsWith(CASE_STREAM_PREFIX));
    if (changes.length === 0) return;
    await waitForProjections(pool, ['cases'], changes[changes.length - 1]!.position, 5000);
    const ids = [...new Set(changes.map((e) => e.streamId.slice(CASE_STREAM_PREFIX.length)))];
    const { rows } = await pool.query<{ case_id: string; team: string; status: string }>(
      'select case_id::text, team, status from cases where case_id = any($1::uuid[])',
      [ids],
    );
    const cases = new Map(rows.map((r) => [r.case_id, r]));
    for (const e of changes) {
      const caseId = e.streamId.slice(CASE_STREAM_PREFIX.length);
      const row = cases.get(caseId);
      await publish({
        caseId,
        revision: String(e.revision),
        type: e.type,
        team: row?.team ?? null,
        status: row?.status ?? null,
      });
    }
  });

/** Starts live updates from the end of the log the first time, rather than replaying history. */
export const startLiveUpdatesAtHead = async (pool: Pool, store: EventStore) => {
  await pool.query(
    `insert into projection_checkpoints (name, version, position) values ($1, 1, $2) on conflict do nothing`,
    [LIVE_UPDATES, await store.headPosition()],
  );
};

/** Publishing through mercurius' pubsub, which carries the message to every API process. */
export const publishVia =
  (pubsub: {
    publish(event: { topic: string; payload: unknown }, done?: () => void): void;
  }): Publish =>
  (update) =>
    new Promise((resolve) =>
      pubsub.publish({ topic: CASE_UPDATED, payload: { caseUpdated: update } }, resolve),
    );

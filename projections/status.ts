import type { Pool } from 'pg';
import type { EventLog } from '../eventstore/event-log';
import { START } from '../eventstore/position';
import { readCheckpoint } from './checkpoints';
import type { Projection } from './projection';
import { readStall, type ProjectionStall } from './stalls';

/** How far behind the log a projection is, in events and in seconds, and whether it is stalled. */
export interface ProjectionStatus {
  name: string;
  version: number;
  position: string;
  eventsApplied: number;
  eventsBehind: number;
  secondsBehind: number;
  needsRebuild: boolean;
  /** The event it cannot apply, if it has stopped on one. */
  stall: ProjectionStall | null;
}

export const projectionStatus = async (
  pool: Pool,
  store: EventLog,
  projection: Projection,
  now: Date = new Date(),
): Promise<ProjectionStatus> => {
  const [checkpoint, stall] = await Promise.all([
    readCheckpoint(pool, projection.name),
    readStall(pool, projection.name),
  ]);
  const position = checkpoint?.position ?? START;
  const eventsBehind = await store.countAfter(position);
  let secondsBehind = 0;
  if (eventsBehind > 0) {
    for await (const oldest of store.readAll(position, { maxCount: 1 })) {
      secondsBehind = Math.max(0, (now.getTime() - Date.parse(oldest.metadata.recordedAt)) / 1000);
    }
  }
  return {
    name: projection.name,
    version: projection.version,
    position,
    eventsApplied: checkpoint?.eventsApplied ?? 0,
    eventsBehind,
    secondsBehind,
    needsRebuild: checkpoint?.version !== projection.version,
    stall: stall ?? null,
  };
};

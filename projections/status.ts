import type { Pool } from 'pg';
import type { EventLog } from '../eventstore/event-log';
import { START } from '../eventstore/position';
import { readCheckpoint } from './checkpoints';
import type { Projection } from './projection';

/** How far behind the log a projection is, in events and in seconds. */
export interface ProjectionStatus {
  name: string;
  version: number;
  position: string;
  eventsApplied: number;
  eventsBehind: number;
  secondsBehind: number;
  needsRebuild: boolean;
}

export const projectionStatus = async (
  pool: Pool,
  store: EventLog,
  projection: Projection,
  now: Date = new Date(),
): Promise<ProjectionStatus> => {
  const checkpoint = await readCheckpoint(pool, projection.name);
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
  };
};

import { evolve, initialCaseState, type CaseState } from '../domain/case-state';
import { caseStreamId, isCaseEventType, type CaseEvent } from '../domain/events';
import type { EventStore, StoredEvent } from './port';

/**
 * A case is the fold of its stream. Reading it "as of" a revision or a moment replays the
 * stream only that far — how auditors see exactly what a caseworker saw then.
 */

export interface LoadedCase {
  state: CaseState;
  /** The stream's revision, -1n when the case does not exist. */
  revision: bigint;
  events: StoredEvent[];
}

export interface AsOf {
  /** Replay up to and including this revision. */
  revision?: bigint;
  /** Replay the events that had happened by this instant (ISO 8601). */
  time?: string;
}

export const asCaseEvent = (event: StoredEvent): CaseEvent | undefined =>
  isCaseEventType(event.type) ? ({ type: event.type, data: event.data } as CaseEvent) : undefined;

export const loadCase = async (
  store: EventStore,
  caseId: string,
  asOf: AsOf = {},
): Promise<LoadedCase> => {
  let state = initialCaseState();
  let revision = -1n;
  const events: StoredEvent[] = [];
  const cutoff = asOf.time === undefined ? undefined : Date.parse(asOf.time);
  if (cutoff !== undefined && Number.isNaN(cutoff))
    throw new RangeError(`Not a time: ${asOf.time}`);
  for await (const stored of store.readStream(caseStreamId(caseId), { to: asOf.revision })) {
    if (cutoff !== undefined && Date.parse(stored.metadata.occurredAt) > cutoff) break;
    const event = asCaseEvent(stored);
    if (event) state = evolve(state, event);
    revision = stored.revision;
    events.push(stored);
  }
  return { state, revision, events };
};

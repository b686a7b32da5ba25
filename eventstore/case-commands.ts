import type { CaseType } from '../domain/case-type';
import type { CaseState } from '../domain/case-state';
import type { CaseTypeRegistry } from '../domain/case-types';
import type { CaseCommand } from '../domain/commands';
import { decide } from '../domain/decide';
import { CaseNotFound } from '../domain/errors';
import { CASE_EVENT_SCHEMA_VERSIONS, caseStreamId, type CaseEvent } from '../domain/events';
import { loadCase } from './case-history';
import { subjectKeysOf } from './personal-data/protected-store';
import { nameBasedId } from './ids';
import {
  WrongExpectedRevision,
  type EventChannel,
  type EventMetadata,
  type EventStore,
  type ExpectedRevision,
  type NewEvent,
} from './port';
import type { Position } from './position';

/**
 * Runs a command against a case: load its stream, let the domain decide, append the
 * events at the revision the decision was made on. Event ids derive from the command id,
 * so repeating a command (a retried request, a redelivered job) changes nothing.
 */

export interface CaseCommandContext {
  store: EventStore;
  caseTypes: CaseTypeRegistry;
}

export interface CommandOptions {
  /** Unique per intended change; repeating it is a no-op that returns the first result. */
  commandId: string;
  /** The revision the person saw; if the case has moved on since, the command is refused. */
  expectedRevision?: bigint;
  channel?: EventChannel;
  correlationId?: string;
  causationId?: string | null;
  /**
   * Checked against the case as loaded, before deciding (and before the revision, so a
   * refusal reveals nothing of the case): throw to refuse, e.g. another team's case.
   * `submittedBy` is the principal who submitted the application.
   */
  authorize?: (state: CaseState, submittedBy: string | undefined) => void | Promise<void>;
}

export interface CommandResult {
  caseId: string;
  revision: bigint;
  position: Position | null;
  events: CaseEvent[];
}

export const toNewEvents = (
  events: readonly CaseEvent[],
  idOf: (index: number) => string,
  metadata: EventMetadata,
): NewEvent[] =>
  events.map((event, index) => ({
    id: idOf(index),
    type: event.type,
    schemaVersion: CASE_EVENT_SCHEMA_VERSIONS[event.type],
    data: event.data as Record<string, unknown>,
    metadata,
  }));

/**
 * Records what a system observed about a case — a delivery, a message, a timer — as
 * events with ids of the caller's choosing, so recording twice stores them once. Facts,
 * not decisions: no revision check unless the caller decided on a revision it read.
 */
export const recordOnCase = (
  store: EventStore,
  caseId: string,
  events: readonly CaseEvent[],
  idOf: (index: number) => string,
  metadata: EventMetadata,
  expectedRevision: ExpectedRevision = 'any',
) =>
  store.appendToStream(caseStreamId(caseId), toNewEvents(events, idOf, metadata), {
    expectedRevision,
  });

export const caseTypeOf = (caseTypes: CaseTypeRegistry, caseTypeId: string): CaseType => {
  const caseType = caseTypes.byId(caseTypeId);
  if (!caseType) throw new Error(`Case type ${caseTypeId} is no longer defined`);
  return caseType;
};

export const executeCaseCommand = async (
  context: CaseCommandContext,
  caseId: string,
  command: Exclude<CaseCommand, { type: 'SubmitApplication' }>,
  options: CommandOptions,
): Promise<CommandResult> => {
  const eventId = (index: number) => nameBasedId('command', options.commandId, String(index));
  // Whether this command has destroyed the applicant's key: from then on its event must be
  // recorded, so a concurrent change is retried (re-deciding on the new revision) until it is.
  let keyErased = false;
  // Otherwise two attempts: a concurrent change between reading and appending is retried
  // once, unless the person said which revision they saw, in which case they must look again.
  for (let attempt = 0; ; attempt++) {
    const { state, revision, events } = await loadCase(context.store, caseId);
    if (!state.exists) throw new CaseNotFound(caseId);
    const byId = new Map(events.map((e) => [e.id, e]));
    let repeated = byId.get(eventId(0));
    if (repeated) {
      for (let i = 1; byId.has(eventId(i)); i++) repeated = byId.get(eventId(i))!;
      return { caseId, revision: repeated.revision, position: repeated.position, events: [] };
    }
    // Whether this person may act at all comes before whether they saw the latest revision.
    await options.authorize?.(state, events[0]?.metadata.actor.id);
    const seen = options.expectedRevision;
    if (seen !== undefined && seen !== revision && !keyErased) {
      throw new WrongExpectedRevision(caseStreamId(caseId), seen, revision);
    }
    const decided = decide(command, state, caseTypeOf(context.caseTypes, state.caseTypeId));
    const metadata: EventMetadata = {
      actor: command.actor,
      channel: options.channel ?? 'back_office',
      correlationId: options.correlationId ?? options.commandId,
      causationId: options.causationId ?? null,
      occurredAt: command.at,
    };
    // Erasure's effect is destroying the applicant's key, before the event records it: if
    // the append then fails, the data is already unreadable and the event is still owed.
    if (command.type === 'ErasePersonalData' && !keyErased) {
      await subjectKeysOf(context.store).erase(caseId, command.reason);
      keyErased = true;
    }
    try {
      const result = await context.store.appendToStream(
        caseStreamId(caseId),
        toNewEvents(decided, eventId, metadata),
        { expectedRevision: revision },
      );
      return {
        caseId,
        revision: result.nextExpectedRevision,
        position: result.position,
        events: decided,
      };
    } catch (error) {
      const retry =
        error instanceof WrongExpectedRevision &&
        (keyErased ? attempt < ERASURE_ATTEMPTS : seen === undefined && attempt === 0);
      if (!retry) throw error;
    }
  }
};

/** How often an erasure whose key is gone tries to record its event past concurrent changes. */
const ERASURE_ATTEMPTS = 20;

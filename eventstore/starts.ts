import type { CaseTypeRegistry } from '../domain/case-types';
import type { ApplicationChannel } from '../domain/channels';
import { fieldErrorsOf, ValidationFailed } from '../domain/errors';
import { line } from '../domain/values';
import { applicationStartedSchema, startStreamId } from '../domain/events';
import { nameBasedId } from './ids';
import { WrongExpectedRevision, type Actor, type EventStore } from './port';

/**
 * A web form reports that someone began an application, so management information can
 * count transactions started as well as submitted (completion rate). Each start is a stream
 * of one event whose ids derive from the reporter and its start key, so a retried report
 * finds the start it recorded the first time and changes nothing.
 */

export interface ApplicationStart {
  service: string;
  channel: ApplicationChannel;
  /** Unique per start for its reporter, e.g. the form session id. */
  startKey: string;
  /** Who reports the start: the web form's integrator. Keys are scoped to it. */
  actor: Actor;
  /** When the person began, ISO 8601 with an offset. */
  startedAt: string;
  correlationId?: string;
}

export interface StartsContext {
  store: EventStore;
  caseTypes: CaseTypeRegistry;
}

const checked = (context: StartsContext, start: ApplicationStart) => {
  const startKey = line(255).safeParse(start.startKey);
  if (!startKey.success) throw new ValidationFailed(fieldErrorsOf(startKey.error, ['startKey']));
  const key = startKey.data;
  if (!context.caseTypes.byId(start.service)) {
    const services = context.caseTypes.all.map((t) => t.id).join(', ');
    throw new ValidationFailed([{ path: ['service'], message: `Choose one of: ${services}` }]);
  }
  const parsed = applicationStartedSchema.safeParse({
    service: start.service,
    channel: start.channel,
    startedAt: start.startedAt,
  });
  if (!parsed.success) throw new ValidationFailed(fieldErrorsOf(parsed.error));
  return { key, data: parsed.data };
};

export const recordApplicationStarted = async (
  context: StartsContext,
  start: ApplicationStart,
): Promise<{ startId: string }> => {
  const { key, data } = checked(context, start);
  const startId = nameBasedId('start', start.actor.id, key);
  try {
    await context.store.appendToStream(
      startStreamId(startId),
      [
        {
          id: nameBasedId('application-started', startId),
          type: 'ApplicationStarted',
          schemaVersion: 1,
          data,
          metadata: {
            actor: start.actor,
            channel: start.channel,
            correlationId: start.correlationId ?? startId,
            causationId: null,
            occurredAt: data.startedAt,
          },
        },
      ],
      { expectedRevision: 'no_stream' },
    );
  } catch (error) {
    // A retry carries the same event id and the store answers it with the first result;
    // a stream that exists all the same can only hold this start, so it is recorded.
    if (!(error instanceof WrongExpectedRevision)) throw error;
  }
  return { startId };
};

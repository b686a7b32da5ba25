import { UnrecoverableError, type Job, type JobsOptions, type Queue } from 'bullmq';
import { NotifyClient } from 'notifications-node-client';
import type { Pool } from 'pg';
import type { NotificationTrigger } from '../../domain/case-type';
import type { CaseTypeRegistry } from '../../domain/case-types';
import { CASE_STREAM_PREFIX, type CaseEventOf } from '../../domain/events';
import { loadCase } from '../../eventstore/case-history';
import { nameBasedId } from '../../eventstore/ids';
import type { EventStore } from '../../eventstore/port';
import { recordOnCase } from '../../eventstore/case-commands';
import type { Migration } from '../../eventstore/postgres/migrate';
import { reactorOf, type Projection } from '../../projections/projection';
import { messageFor, triggerOf, type Message } from './messages';

/**
 * GOV.UK Notify: the applicant hears when their application is received, when
 * information is requested and when a decision is made. Each message's reference is a
 * deterministic id (from the event that caused it) with no personal data; before sending,
 * the worker asks Notify whether that reference was already sent, so a worker killed
 * between sending and recording never sends twice. Sends that fail are retried; the last
 * failure is recorded on the case as `NotificationFailed`.
 */
export const notifyMigrations: Migration[] = [
  {
    id: '001-notify-references',
    sql: `
create table notify_references (
  reference uuid primary key,
  case_id uuid not null,
  notify_id text
);
create index on notify_references (notify_id);`,
  },
];

export interface NotifyJob {
  caseId: string;
  eventId: string;
  trigger: NotificationTrigger;
}

export interface NotifySettings {
  apiKey: string;
  baseUrl: string;
  attempts?: number;
  backoffMs?: number;
}

export interface NotifyContext {
  store: EventStore;
  pool: Pool;
  caseTypes: CaseTypeRegistry;
  clock: () => Date;
  client: NotifyClient;
}

export const NOTIFY_ACTOR = { id: 'gov-uk-notify', role: 'system' };

export const notifyClient = (settings: NotifySettings) =>
  new NotifyClient(settings.baseUrl, settings.apiKey);

export const notificationReference = (eventId: string) => nameBasedId('notify', eventId);

/** What happened to a message to the applicant, on their case. */
export const recordNotification = (
  context: Pick<NotifyContext, 'store' | 'clock'>,
  caseId: string,
  id: string,
  event: CaseEventOf<'NotificationSent' | 'NotificationDelivered' | 'NotificationFailed'>,
) =>
  recordOnCase(context.store, caseId, [event], () => id, {
    actor: NOTIFY_ACTOR,
    channel: 'system',
    correlationId: event.data.reference,
    causationId: null,
    occurredAt: context.clock().toISOString(),
  });

interface NotifyResponse {
  data: { id: string };
}
interface NotifyList {
  data: { notifications: { id: string }[] };
}

const send = (client: NotifyClient, message: Message, reference: string) => {
  const options = { personalisation: message.personalisation, reference };
  switch (message.channel) {
    case 'email':
      return client.sendEmail(message.templateId, message.to!, options) as Promise<NotifyResponse>;
    case 'sms':
      return client.sendSms(message.templateId, message.to!, options) as Promise<NotifyResponse>;
    case 'letter':
      return client.sendLetter(message.templateId, options) as Promise<NotifyResponse>;
  }
};

/** Notify's own words for a refused request, without the request (which may hold personal data). */
const describeFailure = (error: unknown): { message: string; permanent: boolean } => {
  const response = (
    error as { response?: { status: number; data?: { errors?: { message: string }[] } } }
  ).response;
  if (!response)
    return { message: `Notify did not answer: ${(error as Error).message}`, permanent: false };
  const detail = response.data?.errors?.map((e) => e.message).join('; ') ?? '';
  return {
    message: `Notify answered HTTP ${response.status}${detail ? `: ${detail}` : ''}`,
    // A bad request or missing template will not succeed on retry; limits and outages may.
    permanent: response.status === 400 || response.status === 403,
  };
};

export const sendNotification = async (context: NotifyContext, job: Job<NotifyJob>) => {
  const { caseId, eventId, trigger } = job.data;
  const reference = notificationReference(eventId);
  const sentId = nameBasedId('notification-sent', reference);
  const loaded = await loadCase(context.store, caseId);
  if (loaded.events.some((e) => e.id === sentId)) return 'already sent';
  const event = loaded.events.find((e) => e.id === eventId);
  const caseType = context.caseTypes.byId(loaded.state.caseTypeId);
  if (!event || !caseType) return 'nothing to send: the case or event is gone';
  if (loaded.state.personalDataErased) return 'nothing to send: personal data erased';
  const message = messageFor(caseType, loaded.state, trigger, event);
  if (!message)
    return `nothing to send: no ${trigger} template for the applicant's contact details`;
  const failed = async (error: string) =>
    recordNotification(context, caseId, nameBasedId('notification-failed', reference), {
      type: 'NotificationFailed',
      data: { reference, trigger, channel: message.channel, error },
    });
  try {
    const earlier = (await context.client.getNotifications(
      undefined,
      undefined,
      reference,
    )) as NotifyList;
    const notifyId =
      earlier.data.notifications[0]?.id ?? (await send(context.client, message, reference)).data.id;
    await context.pool.query(
      'insert into notify_references (reference, case_id, notify_id) values ($1, $2, $3) on conflict (reference) do update set notify_id = excluded.notify_id',
      [reference, caseId, notifyId],
    );
    await recordNotification(context, caseId, sentId, {
      type: 'NotificationSent',
      data: { reference, trigger, channel: message.channel, notifyId },
    });
    return `sent ${message.channel} ${notifyId}`;
  } catch (error) {
    const { message: reason, permanent } = describeFailure(error);
    if (permanent || job.attemptsMade + 1 >= (job.opts.attempts ?? 1)) {
      await failed(reason);
      throw new UnrecoverableError(reason);
    }
    // The client's error carries the request, with the applicant's details: it must not
    // travel on into job records or logs.
    // eslint-disable-next-line preserve-caught-error
    throw new Error(reason);
  }
};

/** The reactor: one job per event the applicant is told about. */
export const notifyReactor = (queue: Queue, options: JobsOptions): Projection =>
  reactorOf('notify', async (events) => {
    const jobs = events.flatMap((event) => {
      const trigger = event.streamId.startsWith(CASE_STREAM_PREFIX) ? triggerOf(event) : undefined;
      if (!trigger) return [];
      const data: NotifyJob = {
        caseId: event.streamId.slice(CASE_STREAM_PREFIX.length),
        eventId: event.id,
        trigger,
      };
      return [{ name: trigger, data, opts: { ...options, jobId: `notify.${event.id}` } }];
    });
    if (jobs.length > 0) await queue.addBulk(jobs);
  });

import type { Job } from 'bullmq';
import type { Pool } from 'pg';
import { nameBasedId } from '../../eventstore/ids';
import type { EventStore, StoredEvent } from '../../eventstore/port';
import { recordOnCase } from '../../eventstore/case-commands';
import type { CaseEventOf } from '../../domain/events';
import { endpointById, type WebhookEndpoint } from './endpoints';
import { recordFailure } from './failed-deliveries';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { publicOnlyLookup, urlProblem, type DestinationRules } from './destination';
import { signatureHeaders } from './signature';

/**
 * Delivers one case event to one endpoint. The event is read from the store when the job
 * runs (job data carries ids only), sent as a CloudEvents-shaped JSON body with Standard
 * Webhooks headers, and the outcome recorded on the case with a deterministic event id:
 * however often a delivery is retried or redelivered, the case records one success.
 */
export interface DeliveryJob {
  endpointId: string;
  eventId: string;
  streamId: string;
  revision: string;
  caseId: string;
  reference: string;
  service: string;
  /** 0 for the first series of attempts, n for an administrator's nth retry. */
  series: number;
}

export interface DeliveryContext {
  store: EventStore;
  pool: Pool;
  timeoutMs: number;
  /** Where webhooks may go: checked on every delivery, at connection time. */
  destinations: DestinationRules;
  clock: () => Date;
}

export const SYNC_ACTOR = { id: 'legacy-sync', role: 'system' };

export class DeliveryFailed extends Error {
  override readonly name = 'DeliveryFailed';
}

const readEvent = async (store: EventStore, job: DeliveryJob): Promise<StoredEvent> => {
  const revision = BigInt(job.revision);
  for await (const event of store.readStream(job.streamId, { from: revision, maxCount: 1 })) {
    if (event.id === job.eventId) return event;
  }
  throw new Error(`Event ${job.eventId} is not at ${job.streamId}@${job.revision}`);
};

/** The body: a CloudEvents 1.0 envelope around the case event. */
export const cloudEvent = (event: StoredEvent, job: DeliveryJob) => ({
  specversion: '1.0',
  id: event.id,
  source: `/casework/services/${job.service}`,
  type: `uk.gov.casework.${event.type}`,
  subject: job.reference,
  time: event.metadata.occurredAt,
  datacontenttype: 'application/json',
  data: {
    caseId: job.caseId,
    reference: job.reference,
    revision: job.revision,
    schemaVersion: event.schemaVersion,
    channel: event.metadata.channel,
    ...event.data,
  },
});

const externalReferenceOf = (text: string): string | null => {
  try {
    const body = JSON.parse(text) as { reference?: unknown; id?: unknown };
    const reference = body.reference ?? body.id;
    return typeof reference === 'string' || typeof reference === 'number'
      ? String(reference).slice(0, 200)
      : null;
  } catch {
    return null;
  }
};

const post = async (
  context: DeliveryContext,
  endpoint: WebhookEndpoint,
  job: DeliveryJob,
  body: string,
) => {
  const messageId = `msg_${nameBasedId('webhook', endpoint.id, job.eventId).replace(/-/g, '')}`;
  const url = new URL(endpoint.url);
  // Checked again as at registration: the URL here, what its name resolves to by the lookup
  // as the connection is made (one resolution, the one connected to).
  const problem = urlProblem(endpoint.url, context.destinations);
  if (problem) throw new DeliveryFailed(problem);
  const { status, text } = await send(
    url,
    context,
    {
      'content-type': 'application/json',
      'user-agent': 'Casework-Webhooks/1',
      // The wall clock, not the case clock: receivers refuse signatures older than a few minutes.
      ...signatureHeaders(endpoint.secret, messageId, new Date(), body),
    },
    body,
  ).catch((error: unknown) => {
    throw new DeliveryFailed(`${url.host} did not answer: ${(error as Error).message}`);
  });
  // Redirects are not followed: a 3xx is not delivered.
  if (status < 200 || status > 299) throw new DeliveryFailed(`${url.host} answered HTTP ${status}`);
  return externalReferenceOf(text);
};

/** Most of a receiver's answer read: only a reference in it is kept. */
const MOST_ANSWER_BYTES = 64 * 1024;

/** One POST over node's http(s), connecting only to addresses the rules allow. */
const send = (url: URL, context: DeliveryContext, headers: Record<string, string>, body: string) =>
  new Promise<{ status: number; text: string }>((resolve, reject) => {
    const request = (url.protocol === 'https:' ? httpsRequest : httpRequest)(
      url,
      {
        method: 'POST',
        headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) },
        lookup: publicOnlyLookup(context.destinations) as never,
        timeout: context.timeoutMs,
      },
      (response) => {
        let text = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => {
          if (text.length < MOST_ANSWER_BYTES) text += chunk;
        });
        response.on('end', () => resolve({ status: response.statusCode ?? 0, text }));
        response.on('error', reject);
      },
    );
    request.on('timeout', () => request.destroy(new Error(`no answer in ${context.timeoutMs} ms`)));
    request.on('error', reject);
    request.end(body);
  });

/** A delivery's outcome, on the case it belongs to. */
export const recordOutcome = (
  context: DeliveryContext,
  job: DeliveryJob,
  id: string,
  event: CaseEventOf<'LegacySyncSucceeded' | 'LegacySyncFailed'>,
) =>
  recordOnCase(context.store, job.caseId, [event], () => id, {
    actor: SYNC_ACTOR,
    channel: 'system',
    correlationId: job.eventId,
    causationId: job.eventId,
    occurredAt: context.clock().toISOString(),
  });

export const deliverWebhook = async (
  context: DeliveryContext,
  job: Job<DeliveryJob>,
): Promise<{ outcome: string }> => {
  const endpoint = await endpointById(context.pool, job.data.endpointId);
  if (!endpoint) return { outcome: 'endpoint deleted: nothing sent' };
  const event = await readEvent(context.store, job.data);
  const attempt = job.attemptsMade + 1;
  try {
    const externalReference = await post(
      context,
      endpoint,
      job.data,
      JSON.stringify(cloudEvent(event, job.data)),
    );
    const { endpointId, eventId } = job.data;
    await recordOutcome(
      context,
      job.data,
      nameBasedId('legacy-sync-succeeded', endpointId, eventId),
      {
        type: 'LegacySyncSucceeded',
        data: { endpointId, eventId, externalReference, attempts: attempt },
      },
    );
    return { outcome: `delivered${externalReference ? ` as ${externalReference}` : ''}` };
  } catch (error) {
    const last = attempt >= (job.opts.attempts ?? 1);
    if (last && error instanceof DeliveryFailed)
      await recordFailure(context, job.data, error.message, attempt);
    throw error;
  }
};

import { sameToken } from '../auth/same-token';
import { line } from '../../domain/values';
import type { FastifyPluginAsync } from 'fastify';
import { z } from 'zod';
import { ValidationFailed, fieldErrorsOf } from '../../domain/errors';
import type { EventStore } from '../../eventstore/port';
import { nameBasedId } from '../../eventstore/ids';
import { recordNotification } from '../../workers/notify/notify';
import { NotFound, Unauthenticated } from '../problems';
import type { Pool } from 'pg';

/**
 * GOV.UK Notify's delivery receipts: Notify calls this with the bearer token set in its
 * callback settings; the outcome is recorded on the case as `NotificationDelivered` or
 * `NotificationFailed` (once per message and status, however often Notify calls).
 */
const receipt = z.object({
  id: line(100),
  reference: z.uuid().nullable(),
  status: line(50),
  notification_type: z.enum(['email', 'sms', 'letter']).optional(),
});

const FAILED = new Set([
  'permanent-failure',
  'temporary-failure',
  'technical-failure',
  'validation-failed',
  'virus-scan-failed',
]);

export const notifyCallbackRoutes: FastifyPluginAsync<{
  pool: Pool;
  store: EventStore;
  token: string;
  clock: () => Date;
}> = async (app, { pool, store, token, clock }) => {
  app.post('/api/v1/notify/callbacks', async (request, reply) => {
    const given = /^Bearer (.+)$/.exec(request.headers.authorization ?? '')?.[1];
    if (!given || !sameToken(given, token))
      throw new Unauthenticated('Give the callback bearer token');
    const body = receipt.safeParse(request.body ?? {});
    if (!body.success) throw new ValidationFailed(fieldErrorsOf(body.error, ['body']));
    const { id, reference, status } = body.data;
    if (status !== 'delivered' && !FAILED.has(status)) return reply.code(204).send();
    const { rows } = reference
      ? await pool.query<{ case_id: string }>(
          'select case_id from notify_references where reference = $1',
          [reference],
        )
      : { rows: [] };
    if (!rows[0] || !reference) {
      throw new NotFound(`No message with reference ${reference ?? '(none)'}`);
    }
    const eventId = nameBasedId('notify-callback', id, status);
    await recordNotification(
      { store, clock },
      rows[0].case_id,
      eventId,
      status === 'delivered'
        ? { type: 'NotificationDelivered', data: { reference, notifyId: id } }
        : {
            type: 'NotificationFailed',
            data: {
              reference,
              trigger: null,
              channel: body.data.notification_type ?? null,
              error: `Notify reports ${status.replace(/-/g, ' ')}`,
            },
          },
    );
    return reply.code(204).send();
  });
};

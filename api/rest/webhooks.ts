import { randomBytes, randomUUID } from 'node:crypto';
import type { FastifyPluginAsync } from 'fastify';
import type { Pool } from 'pg';
import { z } from 'zod';
import { ValidationFailed } from '../../domain/errors';
import { isUuid } from '../../eventstore/ids';
import { caseTypeRegistry } from '../../domain/case-types';
import { DEFAULT_SYNCED_EVENTS, SYNCED_EVENTS } from '../../workers/legacy-sync/endpoints';
import { Forbidden, NotFound, zodFieldErrors } from '../problems';
import type { Principal } from '../auth/roles';

/**
 * Integrators register the endpoints that receive case events (delivered by the workers,
 * signed per the Standard Webhooks specification). The signing secret is shown when an
 * endpoint is created or its secret rotated, and kept so deliveries can be signed.
 */
export const webhookRequestSchema = z.strictObject({
  url: z.url({ protocol: /^https?$/, error: 'Enter an http or https URL' }).max(2000),
  description: z.string().trim().max(200).optional(),
  /** Services whose cases it receives; none: every service. */
  services: z
    .array(
      z.enum(
        caseTypeRegistry.all.map((t) => t.id) as [string, ...string[]],
        `Choose from: ${caseTypeRegistry.all.map((t) => t.id).join(', ')}`,
      ),
    )
    .max(50)
    .optional(),
  /** Case events it receives; by default new applications and decisions. */
  events: z.array(z.enum(SYNCED_EVENTS)).min(1).optional(),
});

const newSecret = () => `whsec_${randomBytes(24).toString('base64')}`;

const owned = (principal: Principal) => {
  if (principal.kind === 'integrator' && !principal.scopes.includes('webhooks')) {
    throw new Forbidden('This API key does not have the webhooks scope');
  }
  if (principal.kind === 'staff' && principal.role !== 'admin')
    throw new Forbidden('Only administrators manage webhooks');
  return principal.id;
};

export const webhookRoutes: FastifyPluginAsync<{ pool: Pool }> = async (app, { pool }) => {
  app.post('/api/v1/webhooks', async (request, reply) => {
    const principal = await request.principal();
    const owner = owned(principal);
    const ownerKind = principal.kind === 'staff' ? 'staff' : 'integrator';
    const body = webhookRequestSchema.safeParse(request.body ?? {});
    if (!body.success) throw new ValidationFailed(zodFieldErrors(body.error, ['body']));
    const id = randomUUID();
    const secret = newSecret();
    const services = body.data.services ?? [];
    const events = body.data.events ?? DEFAULT_SYNCED_EVENTS;
    const { rows } = await pool.query<{ created_at: Date }>(
      `insert into webhook_endpoints (id, owner, owner_kind, url, description, secret, services, events)
       values ($1, $2, $3, $4, $5, $6, $7, $8) returning created_at`,
      [
        id,
        owner,
        ownerKind,
        body.data.url,
        body.data.description ?? null,
        secret,
        services,
        events,
      ],
    );
    return reply
      .code(201)
      .header('location', `/api/v1/webhooks/${id}`)
      .send({
        id,
        url: body.data.url,
        description: body.data.description ?? null,
        services,
        events,
        secret,
        createdAt: rows[0]!.created_at.toISOString(),
      });
  });

  app.get('/api/v1/webhooks', async (request) => {
    const owner = owned(await request.principal());
    const { rows } = await pool.query<{
      id: string;
      url: string;
      description: string | null;
      services: string[];
      events: string[];
      created_at: Date;
    }>(
      'select id, url, description, services, events, created_at from webhook_endpoints where owner = $1 order by created_at',
      [owner],
    );
    return {
      webhooks: rows.map((r) => ({
        id: r.id,
        url: r.url,
        description: r.description,
        services: r.services,
        events: r.events,
        createdAt: r.created_at.toISOString(),
      })),
    };
  });

  app.delete<{ Params: { id: string } }>('/api/v1/webhooks/:id', async (request, reply) => {
    const owner = owned(await request.principal());
    const { id } = request.params;
    const { rowCount } = isUuid(id)
      ? await pool.query('delete from webhook_endpoints where id = $1 and owner = $2', [id, owner])
      : { rowCount: 0 };
    if (!rowCount) throw new NotFound(`No webhook endpoint ${id}`);
    return reply.code(204).send();
  });

  app.post<{ Params: { id: string } }>('/api/v1/webhooks/:id/rotate-secret', async (request) => {
    const owner = owned(await request.principal());
    const { id } = request.params;
    const secret = newSecret();
    const { rowCount } = isUuid(id)
      ? await pool.query(
          'update webhook_endpoints set secret = $3, secret_rotated_at = now() where id = $1 and owner = $2',
          [id, owner, secret],
        )
      : { rowCount: 0 };
    if (!rowCount) throw new NotFound(`No webhook endpoint ${id}`);
    return { id, secret };
  });
};

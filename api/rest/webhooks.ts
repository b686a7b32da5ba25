import { randomBytes, randomUUID } from 'node:crypto';
import type { FastifyPluginAsync } from 'fastify';
import type { Pool } from 'pg';
import { z } from 'zod';
import { ValidationFailed } from '../../domain/errors';
import type { Migration } from '../../eventstore/postgres/migrate';
import { Forbidden, NotFound, zodFieldErrors } from '../problems';
import type { Principal } from '../auth/roles';

/**
 * Integrators register the endpoints that receive case events (delivered by the workers,
 * signed per the Standard Webhooks specification). The signing secret is shown when an
 * endpoint is created or its secret rotated, and kept so deliveries can be signed.
 */
export const webhookMigrations: readonly Migration[] = [
  {
    id: '001-webhook-endpoints',
    sql: `
create table webhook_endpoints (
  id uuid primary key,
  owner text not null,
  url text not null,
  description text,
  secret text not null,
  created_at timestamptz not null default now(),
  secret_rotated_at timestamptz
);
create index on webhook_endpoints (owner);`,
  },
];

export const webhookRequestSchema = z.strictObject({
  url: z.url({ protocol: /^https?$/, error: 'Enter an http or https URL' }).max(2000),
  description: z.string().trim().max(200).optional(),
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

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const webhookRoutes: FastifyPluginAsync<{ pool: Pool }> = async (app, { pool }) => {
  app.post('/api/v1/webhooks', async (request, reply) => {
    const owner = owned(await request.principal());
    const body = webhookRequestSchema.safeParse(request.body ?? {});
    if (!body.success) throw new ValidationFailed(zodFieldErrors(body.error, ['body']));
    const id = randomUUID();
    const secret = newSecret();
    const { rows } = await pool.query<{ created_at: Date }>(
      'insert into webhook_endpoints (id, owner, url, description, secret) values ($1, $2, $3, $4, $5) returning created_at',
      [id, owner, body.data.url, body.data.description ?? null, secret],
    );
    return reply
      .code(201)
      .header('location', `/api/v1/webhooks/${id}`)
      .send({
        id,
        url: body.data.url,
        description: body.data.description ?? null,
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
      created_at: Date;
    }>(
      'select id, url, description, created_at from webhook_endpoints where owner = $1 order by created_at',
      [owner],
    );
    return {
      webhooks: rows.map((r) => ({
        id: r.id,
        url: r.url,
        description: r.description,
        createdAt: r.created_at.toISOString(),
      })),
    };
  });

  app.delete<{ Params: { id: string } }>('/api/v1/webhooks/:id', async (request, reply) => {
    const owner = owned(await request.principal());
    const { id } = request.params;
    const { rowCount } = UUID.test(id)
      ? await pool.query('delete from webhook_endpoints where id = $1 and owner = $2', [id, owner])
      : { rowCount: 0 };
    if (!rowCount) throw new NotFound(`No webhook endpoint ${id}`);
    return reply.code(204).send();
  });

  app.post<{ Params: { id: string } }>('/api/v1/webhooks/:id/rotate-secret', async (request) => {
    const owner = owned(await request.principal());
    const { id } = request.params;
    const secret = newSecret();
    const { rowCount } = UUID.test(id)
      ? await pool.query(
          'update webhook_endpoints set secret = $3, secret_rotated_at = now() where id = $1 and owner = $2',
          [id, owner, secret],
        )
      : { rowCount: 0 };
    if (!rowCount) throw new NotFound(`No webhook endpoint ${id}`);
    return { id, secret };
  });
};

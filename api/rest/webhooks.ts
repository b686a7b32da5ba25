import type { FastifyPluginAsync } from 'fastify';
import type { DestinationRules } from '../../workers/legacy-sync/destination';
import type { Pool } from 'pg';
import type { Principal } from '../auth/roles';
import { Forbidden } from '../problems';
import {
  deleteWebhookEndpoint,
  registerWebhookEndpoint,
  rotateWebhookSecret,
  webhookEndpoints,
  type RegisteredEndpoint,
} from '../webhook-endpoints';

/**
 * Integrators register the endpoints that receive case events (delivered by the workers,
 * signed per the Standard Webhooks specification), each seeing only its own endpoints.
 */
const owned = (principal: Principal) => {
  if (principal.kind === 'integrator' && !principal.scopes.includes('webhooks')) {
    throw new Forbidden('This API key does not have the webhooks scope');
  }
  if (principal.kind === 'staff' && principal.role !== 'admin')
    throw new Forbidden('Only administrators manage webhooks');
  return principal.id;
};

const publicView = (endpoint: RegisteredEndpoint) => ({
  id: endpoint.id,
  url: endpoint.url,
  description: endpoint.description,
  services: endpoint.services,
  events: endpoint.events,
  createdAt: endpoint.createdAt,
});

export const webhookRoutes: FastifyPluginAsync<{
  pool: Pool;
  destinations: DestinationRules;
}> = async (app, { pool, destinations }) => {
  app.post('/api/v1/webhooks', async (request, reply) => {
    const principal = await request.principal();
    const owner = { id: owned(principal), kind: principal.kind };
    const { endpoint, secret } = await registerWebhookEndpoint(
      pool,
      owner,
      request.body,
      ['body'],
      destinations,
    );
    return reply
      .code(201)
      .header('location', `/api/v1/webhooks/${endpoint.id}`)
      .send({ ...publicView(endpoint), secret });
  });

  app.get('/api/v1/webhooks', async (request) => {
    const owner = owned(await request.principal());
    return { webhooks: (await webhookEndpoints(pool, owner)).map(publicView) };
  });

  app.delete<{ Params: { id: string } }>('/api/v1/webhooks/:id', async (request, reply) => {
    const owner = owned(await request.principal());
    await deleteWebhookEndpoint(pool, request.params.id, owner);
    return reply.code(204).send();
  });

  app.post<{ Params: { id: string } }>('/api/v1/webhooks/:id/rotate-secret', async (request) =>
    rotateWebhookSecret(pool, request.params.id, owned(await request.principal())),
  );
};

import { z } from 'zod';
import { ValidationFailed, fieldErrorsOf } from '../../domain/errors';
import { text } from '../../domain/values';
import { isUuid } from '../../eventstore/ids';
import { DEFAULT_SYNCED_EVENTS, SYNCED_EVENTS } from '../../workers/legacy-sync/endpoints';
import { API_KEY_SCOPES, type ApiKeyScope } from '../auth/roles';
import type { ApiKey } from '../auth/identity-store';
import { apiKeyPrincipalId } from '../auth/plugin';
import { requireRead } from '../auth/policy';
import { NotFound } from '../problems';
import {
  deleteWebhookEndpoint,
  registerWebhookEndpoint,
  revokeIntegrator,
  rotateWebhookSecret,
  webhookEndpoints,
} from '../webhook-endpoints';
import type { GraphQLContext } from './context';

/**
 * Administrators' integrations: integrators' API keys and every webhook endpoint, through
 * the same identity store and endpoint registry as `casework apikey` and `/api/v1/webhooks`.
 * Secrets (an API key, an endpoint's signing secret) are returned once, when made.
 */
export const integrationsSchema = /* GraphQL */ `
  enum ApiKeyScope {
    ${API_KEY_SCOPES.join('\n    ')}
  }
  type ApiKey {
    id: ID!
    name: String!
    scopes: [ApiKeyScope!]!
    createdAt: String!
    revokedAt: String
  }
  type CreatedApiKey {
    apiKey: ApiKey!
    "The key itself, shown only now: the back office keeps just its hash."
    key: String!
  }
  type WebhookEndpoint {
    id: ID!
    url: String!
    description: String
    "Who registered it: an integrator's endpoint receives only the cases it submitted."
    owner: String!
    ownerKind: String!
    "The registering API key's name, or the member of staff's id."
    ownerName: String!
    "Services whose cases it receives; empty: every service."
    services: [String!]!
    events: [String!]!
    createdAt: String!
    secretRotatedAt: String
  }
  type WebhookSecret {
    endpointId: ID!
    "The signing secret, shown only now."
    secret: String!
  }
  type RegisteredWebhookEndpoint {
    endpoint: WebhookEndpoint!
    "The signing secret, shown only now."
    secret: String!
  }
  "A case event an endpoint can receive."
  type WebhookEventType {
    type: String!
    sentByDefault: Boolean!
  }
  input WebhookEndpointInput {
    url: String!
    description: String
    services: [String!]
    events: [String!]
  }

  extend type Query {
    "Administrators: integrators' API keys, revoked ones included."
    apiKeys: [ApiKey!]!
    "Administrators: every registered webhook endpoint."
    webhookEndpoints: [WebhookEndpoint!]!
    webhookEventTypes: [WebhookEventType!]!
  }
  extend type Mutation {
    createApiKey(name: String!, scopes: [ApiKeyScope!]!): CreatedApiKey!
    revokeApiKey(id: ID!): Boolean!
    createWebhookEndpoint(input: WebhookEndpointInput!): RegisteredWebhookEndpoint!
    deleteWebhookEndpoint(id: ID!): Boolean!
    rotateWebhookSecret(id: ID!): WebhookSecret!
  }
`;

const apiKeyRequestSchema = z.object({
  name: text({ max: 100, blank: 'Enter a name for the key' }),
  scopes: z.array(z.enum(API_KEY_SCOPES)).min(1, 'Choose at least one scope'),
});

const apiKeyObject = (key: ApiKey) => ({
  ...key,
  createdAt: key.createdAt.toISOString(),
  revokedAt: key.revokedAt?.toISOString() ?? null,
});

/** Every operation here is an administrator's; the principal is returned for those that record who. */
const administrator = async (ctx: GraphQLContext) => {
  const principal = await ctx.principal();
  requireRead(principal, 'integrations');
  return principal;
};

export const integrationQueries = {
  apiKeys: async (_: unknown, __: unknown, ctx: GraphQLContext) => {
    await administrator(ctx);
    return (await ctx.backOffice.identity.apiKeys()).map(apiKeyObject);
  },
  webhookEndpoints: async (_: unknown, __: unknown, ctx: GraphQLContext) => {
    await administrator(ctx);
    const [endpoints, keys] = await Promise.all([
      webhookEndpoints(ctx.backOffice.pool),
      ctx.backOffice.identity.apiKeys(),
    ]);
    const keyNames = new Map(keys.map((k) => [apiKeyPrincipalId(k.id), k.name]));
    return endpoints.map((e) => ({ ...e, ownerName: keyNames.get(e.owner) ?? e.owner }));
  },
  webhookEventTypes: async (_: unknown, __: unknown, ctx: GraphQLContext) => {
    await administrator(ctx);
    return SYNCED_EVENTS.map((type) => ({
      type,
      sentByDefault: DEFAULT_SYNCED_EVENTS.includes(type),
    }));
  },
};

export const integrationMutations = {
  createApiKey: async (
    _: unknown,
    args: { name: string; scopes: ApiKeyScope[] },
    ctx: GraphQLContext,
  ) => {
    await administrator(ctx);
    const parsed = apiKeyRequestSchema.safeParse(args);
    if (!parsed.success) throw new ValidationFailed(fieldErrorsOf(parsed.error));
    const { key, apiKey } = await ctx.backOffice.identity.createApiKey(parsed.data.name, [
      ...new Set(parsed.data.scopes),
    ]);
    return { key, apiKey: apiKeyObject(apiKey) };
  },
  revokeApiKey: async (_: unknown, { id }: { id: string }, ctx: GraphQLContext) => {
    await administrator(ctx);
    if (!isUuid(id) || !(await revokeIntegrator(ctx.backOffice.identity, ctx.backOffice.pool, id)))
      throw new NotFound(`No active API key ${id}`);
    return true;
  },
  createWebhookEndpoint: async (
    _: unknown,
    { input }: { input: Record<string, unknown> },
    ctx: GraphQLContext,
  ) => {
    const principal = await administrator(ctx);
    // GraphQL gives absent optional fields as null; the registry's schema wants them left out.
    const request = Object.fromEntries(Object.entries(input).filter(([, v]) => v !== null));
    return registerWebhookEndpoint(
      ctx.backOffice.pool,
      { id: principal.id, kind: 'staff' },
      request,
      ['input'],
      ctx.backOffice.webhookDestinations,
    );
  },
  deleteWebhookEndpoint: async (_: unknown, { id }: { id: string }, ctx: GraphQLContext) => {
    await administrator(ctx);
    await deleteWebhookEndpoint(ctx.backOffice.pool, id);
    return true;
  },
  rotateWebhookSecret: async (_: unknown, { id }: { id: string }, ctx: GraphQLContext) => {
    await administrator(ctx);
    const { secret } = await rotateWebhookSecret(ctx.backOffice.pool, id);
    return { endpointId: id, secret };
  },
};

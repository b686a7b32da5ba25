import carers from '../../domain/case-types/carers-support-payment';
import { openTestApi, type Gql, type TestApi } from '../support/api';

/**
 * The administrators' integrations over GraphQL: API keys and webhook endpoints go through
 * the same identity store and endpoint registry as the CLI and the REST API, so a key made
 * here works at the intake and an integrator's endpoint shows up here.
 */
describe('integrations over GraphQL', () => {
  let api: TestApi;
  let admin: string;
  const gql = (query: string, variables: Record<string, unknown> = {}) =>
    api.graphql(admin, query, variables);
  const data = <T>(result: Gql) => {
    expect(result.errors).toBeUndefined();
    return result.data as T;
  };
  const intake = (key: string, idempotencyKey: string) =>
    api.app.inject({
      method: 'POST',
      url: '/api/v1/applications',
      headers: { authorization: `Bearer ${key}`, 'idempotency-key': idempotencyKey },
      payload: { service: carers.id, channel: 'web', answers: carers.example },
    });

  beforeAll(async () => {
    api = await openTestApi('integrations');
    admin = await api.staffToken({ id: 'ada', name: 'Ada Okafor', role: 'admin', teams: [] });
  });
  afterAll(async () => api.close());

  it('creates an API key shown once, which then works at the intake until revoked', async () => {
    const { createApiKey } = data<{
      createApiKey: { key: string; apiKey: { id: string; name: string; scopes: string[] } };
    }>(
      await gql(
        'mutation { createApiKey(name: " council-forms ", scopes: [intake, intake]) { key apiKey { id name scopes revokedAt } } }',
      ),
    );
    expect(createApiKey.key).toMatch(/^cwk_[0-9a-f]{32}_[A-Za-z0-9_-]{32}$/);
    expect(createApiKey.apiKey).toMatchObject({
      name: 'council-forms',
      scopes: ['intake'],
      revokedAt: null,
    });
    expect((await intake(createApiKey.key, 'first')).statusCode).toBe(201);

    const { apiKeys } = data<{ apiKeys: { id: string; name: string }[] }>(
      await gql('{ apiKeys { id name scopes createdAt revokedAt } }'),
    );
    expect(apiKeys).toEqual([
      expect.objectContaining({ id: createApiKey.apiKey.id, name: 'council-forms' }),
    ]);
    expect(JSON.stringify(apiKeys)).not.toContain(createApiKey.key.slice(-32));

    const revoked = await gql('mutation($id: ID!) { revokeApiKey(id: $id) }', {
      id: createApiKey.apiKey.id,
    });
    expect(data<{ revokeApiKey: boolean }>(revoked).revokeApiKey).toBe(true);
    expect((await intake(createApiKey.key, 'second')).statusCode).toBe(401);
    const again = await gql('mutation($id: ID!) { revokeApiKey(id: $id) }', {
      id: createApiKey.apiKey.id,
    });
    expect(again.errors![0]!.extensions.code).toBe('NOT_FOUND');
  });

  it('refuses a key without a name or scopes, naming the fields', async () => {
    const result = await gql('mutation { createApiKey(name: "  ", scopes: []) { key } }');
    expect(result.errors![0]!.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      fieldErrors: [
        { path: ['name'], message: 'Enter a name for the key' },
        { path: ['scopes'], message: 'Choose at least one scope' },
      ],
    });
  });

  it('registers, lists, rotates and deletes webhook endpoints, integrators’ ones included', async () => {
    const hooks = await api.apiKey('legacy-crm', ['webhooks']);
    const theirs = await api.app.inject({
      method: 'POST',
      url: '/api/v1/webhooks',
      headers: { authorization: `Bearer ${hooks}` },
      payload: { url: 'https://crm.example.gov.uk/events' },
    });
    expect(theirs.statusCode).toBe(201);

    const { createWebhookEndpoint: created } = data<{
      createWebhookEndpoint: { secret: string; endpoint: { id: string; events: string[] } };
    }>(
      await gql(
        `mutation($input: WebhookEndpointInput!) { createWebhookEndpoint(input: $input) {
           secret endpoint { id url description owner ownerKind services events } } }`,
        {
          input: {
            url: 'https://records.example.gov.uk/decisions',
            description: 'Records office',
            services: [carers.id],
            events: ['DecisionApproved'],
          },
        },
      ),
    );
    expect(created.secret).toMatch(/^whsec_/);
    expect(created.endpoint).toEqual({
      id: expect.any(String),
      url: 'https://records.example.gov.uk/decisions',
      description: 'Records office',
      owner: 'ada',
      ownerKind: 'staff',
      services: [carers.id],
      events: ['DecisionApproved'],
    });

    const listed = data<{
      webhookEndpoints: { id: string; ownerName: string; events: string[] }[];
    }>(
      await gql('{ webhookEndpoints { id ownerName ownerKind events createdAt secretRotatedAt } }'),
    ).webhookEndpoints;
    expect(listed.map((e) => [e.id, e.ownerName])).toEqual([
      [theirs.json().id, 'legacy-crm'],
      [created.endpoint.id, 'ada'],
    ]);
    expect(listed[0]!.events).toContain('ApplicationSubmitted');

    const rotated = data<{ rotateWebhookSecret: { endpointId: string; secret: string } }>(
      await gql('mutation($id: ID!) { rotateWebhookSecret(id: $id) { endpointId secret } }', {
        id: theirs.json().id,
      }),
    ).rotateWebhookSecret;
    expect(rotated.endpointId).toBe(theirs.json().id);
    expect(rotated.secret).not.toBe(theirs.json().secret);

    const deleted = await gql('mutation($id: ID!) { deleteWebhookEndpoint(id: $id) }', {
      id: theirs.json().id,
    });
    expect(data<{ deleteWebhookEndpoint: boolean }>(deleted).deleteWebhookEndpoint).toBe(true);
    const theirList = await api.app.inject({
      method: 'GET',
      url: '/api/v1/webhooks',
      headers: { authorization: `Bearer ${hooks}` },
    });
    expect(theirList.json().webhooks).toEqual([]);
    const missing = await gql('mutation { deleteWebhookEndpoint(id: "not-an-id") }');
    expect(missing.errors![0]!.extensions.code).toBe('NOT_FOUND');
  });

  it('checks an endpoint as the REST API does, with field paths under input', async () => {
    const result = await gql(
      `mutation { createWebhookEndpoint(input: { url: "ftp://files.example.com", events: ["NoteAdded"] }) { secret } }`,
    );
    expect(result.errors![0]!.extensions.code).toBe('BAD_USER_INPUT');
    expect(
      (result.errors![0]!.extensions.fieldErrors as { path: (string | number)[] }[]).map((e) =>
        e.path.join('.'),
      ),
    ).toEqual(['input.url', 'input.events.0']);
  });

  it('lists the events an endpoint can receive, with the defaults marked', async () => {
    const { webhookEventTypes } = data<{
      webhookEventTypes: { type: string; sentByDefault: boolean }[];
    }>(await gql('{ webhookEventTypes { type sentByDefault } }'));
    expect(webhookEventTypes).toContainEqual({ type: 'DecisionApproved', sentByDefault: true });
    expect(webhookEventTypes).toContainEqual({ type: 'AnswersAmended', sentByDefault: false });
  });
});

import { openTestApi, type TestApi } from '../support/api';

describe('webhook endpoint registration', () => {
  let api: TestApi;
  let hooks: string;
  let intakeOnly: string;
  const call = (method: 'GET' | 'POST' | 'DELETE', url: string, key: string, payload?: object) =>
    api.app.inject({
      method,
      url,
      headers: { authorization: `Bearer ${key}` },
      ...(payload ? { payload } : {}),
    });

  beforeAll(async () => {
    api = await openTestApi('webhooks');
    hooks = await api.apiKey('legacy-crm', ['webhooks']);
    intakeOnly = await api.apiKey('web-forms', ['intake']);
  });
  afterAll(async () => api.close());

  it('creates, lists, rotates the secret of and deletes an endpoint', async () => {
    const created = await call('POST', '/api/v1/webhooks', hooks, {
      url: 'https://crm.example.gov.uk/casework-events',
      description: 'CRM sync',
    });
    expect(created.statusCode).toBe(201);
    const endpoint = created.json();
    expect(endpoint).toMatchObject({
      id: expect.any(String),
      url: 'https://crm.example.gov.uk/casework-events',
      secret: expect.stringMatching(/^whsec_[A-Za-z0-9+/=]{32}$/),
    });
    expect(created.headers.location).toBe(`/api/v1/webhooks/${endpoint.id}`);

    const chosen = await call('POST', '/api/v1/webhooks', hooks, {
      url: 'https://crm.example.gov.uk/decisions',
      services: ['carers-support-payment'],
      events: ['DecisionApproved'],
    });
    expect(chosen.json()).toMatchObject({
      services: ['carers-support-payment'],
      events: ['DecisionApproved'],
    });
    await call('DELETE', `/api/v1/webhooks/${chosen.json().id}`, hooks);
    const refused = await call('POST', '/api/v1/webhooks', hooks, {
      url: 'https://crm.example.gov.uk/x',
      services: ['fishing-licences'],
      events: ['NoteAdded'],
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().errors.map((e: { path: unknown[] }) => e.path)).toEqual(
      expect.arrayContaining([
        ['body', 'services', 0],
        ['body', 'events', 0],
      ]),
    );

    const listed = (await call('GET', '/api/v1/webhooks', hooks)).json();
    expect(listed.webhooks).toEqual([
      {
        id: endpoint.id,
        url: endpoint.url,
        description: 'CRM sync',
        services: [],
        events: [
          'ApplicationSubmitted',
          'DecisionRecorded',
          'DecisionApproved',
          'CaseClosed',
          'ApplicationWithdrawn',
        ],
        createdAt: expect.any(String),
      },
    ]);

    const rotated = await call('POST', `/api/v1/webhooks/${endpoint.id}/rotate-secret`, hooks);
    expect(rotated.statusCode).toBe(200);
    expect(rotated.json().secret).not.toBe(endpoint.secret);

    expect((await call('DELETE', `/api/v1/webhooks/${endpoint.id}`, hooks)).statusCode).toBe(204);
    expect((await call('DELETE', `/api/v1/webhooks/${endpoint.id}`, hooks)).statusCode).toBe(404);
    expect((await call('GET', '/api/v1/webhooks', hooks)).json().webhooks).toEqual([]);
  });

  it('keeps each integrator to its own endpoints, with the webhooks scope, and checks URLs', async () => {
    const mine = (
      await call('POST', '/api/v1/webhooks', hooks, { url: 'https://a.example.com/hook' })
    ).json();
    const other = await api.apiKey('someone-else', ['webhooks']);
    expect((await call('GET', '/api/v1/webhooks', other)).json().webhooks).toEqual([]);
    expect((await call('DELETE', `/api/v1/webhooks/${mine.id}`, other)).statusCode).toBe(404);
    expect(
      (await call('POST', `/api/v1/webhooks/${mine.id}/rotate-secret`, other)).statusCode,
    ).toBe(404);
    expect((await call('GET', '/api/v1/webhooks', intakeOnly)).statusCode).toBe(403);
    const bad = await call('POST', '/api/v1/webhooks', hooks, {
      url: 'ftp://files.example.com',
      extra: 1,
    });
    expect(bad.statusCode).toBe(400);
    expect(
      bad
        .json()
        .errors.map((e: { path: string[] }) => e.path.join('.'))
        .sort(),
    ).toEqual(['body', 'body.url']);
    expect((await call('DELETE', '/api/v1/webhooks/not-a-uuid', hooks)).statusCode).toBe(404);
  });
});

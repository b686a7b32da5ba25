import carers from '../../domain/case-types/carers-support-payment';
import waste from '../../domain/case-types/waste-carrier-registration';
import { openTestApi, type TestApi } from '../support/api';

describe('REST intake for integrators', () => {
  let api: TestApi;
  let key: string;
  const post = (body: unknown, headers: Record<string, string> = {}) =>
    api.app.inject({
      method: 'POST',
      url: '/api/v1/applications',
      headers: { authorization: `Bearer ${key}`, 'idempotency-key': 'form-1', ...headers },
      payload: body as object,
    });
  const application = {
    service: carers.id,
    channel: 'web',
    answers: carers.example,
    externalReference: 'WEB-88412',
  };

  beforeAll(async () => {
    api = await openTestApi('rest');
    key = await api.apiKey('council-web-forms');
  });
  afterAll(async () => api.close());

  it('creates a case (201 with Location), and the same key and body again returns it (200)', async () => {
    const created = await post(application);
    expect(created.statusCode).toBe(201);
    const body = created.json();
    expect(body).toEqual({
      caseId: expect.any(String),
      reference: expect.stringMatching(/^CSP-\d{4}-\d{6}$/),
      status: 'received',
      revision: '0',
    });
    expect(created.headers.location).toBe(`/api/v1/applications/${body.reference}`);
    const again = await post(application);
    expect(again.statusCode).toBe(200);
    expect(again.json()).toEqual(body);
  });

  it('refuses the same key with another body (422) as problem+json', async () => {
    const reused = await post({
      ...application,
      answers: { ...carers.example, lastName: 'Different' },
    });
    expect(reused.statusCode).toBe(422);
    expect(reused.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(reused.json()).toMatchObject({
      status: 422,
      code: 'CONFLICT',
      detail: expect.stringContaining('already used'),
    });
  });

  it('lists every field error with its path, including a missing Idempotency-Key', async () => {
    const response = await api.app.inject({
      method: 'POST',
      url: '/api/v1/applications',
      headers: { authorization: `Bearer ${key}` },
      payload: { service: carers.id, channel: 'carrier pigeon', answers: {} },
    });
    expect(response.statusCode).toBe(400);
    const paths = response.json().errors.map((e: { path: string[] }) => e.path.join('.'));
    expect(paths).toEqual(expect.arrayContaining(['headers.idempotency-key', 'body.channel']));
    const answers = await post(
      { ...application, answers: { ...carers.example, dateOfBirth: '1968-02-30', shoeSize: 9 } },
      { 'idempotency-key': 'bad-answers' },
    );
    expect(answers.statusCode).toBe(400);
    expect(
      answers
        .json()
        .errors.map((e: { path: string[] }) => e.path.join('.'))
        .sort(),
    ).toEqual(['answers.dateOfBirth', 'answers.shoeSize']);
  });

  it('answers malformed JSON, wrong types and unknown routes with 4xx problems, never 500', async () => {
    const malformed = await api.app.inject({
      method: 'POST',
      url: '/api/v1/applications',
      headers: {
        authorization: `Bearer ${key}`,
        'idempotency-key': 'x',
        'content-type': 'application/json',
      },
      payload: '{"service": ',
    });
    expect(malformed.statusCode).toBe(400);
    expect(malformed.headers['content-type']).toMatch(/problem\+json/);
    expect((await post('just a string', { 'idempotency-key': 'y' })).statusCode).toBe(415);
    expect((await post([1, 2, 3], { 'idempotency-key': 'z' })).statusCode).toBe(400);
    expect((await api.app.inject({ method: 'GET', url: '/api/v1/nowhere' })).statusCode).toBe(404);
  });

  it('needs valid credentials with the intake scope', async () => {
    expect(
      (await api.app.inject({ method: 'POST', url: '/api/v1/applications', payload: application }))
        .statusCode,
    ).toBe(401);
    const bogus = await post(application, {
      authorization: 'Bearer cwk_00000000000000000000000000000000_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA',
    });
    expect(bogus.statusCode).toBe(401);
    const webhooksOnly = await api.apiKey('hooks-only', ['webhooks']);
    expect((await post(application, { authorization: `Bearer ${webhooksOnly}` })).statusCode).toBe(
      403,
    );
    const revoked = await api.apiKey('old-system');
    const asOldSystem = { authorization: `Bearer ${revoked}`, 'idempotency-key': 'old-1' };
    expect((await post(application, asOldSystem)).statusCode).toBe(201);
    // Live keys are remembered briefly; revoking in this process forgets them at once.
    await api.identity.revokeApiKey('old-system');
    expect((await post(application, asOldSystem)).statusCode).toBe(401);
  });

  it('shows an integrator the status of its own applications only', async () => {
    const { reference } = (
      await post(
        { ...application, service: waste.id, answers: waste.example },
        { 'idempotency-key': 'wcr-1' },
      )
    ).json();
    const mine = await api.app.inject({
      url: `/api/v1/applications/${reference}`,
      headers: { authorization: `Bearer ${key}` },
    });
    expect(mine.statusCode).toBe(200);
    expect(mine.json()).toEqual({
      reference,
      service: waste.id,
      status: 'received',
      receivedAt: expect.any(String),
      externalReference: 'WEB-88412',
      decision: null,
    });
    const other = await api.apiKey('legacy-crm');
    const theirs = await api.app.inject({
      url: `/api/v1/applications/${reference}`,
      headers: { authorization: `Bearer ${other}` },
    });
    expect(theirs.statusCode).toBe(404);
    expect(
      (
        await api.app.inject({
          url: '/api/v1/applications/WCR-2026-999999',
          headers: { authorization: `Bearer ${key}` },
        })
      ).statusCode,
    ).toBe(404);
  });

  it('describes each service with JSON Schema and an example that the intake accepts', async () => {
    const list = await api.app.inject('/api/v1/services');
    expect(list.statusCode).toBe(200);
    const services = list.json().services;
    expect(services.map((s: { id: string }) => s.id)).toEqual(api.caseTypes.all.map((t) => t.id));
    for (const service of services) {
      expect(service.answersSchema).toMatchObject({
        type: 'object',
        properties: expect.any(Object),
        required: expect.any(Array),
      });
      const submitted = await post(service.example, { 'idempotency-key': `example-${service.id}` });
      expect(submitted.statusCode).toBe(201);
    }
    expect((await api.app.inject('/api/v1/services/fishing-licence')).statusCode).toBe(404);
  });

  it('publishes an OpenAPI 3.1 document generated from the same schemas, and a docs page', async () => {
    const doc = (await api.app.inject('/api/v1/openapi.json')).json();
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        '/api/v1/applications',
        '/api/v1/applications/{reference}',
        '/api/v1/services',
        '/api/v1/services/{id}',
      ]),
    );
    expect(doc.components.schemas.ApplicationRequest).toMatchObject({
      type: 'object',
      required: expect.arrayContaining(['service', 'channel', 'answers']),
      properties: { channel: { enum: ['web', 'phone', 'post', 'assisted_digital'] } },
    });
    expect(doc.paths['/api/v1/applications'].post.parameters[0]).toMatchObject({
      name: 'Idempotency-Key',
      required: true,
    });
    const page = await api.app.inject('/api/docs');
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toMatch(/text\/html/);
  });
});

import { openTestApi, type TestApi } from '../support/api';

describe('development identity provider', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await openTestApi('identity');
    await api.identity.saveStaffUser({
      id: 'aisha.khan',
      name: 'Aisha Khan',
      role: 'caseworker',
      teams: ['carer-claims'],
    });
  });
  afterAll(async () => api.close());

  it('lists staff on its sign-in page and issues a token the API accepts', async () => {
    const page = await api.app.inject('/auth/sign-in');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Aisha Khan (caseworker: carer-claims)');
    const staff = await api.app.inject('/auth/staff');
    expect(staff.json().staff).toContainEqual({
      id: 'aisha.khan',
      name: 'Aisha Khan',
      role: 'caseworker',
      teams: ['carer-claims'],
    });
    const signedIn = await api.app.inject({
      method: 'POST',
      url: '/auth/token',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'userId=aisha.khan',
    });
    expect(signedIn.statusCode).toBe(200);
    const { token } = signedIn.json();
    const jwks = (await api.app.inject('/auth/jwks.json')).json();
    expect(jwks.keys[0]).toMatchObject({ kty: 'EC', crv: 'P-256', alg: 'ES256' });
    expect(jwks.keys[0]).not.toHaveProperty('d');
    const submitted = await api.app.inject({
      method: 'POST',
      url: '/api/v1/applications',
      headers: { authorization: `Bearer ${token}`, 'idempotency-key': 'keyed-1' },
      payload: {
        service: 'carers-support-payment',
        channel: 'phone',
        answers: api.caseTypes.byId('carers-support-payment')!.example,
      },
    });
    expect(submitted.statusCode).toBe(201);
  });

  it('refuses unknown staff, tampered tokens and expired-looking garbage', async () => {
    expect(
      (await api.app.inject({ method: 'POST', url: '/auth/token', payload: { userId: 'nobody' } }))
        .statusCode,
    ).toBe(404);
    expect(
      (await api.app.inject({ method: 'POST', url: '/auth/token', payload: {} })).statusCode,
    ).toBe(400);
    const token = await api.staffToken({
      id: 'aisha.khan',
      name: 'Aisha Khan',
      role: 'caseworker',
      teams: [],
    });
    const [header, payload, signature] = token.split('.');
    const forged = Buffer.from(
      JSON.stringify({
        ...JSON.parse(Buffer.from(payload!, 'base64url').toString()),
        role: 'admin',
      }),
    ).toString('base64url');
    for (const bad of [`${header}.${forged}.${signature}`, 'not-a-token']) {
      const response = await api.app.inject({
        method: 'POST',
        url: '/api/v1/applications',
        headers: { authorization: `Bearer ${bad}` },
        payload: {},
      });
      expect(response.statusCode).toBe(401);
      expect(response.json().code).toBe('UNAUTHENTICATED');
    }
  });
});

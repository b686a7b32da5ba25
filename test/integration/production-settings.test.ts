import { SignJWT } from 'jose';
import type { StaffUser } from '../../api/auth/identity-store';
import { DEV_AUDIENCE, DEV_ISSUER } from '../../api/auth/tokens';
import { openTestApi, type TestApi } from '../support/api';

/**
 * What a production back office refuses that a developer's machine allows: staff tokens
 * that live too long, /metrics without its token, GraphQL suggestions that describe the
 * schema; and what every response carries, whatever answers it (nosniff, HSTS), with the
 * API docs page under a Content-Security-Policy of its own. The development sign-in
 * answers only clients on the machine.
 */
describe('production settings', () => {
  let api: TestApi;
  let production: Awaited<ReturnType<TestApi['anotherServer']>>;
  const METRICS_TOKEN = 'metrics-token-0123456789abcdefghijklmnop';
  beforeAll(async () => {
    api = await openTestApi('production_settings');
    production = await api.anotherServer({ production: true, metricsToken: METRICS_TOKEN });
  });
  afterAll(async () => api.close());

  const staff: StaffUser = {
    id: 'aisha.khan',
    name: 'Aisha Khan',
    role: 'caseworker',
    teams: ['carer-claims'],
  };
  /** A token signed with the development identity provider's own key, valid for `lifetime`. */
  const tokenLasting = async (lifetime: string | null) => {
    await api.identity.saveStaffUser(staff);
    const { key, kid } = await api.identity.privateKey();
    const jwt = new SignJWT({ name: staff.name, role: staff.role, teams: staff.teams })
      .setProtectedHeader({ alg: 'ES256', kid })
      .setSubject(staff.id)
      .setIssuer(DEV_ISSUER)
      .setAudience(DEV_AUDIENCE)
      .setIssuedAt();
    return (lifetime ? jwt.setExpirationTime(lifetime) : jwt).sign(key);
  };
  const me = (token: string) =>
    api.app.inject({
      method: 'POST',
      url: '/graphql',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      payload: { query: '{ me { id } }' },
    });

  it('accepts a staff token for a working day and refuses a ten-year or endless one', async () => {
    expect((await me(await tokenLasting('8h'))).json()).toEqual({
      data: { me: { id: 'aisha.khan' } },
    });
    for (const lifetime of ['3650d', null]) {
      const refused = (await me(await tokenLasting(lifetime))).json();
      expect(refused.errors[0].extensions.code).toBe('UNAUTHENTICATED');
    }
  });

  it('serves /metrics in production only to the bearer of its token', async () => {
    expect((await production.inject('/metrics')).statusCode).toBe(401);
    const wrong = await production.inject({
      url: '/metrics',
      headers: { authorization: `Bearer ${METRICS_TOKEN.replace('0', '1')}` },
    });
    expect(wrong.statusCode).toBe(401);
    const scraped = await production.inject({
      url: '/metrics',
      headers: { authorization: `Bearer ${METRICS_TOKEN}` },
    });
    expect(scraped.statusCode).toBe(200);
    expect(scraped.body).toContain('casework_http_request_duration_seconds');
    // Without a token configured, production does not serve it at all.
    const untokened = await api.anotherServer({ production: true });
    expect((await untokened.inject('/metrics')).statusCode).toBe(404);
  });

  it('puts nosniff and HSTS on every response, errors and 404s included', async () => {
    for (const url of [
      '/health/live',
      '/api/v1/services',
      '/api/v1/nowhere',
      '/graphql',
      '/metrics',
    ]) {
      const response = await production.inject(url);
      expect({ url, nosniff: response.headers['x-content-type-options'] }).toEqual({
        url,
        nosniff: 'nosniff',
      });
      expect(response.headers['strict-transport-security']).toBe(
        'max-age=31536000; includeSubDomains',
      );
    }
  });

  it('serves the API docs under a policy allowing only their own script and style', async () => {
    const docs = await production.inject('/api/docs');
    const policy = String(docs.headers['content-security-policy']);
    expect(policy).toContain("default-src 'none'");
    const script = /<script>([\s\S]*?)<\/script>/.exec(docs.body)![1]!;
    const { createHash } = await import('node:crypto');
    expect(policy).toContain(`'sha256-${createHash('sha256').update(script).digest('base64')}'`);
  });

  it('gives no "did you mean" suggestions in production', async () => {
    const token = await tokenLasting('1h');
    const ask = (server: typeof production) =>
      server.inject({
        method: 'POST',
        url: '/graphql',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        payload: { query: '{ mee { id } }' },
      });
    expect((await ask(api.app)).json().errors[0].message).toMatch(/Did you mean "me"/);
    const refused = (await ask(production)).json().errors[0];
    expect(refused.message).toBe('Cannot query field "mee" on type "Query".');
    expect(refused.extensions.code).toBe('BAD_USER_INPUT');
  });

  it('answers the development sign-in only on this machine', async () => {
    expect((await api.app.inject('/auth/staff')).statusCode).toBe(200);
    for (const remoteAddress of ['203.0.113.7', '10.0.0.5', '::ffff:192.168.1.2']) {
      const outside = await api.app.inject({ url: '/auth/staff', remoteAddress });
      expect(outside.statusCode).toBe(403);
      const token = await api.app.inject({
        method: 'POST',
        url: '/auth/token',
        remoteAddress,
        payload: { userId: 'aisha.khan' },
      });
      expect(token.statusCode).toBe(403);
    }
  });

  it('refuses a token whose person is not in the staff directory, or has been deactivated', async () => {
    const token = await tokenLasting('1h');
    expect((await me(token)).json().data).toEqual({ me: { id: 'aisha.khan' } });
    // A validly signed token for someone the directory does not know.
    const { key, kid } = await api.identity.privateKey();
    const stranger = await new SignJWT({ name: 'Stranger', role: 'admin', teams: [] })
      .setProtectedHeader({ alg: 'ES256', kid })
      .setSubject('not.in.directory')
      .setIssuer(DEV_ISSUER)
      .setAudience(DEV_AUDIENCE)
      .setIssuedAt()
      .setExpirationTime('1h')
      .sign(key);
    expect((await me(stranger)).json().errors[0].extensions.code).toBe('UNAUTHENTICATED');

    expect(await api.identity.deactivateStaffUser('aisha.khan')).toBe(true);
    const refused = (await me(token)).json();
    expect(refused.errors[0].extensions.code).toBe('UNAUTHENTICATED');
    expect(refused.errors[0].message).toMatch(/access has ended/);
    // Saved again (an OIDC sign-in does that), the person stays deactivated.
    await api.identity.saveStaffUser(staff);
    expect((await me(await tokenLasting('1h'))).json().errors[0].extensions.code).toBe(
      'UNAUTHENTICATED',
    );
    expect(await api.identity.assignableStaff(['carer-claims'])).toEqual([]);
  });
});

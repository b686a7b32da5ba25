import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openTestApi, type TestApi } from '../support/api';

/**
 * What the back-office UI needs to sign staff in through an OIDC provider: how to sign in
 * (`/auth/config`), and a Content-Security-Policy that lets the page reach the provider's
 * endpoints, which need not share the issuer's origin.
 */
describe('signing in through an OIDC provider', () => {
  let api: TestApi;
  let provider: Server;
  let issuer = '';
  let dist = '';
  const TOKENS = 'https://tokens.example.net';

  beforeAll(async () => {
    provider = createServer((_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json' }).end(
        JSON.stringify({
          issuer,
          authorization_endpoint: `${issuer}/authorize`,
          token_endpoint: `${TOKENS}/oauth2/token`,
          jwks_uri: `${issuer}/jwks`,
        }),
      );
    });
    await new Promise<void>((resolve) => provider.listen(0, '127.0.0.1', resolve));
    issuer = `http://127.0.0.1:${(provider.address() as AddressInfo).port}`;
    dist = mkdtempSync(join(tmpdir(), 'casework-ui-'));
    writeFileSync(join(dist, 'index.html'), '<!doctype html><title>Casework</title>');
    api = await openTestApi('oidcconfig');
  });
  afterAll(async () => {
    await api.close();
    await new Promise((resolve) => provider.close(resolve));
    rmSync(dist, { recursive: true, force: true });
  });

  it('tells the UI to sign in through the provider, as a public client', async () => {
    const oidc = { issuer, clientId: 'back-office', audience: 'casework' };
    const app = await api.anotherServer({ uiDist: dist, devIdentity: false, oidc });
    const config = await app.inject('/auth/config');
    expect(config.json()).toEqual({ mode: 'oidc', ...oidc, scopes: ['openid', 'profile'] });
    expect((await app.inject('/auth/staff')).statusCode).toBe(404);

    const csp = String((await app.inject('/sign-in/callback')).headers['content-security-policy']);
    expect(csp).toContain(`connect-src 'self' ${issuer} ${TOKENS};`);
    expect(csp).toContain(`form-action 'self' ${issuer} ${TOKENS};`);
    expect(csp).toContain("script-src 'self';");
  });

  it('tells the UI to use the development identity provider when there is no OIDC provider', async () => {
    const app = await api.anotherServer({ uiDist: dist });
    expect((await app.inject('/auth/config')).json()).toMatchObject({ mode: 'development' });
    const csp = String((await app.inject('/')).headers['content-security-policy']);
    expect(csp).toContain("connect-src 'self';");
  });
});

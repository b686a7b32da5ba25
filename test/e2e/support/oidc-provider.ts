import { createHash, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';

/**
 * A department's OIDC provider, as far as the back office's sign-in uses one, on a real
 * local port (so another origin than the back office's): discovery, a key set, an
 * authorization endpoint that signs the chosen person in at once and sends the browser
 * back with a code, a token endpoint that checks the code, client id, redirect address
 * and PKCE verifier before issuing RS256 JWTs, and a sign-out page.
 */
export interface StaffClaims {
  sub: string;
  name: string;
  role: string;
  teams: string[];
}

export interface TestOidcProvider {
  issuer: string;
  /** Who the next person to sign in is. */
  signInAs(person: StaffClaims): void;
  /** The ID tokens sent as hints to the sign-out page, in order. */
  signOuts: string[];
  close(): Promise<void>;
}

interface Grant {
  redirectUri: string;
  challenge: string;
  nonce: string;
  person: StaffClaims;
}

const CORS = { 'access-control-allow-origin': '*' };

const send = (res: ServerResponse, status: number, body: unknown) => {
  res.writeHead(status, {
    'content-type': 'application/json',
    'cache-control': 'no-store',
    ...CORS,
  });
  res.end(JSON.stringify(body));
};

const formOf = async (req: IncomingMessage) => {
  let text = '';
  for await (const chunk of req) text += String(chunk);
  return new URLSearchParams(text);
};

const s256 = (verifier: string) => createHash('sha256').update(verifier).digest('base64url');

export const startOidcProvider = async ({
  clientId,
  audience,
}: {
  clientId: string;
  audience: string;
}): Promise<TestOidcProvider> => {
  const { privateKey, publicKey } = await generateKeyPair('RS256');
  const jwk = { ...(await exportJWK(publicKey)), kid: 'test-key', alg: 'RS256', use: 'sig' };
  const grants = new Map<string, Grant>();
  const signOuts: string[] = [];
  let person: StaffClaims | undefined;
  let issuer = '';

  const sign = (claims: Record<string, unknown>, subject: string, aud: string) =>
    new SignJWT(claims)
      .setProtectedHeader({ alg: 'RS256', kid: jwk.kid })
      .setIssuer(issuer)
      .setSubject(subject)
      .setAudience(aud)
      .setIssuedAt()
      .setExpirationTime('1h')
      .sign(privateKey);

  const authorize = (url: URL, res: ServerResponse) => {
    const q = url.searchParams;
    const redirectUri = q.get('redirect_uri') ?? '';
    if (q.get('client_id') !== clientId || q.get('code_challenge_method') !== 'S256' || !person)
      return send(res, 400, { error: 'invalid_request' });
    const code = randomBytes(16).toString('hex');
    grants.set(code, {
      redirectUri,
      challenge: q.get('code_challenge') ?? '',
      nonce: q.get('nonce') ?? '',
      person,
    });
    const back = new URL(redirectUri);
    back.searchParams.set('code', code);
    back.searchParams.set('state', q.get('state') ?? '');
    res.writeHead(302, { location: back.toString() }).end();
  };

  const token = async (req: IncomingMessage, res: ServerResponse) => {
    const form = await formOf(req);
    const code = form.get('code') ?? '';
    const grant = grants.get(code);
    grants.delete(code);
    const refusal =
      form.get('grant_type') !== 'authorization_code' || !grant
        ? 'The authorization code is not valid'
        : form.get('client_id') !== clientId
          ? 'The client is not the one the code was issued to'
          : form.get('redirect_uri') !== grant.redirectUri
            ? 'The redirect address is not the one the code was issued for'
            : s256(form.get('code_verifier') ?? '') !== grant.challenge
              ? 'The code verifier does not match the code challenge'
              : null;
    if (refusal || !grant)
      return send(res, 400, { error: 'invalid_grant', error_description: refusal });
    const { sub, name, role, teams } = grant.person;
    send(res, 200, {
      token_type: 'Bearer',
      expires_in: 3600,
      id_token: await sign({ name, nonce: grant.nonce }, sub, clientId),
      access_token: await sign({ name, role, teams }, sub, audience),
    });
  };

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', issuer);
    if (req.method === 'OPTIONS') {
      res.writeHead(204, { ...CORS, 'access-control-allow-headers': 'content-type, accept' }).end();
    } else if (url.pathname === '/.well-known/openid-configuration') {
      send(res, 200, {
        issuer,
        authorization_endpoint: `${issuer}/authorize`,
        token_endpoint: `${issuer}/token`,
        jwks_uri: `${issuer}/jwks`,
        end_session_endpoint: `${issuer}/sign-out`,
        response_types_supported: ['code'],
        code_challenge_methods_supported: ['S256'],
        id_token_signing_alg_values_supported: ['RS256'],
      });
    } else if (url.pathname === '/jwks') {
      send(res, 200, { keys: [jwk] });
    } else if (url.pathname === '/authorize') {
      authorize(url, res);
    } else if (url.pathname === '/token' && req.method === 'POST') {
      token(req, res).catch(() => send(res, 500, { error: 'server_error' }));
    } else if (url.pathname === '/sign-out') {
      signOuts.push(url.searchParams.get('id_token_hint') ?? '');
      res
        .writeHead(302, { location: url.searchParams.get('post_logout_redirect_uri') ?? '/' })
        .end();
    } else {
      send(res, 404, { error: 'not_found' });
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    issuer,
    signOuts,
    signInAs(next) {
      person = next;
    },
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
};

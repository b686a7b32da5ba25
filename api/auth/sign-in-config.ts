import type { FastifyPluginAsync } from 'fastify';

/**
 * How the back-office UI signs staff in, read by its sign-in page at run time (the same
 * build serves every environment): through the development identity provider, or through
 * the department's OIDC provider as a public client (authorization code with PKCE).
 */
export interface OidcClient {
  issuer: string;
  /** The UI's client id at the provider. */
  clientId: string;
  /** The audience the API verifies: the UI sends the token the provider issued for it. */
  audience: string;
}

/** Enough to know who signed in and their Casework role and teams (claims the API reads). */
const SCOPES = ['openid', 'profile'];

export const signInConfigRoutes: FastifyPluginAsync<{ oidc?: OidcClient | undefined }> = async (
  app,
  { oidc },
) => {
  app.get('/auth/config', async (_request, reply) => {
    reply.header('cache-control', 'no-store');
    return oidc
      ? { mode: 'oidc', ...oidc, scopes: SCOPES }
      : { mode: 'development', issuer: null, clientId: null, audience: null, scopes: [] };
  });
};

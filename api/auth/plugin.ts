import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { isOutage } from '../../eventstore/outage';
import { Unauthenticated } from '../problems';
import type { IdentityStore } from './identity-store';
import type { Principal } from './roles';
import type { StaffTokenVerifier } from './tokens';

/**
 * Works out who is calling from the Authorization header: `Bearer <JWT>` for staff,
 * `Bearer cwk_…` for an integrator's API key. Routes ask `request.principal()`; it
 * throws Unauthenticated (401) when there are no valid credentials.
 */
declare module 'fastify' {
  interface FastifyRequest {
    principal(): Promise<Principal>;
  }
}

export interface AuthOptions {
  identity: IdentityStore;
  staffTokens: StaffTokenVerifier;
}

/** The principal id of an integrator's API key: what its webhook endpoints and submissions record. */
export const apiKeyPrincipalId = (keyId: string) => `apikey:${keyId}`;

const authenticate = async (
  request: FastifyRequest,
  { identity, staffTokens }: AuthOptions,
): Promise<Principal> => {
  const header = request.headers.authorization;
  const bearer = header && /^Bearer\s+(\S+)$/i.exec(header)?.[1];
  if (!bearer)
    throw new Unauthenticated('Send an Authorization: Bearer header with a token or API key');
  if (bearer.startsWith('cwk_')) {
    const key = await identity.apiKeyFor(bearer);
    if (!key) throw new Unauthenticated('The API key is not valid or has been revoked');
    return {
      kind: 'integrator',
      id: apiKeyPrincipalId(key.id),
      name: key.name,
      role: 'integrator',
      teams: [],
      scopes: key.scopes,
    };
  }
  try {
    return await staffTokens.verify(bearer);
  } catch (error) {
    // A database or identity provider that cannot be reached says nothing about the token;
    // a refusal that already says why (the person's access has ended) is passed on as it is.
    if (isOutage(error) || error instanceof Unauthenticated) throw error;
    throw new Unauthenticated('The token is not valid or has expired: sign in again');
  }
};

const plugin: FastifyPluginAsync<AuthOptions> = async (app, options) => {
  app.decorateRequest('principal', function principal(this: FastifyRequest) {
    const cache = this as FastifyRequest & { principalPromise?: Promise<Principal> };
    cache.principalPromise ??= authenticate(this, options);
    return cache.principalPromise;
  });
};

export const authPlugin = fp(plugin, { name: 'casework-auth' });

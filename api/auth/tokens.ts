import { createLocalJWKSet, createRemoteJWKSet, jwtVerify, SignJWT, type JWTPayload } from 'jose';
import { z } from 'zod';
import type { IdentityStore, StaffUser } from './identity-store';
import { providerMetadata } from './oidc-provider';
import { roleSchema, type Principal } from './roles';

/**
 * Staff sign in with the department's OIDC provider: the API checks bearer JWTs against
 * its JWKS. Locally, a development identity provider with its own key (kept in the
 * database, so every process and `casework token` share it) plays that part.
 */
export const DEV_ISSUER = 'casework-dev-identity';
export const DEV_AUDIENCE = 'casework';

export interface StaffTokenVerifier {
  verify(token: string): Promise<Principal>;
}

const claimsSchema = z.object({
  sub: z.string().min(1),
  name: z.string().optional(),
  role: roleSchema.optional(),
  roles: z.array(z.string()).optional(),
  teams: z.array(z.string()).default([]),
});

const principalFrom = (payload: JWTPayload): Principal => {
  const claims = claimsSchema.parse(payload);
  const role = claims.role ?? roleSchema.options.find((r) => claims.roles?.includes(r));
  if (!role) throw new Error('The token names no Casework role');
  return {
    kind: 'staff',
    id: claims.sub,
    name: claims.name ?? claims.sub,
    role,
    teams: claims.teams,
    scopes: [],
  };
};

export const issueDevToken = async (
  identity: IdentityStore,
  user: StaffUser,
  hours = 8,
): Promise<string> => {
  const { key, kid } = await identity.privateKey();
  return new SignJWT({ name: user.name, role: user.role, teams: user.teams })
    .setProtectedHeader({ alg: 'ES256', kid })
    .setSubject(user.id)
    .setIssuer(DEV_ISSUER)
    .setAudience(DEV_AUDIENCE)
    .setIssuedAt()
    .setExpirationTime(`${hours}h`)
    .sign(key);
};

/**
 * Checking a token's signature costs a fraction of a millisecond, on every request. A token
 * that verified stays valid until it expires, so each process remembers it — for at most a
 * minute, so that a key withdrawn from the provider's key set stops working soon after.
 */
const VERIFIED_FOR_MS = 60_000;
const VERIFIED_LIMIT = 10_000;

/**
 * The longest a staff token may be valid for, from issue to expiry: a working day and a
 * bit. A token that says when it was issued and expires no later than this is accepted;
 * one with a longer life (a leaked ten-year token, say) or no expiry is refused.
 */
export const MAX_STAFF_TOKEN_SECONDS = 12 * 60 * 60;

const withinLifetime = (payload: JWTPayload): JWTPayload => {
  if (typeof payload.iat !== 'number' || typeof payload.exp !== 'number') {
    throw new Error('The token must say when it was issued and when it expires');
  }
  if (payload.exp - payload.iat > MAX_STAFF_TOKEN_SECONDS) {
    throw new Error('The token is valid for longer than a staff session may last');
  }
  return payload;
};

const rememberingVerified = (
  verifyPayload: (token: string) => Promise<JWTPayload>,
): StaffTokenVerifier => {
  const verified = new Map<string, { principal: Principal; until: number }>();
  return {
    async verify(token) {
      const now = Date.now();
      const known = verified.get(token);
      if (known && known.until > now) return known.principal;
      verified.delete(token);
      const payload = withinLifetime(await verifyPayload(token));
      const principal = principalFrom(payload);
      const until = Math.min(now + VERIFIED_FOR_MS, (payload.exp ?? 0) * 1000);
      verified.set(token, { principal, until });
      if (verified.size > VERIFIED_LIMIT) verified.delete(verified.keys().next().value!);
      return principal;
    },
  };
};

export const devTokenVerifier = (identity: IdentityStore): StaffTokenVerifier => {
  // The key set is read once, and again only when a token names a key it does not hold.
  let keys: ReturnType<typeof createLocalJWKSet> | undefined;
  const keySet = async (fresh: boolean) => {
    if (!keys || fresh) keys = createLocalJWKSet({ keys: await identity.publicKeys() });
    return keys;
  };
  const options = { issuer: DEV_ISSUER, audience: DEV_AUDIENCE };
  return rememberingVerified(async (token) => {
    try {
      return (await jwtVerify(token, await keySet(false), options)).payload;
    } catch (error) {
      if ((error as { code?: string }).code !== 'ERR_JWKS_NO_MATCHING_KEY') throw error;
      return (await jwtVerify(token, await keySet(true), options)).payload;
    }
  });
};

/** Verifies tokens from an OIDC provider, finding its JWKS through discovery. */
export const oidcTokenVerifier = (issuer: string, audience: string): StaffTokenVerifier => {
  const metadata = providerMetadata(issuer);
  let jwks: ReturnType<typeof createRemoteJWKSet> | undefined;
  const keys = async () => {
    jwks ??= createRemoteJWKSet(new URL((await metadata()).jwks_uri));
    return jwks;
  };
  return rememberingVerified(
    async (token) => (await jwtVerify(token, await keys(), { issuer, audience })).payload,
  );
};

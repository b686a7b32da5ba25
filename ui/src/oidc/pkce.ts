/**
 * The browser's half of OAuth 2.0 for a public client: unguessable values for `state`,
 * `nonce` and the PKCE code verifier, the verifier's S256 challenge, and reading a JWT's
 * claims (the API checks signatures; the browser only needs to see whom a token is for).
 */
const base64url = (bytes: Uint8Array) =>
  btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');

/** 32 random bytes give 43 characters: the shortest code verifier RFC 7636 allows. */
export const randomValue = (bytes = 32) => base64url(crypto.getRandomValues(new Uint8Array(bytes)));

export const s256Challenge = async (verifier: string) =>
  base64url(
    new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier))),
  );

export type Claims = Record<string, unknown>;

/** The claims of a JWT, or null for anything else (an opaque access token, say). */
export const claimsOf = (token: unknown): Claims | null => {
  if (typeof token !== 'string') return null;
  const payload = token.split('.')[1];
  if (!payload) return null;
  try {
    const binary = atob(payload.replace(/-/g, '+').replace(/_/g, '/'));
    const json = new TextDecoder().decode(Uint8Array.from(binary, (c) => c.charCodeAt(0)));
    const claims: unknown = JSON.parse(json);
    return claims && typeof claims === 'object' ? (claims as Claims) : null;
  } catch {
    return null;
  }
};

/** A JWT's audiences (`aud` is a string or a list of them). */
export const audiencesOf = (claims: Claims | null): string[] => {
  const aud = claims?.aud;
  return typeof aud === 'string' ? [aud] : Array.isArray(aud) ? aud.map(String) : [];
};

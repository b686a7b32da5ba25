import { z } from 'zod';

/**
 * The staff identity provider's OpenID configuration, found by discovery: the API needs
 * its key set, the back-office UI its authorization, token and end-session endpoints.
 */
const metadataSchema = z.object({
  issuer: z.string(),
  authorization_endpoint: z.url(),
  token_endpoint: z.url(),
  jwks_uri: z.url(),
  end_session_endpoint: z.url().optional(),
});

export type ProviderMetadata = z.infer<typeof metadataSchema>;

export const discoveryUrl = (issuer: string) =>
  new URL('.well-known/openid-configuration', issuer.endsWith('/') ? issuer : `${issuer}/`);

/** Reads the provider's metadata once; a failed read is tried again on the next call. */
export const providerMetadata = (issuer: string): (() => Promise<ProviderMetadata>) => {
  let metadata: Promise<ProviderMetadata> | undefined;
  const discover = async () => {
    const response = await fetch(discoveryUrl(issuer));
    if (!response.ok) throw new Error(`${discoveryUrl(issuer)} answered ${response.status}`);
    return metadataSchema.parse(await response.json());
  };
  return () => {
    metadata ??= discover().catch((error: unknown) => {
      metadata = undefined;
      throw error;
    });
    return metadata;
  };
};

/** The origins the browser talks to while signing in: the issuer and each endpoint it uses. */
export const signInOrigins = (issuer: string): (() => Promise<string[]>) => {
  const metadata = providerMetadata(issuer);
  return async () => {
    const known = await metadata().catch(() => undefined);
    const urls = [
      issuer,
      ...(known
        ? [known.authorization_endpoint, known.token_endpoint, known.end_session_endpoint]
        : []),
    ];
    return [...new Set(urls.filter((u): u is string => Boolean(u)).map((u) => new URL(u).origin))];
  };
};

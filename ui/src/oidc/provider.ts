/**
 * How this back office signs staff in, from the API (`GET /auth/config`), and the OIDC
 * provider's endpoints, from its discovery document.
 */
export type SignInConfig =
  | { mode: 'development' }
  | { mode: 'oidc'; issuer: string; clientId: string; audience: string; scopes: string[] };

export interface ProviderMetadata {
  issuer: string;
  authorization_endpoint: string;
  token_endpoint: string;
  end_session_endpoint?: string;
}

/** Something that stops a sign-in, in words the person can act on. */
export class SignInRefused extends Error {
  override readonly name = 'SignInRefused';
}

const json = async (url: string, what: string) => {
  const response = await fetch(url, { headers: { accept: 'application/json' } }).catch(() => null);
  if (!response?.ok) throw new SignInRefused(`${what} cannot be reached: try again later`);
  return (await response.json()) as unknown;
};

let config: Promise<SignInConfig> | undefined;

/** Read once per page load; a failed read is tried again next time. */
export const signInConfig = (): Promise<SignInConfig> => {
  config ??= (json('/auth/config', 'Casework') as Promise<SignInConfig>).catch((error) => {
    config = undefined;
    throw error;
  });
  return config;
};

export const discover = async (issuer: string): Promise<ProviderMetadata> => {
  const url = `${issuer.replace(/\/$/, '')}/.well-known/openid-configuration`;
  const metadata = (await json(url, 'Your department’s sign-in service')) as ProviderMetadata;
  // OpenID Connect Discovery: the document must name the issuer it was fetched for.
  if (metadata.issuer !== issuer || !metadata.authorization_endpoint || !metadata.token_endpoint) {
    throw new SignInRefused(
      'Your department’s sign-in service is not set up as Casework expects: tell your administrator',
    );
  }
  return metadata;
};

import { graphql } from '../graphql/client';
import { currentSession, setSession, signOut, type StaffUser } from '../session';
import { audiencesOf, claimsOf, randomValue, s256Challenge } from './pkce';
import { discover, signInConfig, SignInRefused, type SignInConfig } from './provider';

/**
 * Signing in through the department's OIDC provider as a public client: the authorization
 * code flow with PKCE (S256), `state` against forged callbacks and `nonce` against
 * replayed ID tokens. What the callback needs is kept in sessionStorage, so it belongs to
 * this tab alone and is used once.
 */
type Oidc = Extract<SignInConfig, { mode: 'oidc' }>;

interface PendingSignIn {
  state: string;
  nonce: string;
  verifier: string;
  /** The page to go back to once signed in. */
  next: string;
}

const PENDING = 'casework.oidc-sign-in';
export const CALLBACK_PATH = '/sign-in/callback';
const redirectUri = () => `${window.location.origin}${CALLBACK_PATH}`;

/** Leaves for the provider's sign-in page. */
export const startSignIn = async (oidc: Oidc, next: string) => {
  const provider = await discover(oidc.issuer);
  const pending: PendingSignIn = {
    state: randomValue(),
    nonce: randomValue(),
    verifier: randomValue(),
    next,
  };
  window.sessionStorage.setItem(PENDING, JSON.stringify(pending));
  const url = new URL(provider.authorization_endpoint);
  const params = {
    response_type: 'code',
    client_id: oidc.clientId,
    redirect_uri: redirectUri(),
    scope: oidc.scopes.join(' '),
    state: pending.state,
    nonce: pending.nonce,
    code_challenge: await s256Challenge(pending.verifier),
    code_challenge_method: 'S256',
  };
  for (const [name, value] of Object.entries(params)) url.searchParams.set(name, value);
  window.location.assign(url.toString());
};

const takePending = (): PendingSignIn | null => {
  const saved = window.sessionStorage.getItem(PENDING);
  window.sessionStorage.removeItem(PENDING);
  return saved ? (JSON.parse(saved) as PendingSignIn) : null;
};

const exchangeCode = async (oidc: Oidc, code: string, verifier: string) => {
  const provider = await discover(oidc.issuer);
  const response = await fetch(provider.token_endpoint, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
    body: new URLSearchParams({
      grant_type: 'authorization_code',
      code,
      redirect_uri: redirectUri(),
      client_id: oidc.clientId,
      code_verifier: verifier,
    }),
  }).catch(() => null);
  const body = ((await response?.json().catch(() => null)) ?? {}) as Record<string, unknown>;
  if (!response?.ok) {
    const reason = body.error_description ?? body.error;
    throw new SignInRefused(
      `Your department’s sign-in service refused the sign-in${reason ? `: ${String(reason)}` : ''}. Sign in again.`,
    );
  }
  return body;
};

/** The ID token must be this provider's, for this client, from the sign-in this tab started. */
const checkIdToken = (oidc: Oidc, idToken: unknown, nonce: string) => {
  const claims = claimsOf(idToken);
  if (
    !claims ||
    claims.iss !== oidc.issuer ||
    !audiencesOf(claims).includes(oidc.clientId) ||
    claims.nonce !== nonce
  ) {
    throw new SignInRefused(
      'The sign-in service’s answer was not for this sign-in, so it has been refused. Sign in again.',
    );
  }
};

const ME = /* GraphQL */ `
  query Me {
    me {
      id
      name
      role
      teams
    }
  }
`;

/** Finishes the sign-in the provider sent the browser back from; resolves to the page to show. */
const finishSignIn = async (query: URLSearchParams): Promise<string> => {
  const pending = takePending();
  const oidc = await signInConfig();
  if (oidc.mode !== 'oidc') throw new SignInRefused('Casework does not sign in through OIDC here.');
  const providerError = query.get('error_description') ?? query.get('error');
  if (providerError) throw new SignInRefused(`You were not signed in: ${providerError}.`);
  if (!pending || query.get('state') !== pending.state) {
    throw new SignInRefused(
      'This sign-in answer does not match a sign-in started in this browser tab, so it has been refused. Sign in again.',
    );
  }
  const code = query.get('code');
  if (!code)
    throw new SignInRefused('The sign-in service sent no authorization code. Sign in again.');
  const tokens = await exchangeCode(oidc, code, pending.verifier);
  checkIdToken(oidc, tokens.id_token, pending.nonce);
  // The API verifies one audience: an access token issued for it, or else the ID token
  // where the client and the API share that audience.
  const token = [tokens.access_token, tokens.id_token].find((t): t is string =>
    audiencesOf(claimsOf(t)).includes(oidc.audience),
  );
  if (!token) {
    throw new SignInRefused(
      'The sign-in service issued no token for Casework: tell your administrator.',
    );
  }
  const { me } = await graphql<{ me: StaffUser }>(ME, {}, token).catch((error: Error) => {
    throw new SignInRefused(`Casework did not accept your sign-in: ${error.message}`);
  });
  setSession({ token, user: me, idToken: tokens.id_token as string });
  return pending.next;
};

/** Once per callback address, however often the page's effects run. */
const finishing = new Map<string, Promise<string>>();
export const completeSignIn = (query: URLSearchParams) => {
  const key = query.toString();
  if (!finishing.has(key)) finishing.set(key, finishSignIn(query));
  return finishing.get(key)!;
};

/** Signs out of Casework, then of the provider too where it has a sign-out page. */
export const signOutEverywhere = async () => {
  const idToken = currentSession()?.idToken;
  signOut();
  if (!idToken) return;
  const oidc = await signInConfig().catch(() => null);
  if (oidc?.mode !== 'oidc') return;
  const provider = await discover(oidc.issuer).catch(() => null);
  if (!provider?.end_session_endpoint) return;
  const url = new URL(provider.end_session_endpoint);
  url.searchParams.set('id_token_hint', idToken);
  url.searchParams.set('client_id', oidc.clientId);
  url.searchParams.set('post_logout_redirect_uri', `${window.location.origin}/sign-in`);
  window.location.assign(url.toString());
};

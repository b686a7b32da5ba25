import { useSyncExternalStore } from 'react';

/**
 * Who is signed in. Locally the development identity provider issues a token for any
 * seeded member of staff; in production the department's OIDC provider does (`oidc.ts`).
 * The token and the person are kept in sessionStorage, so they last as long as the
 * browser tab and no longer.
 */
export type Role = 'caseworker' | 'team_leader' | 'auditor' | 'integrator' | 'admin';

export interface StaffUser {
  id: string;
  name: string;
  role: Role;
  teams: string[];
}

export interface Session {
  token: string;
  user: StaffUser;
  /** The OIDC provider's ID token, which its sign-out page takes as a hint of whom to sign out. */
  idToken?: string;
}

const KEY = 'casework.session';
const listeners = new Set<() => void>();

let current: Session | null = (() => {
  const saved = window.sessionStorage.getItem(KEY);
  return saved ? (JSON.parse(saved) as Session) : null;
})();

export const setSession = (session: Session | null) => {
  current = session;
  if (session) window.sessionStorage.setItem(KEY, JSON.stringify(session));
  else window.sessionStorage.removeItem(KEY);
  listeners.forEach((listener) => listener());
};

export const currentSession = () => current;

export const useSession = () =>
  useSyncExternalStore(
    (listener) => {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
    () => current,
  );

/** The staff the development identity provider can sign in, or null where it is not running (production). */
export const developmentStaff = async (): Promise<StaffUser[] | null> => {
  const response = await fetch('/auth/staff', { headers: { accept: 'application/json' } });
  if (response.status === 404) return null;
  if (!response.ok) throw new Error(`The identity provider answered ${response.status}`);
  return ((await response.json()) as { staff: StaffUser[] }).staff;
};

export const signIn = async (userId: string): Promise<Session> => {
  const response = await fetch('/auth/token', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ userId }),
  });
  if (!response.ok) throw new Error('That member of staff cannot sign in');
  const session = (await response.json()) as Session;
  setSession(session);
  return session;
};

export const signOut = () => setSession(null);

export const ROLE_NAMES: Record<Role, string> = {
  caseworker: 'Caseworker',
  team_leader: 'Team leader',
  auditor: 'Auditor',
  integrator: 'Integrator',
  admin: 'Administrator',
};

import { Unauthenticated } from '../problems';
import type { IdentityStore } from './identity-store';
import type { StaffTokenVerifier } from './tokens';

/**
 * With the department's OIDC provider, the provider knows the staff, not the back office.
 * Each member of staff joins the back office's staff list (whom cases can be assigned to)
 * when their token is first seen, and is updated when their name, role or teams change:
 * the list echoes the provider for everyone who has signed in. Each process writes a
 * person again only when what their token says has changed.
 */
export const rememberingStaff = (
  tokens: StaffTokenVerifier,
  identity: IdentityStore,
): StaffTokenVerifier => {
  const saved = new Map<string, string>();
  return {
    async verify(token) {
      const principal = await tokens.verify(token);
      const user = {
        id: principal.id,
        name: principal.name,
        role: principal.role,
        teams: principal.teams,
      };
      const known = JSON.stringify(user);
      if (saved.get(user.id) !== known) {
        await identity.saveStaffUser(user);
        saved.set(user.id, known);
      }
      return principal;
    },
  };
};

/**
 * A valid token is not enough: its person must be in the staff directory and still
 * active there. Every staff request and subscription is verified through this, so a
 * deactivated person is refused at once, whatever their token says.
 */
export const activeStaffOnly = (
  tokens: StaffTokenVerifier,
  identity: IdentityStore,
): StaffTokenVerifier => ({
  async verify(token) {
    const principal = await tokens.verify(token);
    if (!(await identity.isActiveStaff(principal.id))) {
      throw new Unauthenticated('You are not in the staff directory, or your access has ended');
    }
    return principal;
  },
});

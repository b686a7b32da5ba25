import { ValidationFailed } from '../../domain/errors';
import { requireRead, seesTeam } from '../auth/policy';
import { Forbidden } from '../problems';
import type { GraphQLContext } from './context';

/** Whom cases can be assigned to, so team leaders choose a person rather than type an id. */
const MAX_TEAMS = 20;

export const staffQueries = {
  assignableStaff: async (_: unknown, { teams }: { teams: string[] }, ctx: GraphQLContext) => {
    const principal = await ctx.principal();
    requireRead(principal, 'assignableStaff');
    if (teams.length === 0 || teams.length > MAX_TEAMS) {
      throw new ValidationFailed([
        { path: ['teams'], message: `Give between 1 and ${MAX_TEAMS} teams` },
      ]);
    }
    if (!teams.every((team) => seesTeam(principal, team)))
      throw new Forbidden('You can see only the staff of your own teams');
    return ctx.backOffice.identity.assignableStaff([...new Set(teams)]);
  },
};

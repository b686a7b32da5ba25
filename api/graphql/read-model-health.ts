import { readStalls, requestResume } from '../../projections/stalls';
import { NotFound } from '../problems';
import { requireRead } from '../auth/policy';
import type { GraphQLContext } from './context';

/**
 * Administrators: how each read model is keeping up with the log, and any projection or
 * reactor stalled on an event it cannot apply (which event, where, and the error).
 */
export const readModelHealthSchema = /* GraphQL */ `
  "A projection or reactor stopped on an event it cannot apply: nothing after it reaches this read model until it is fixed."
  type ProjectionStall {
    eventId: ID!
    eventType: String!
    streamId: String!
    position: String!
    "The error, without personal data."
    error: String!
    attempts: Int!
    stalledAt: String!
    lastAttemptAt: String!
    resumeRequestedAt: String
  }
  type ReadModelHealth {
    name: String!
    "Null for reactors, whose lag is not tracked here."
    eventsBehind: Int
    secondsBehind: Float
    stall: ProjectionStall
  }
  extend type Query {
    "Administrators: each read model's lag, and any stall."
    readModelHealth: [ReadModelHealth!]!
  }
  extend type Mutation {
    "Administrators: once a fix is deployed, ask a stalled read model to try its event again now rather than at its next quiet retry."
    resumeReadModel(name: String!): Boolean!
  }
`;

export const readModelHealthQueries = {
  readModelHealth: async (_: unknown, __: unknown, ctx: GraphQLContext) => {
    requireRead(await ctx.principal(), 'integrations');
    const [statuses, stalls] = await Promise.all([
      ctx.backOffice.projectionStatus?.() ?? [],
      readStalls(ctx.backOffice.pool),
    ]);
    // Reactors (workers, live updates) are not listed with the projections, but stall too.
    const reactors = stalls
      .filter((stall) => !statuses.some((s) => s.name === stall.name))
      .map((stall) => ({ name: stall.name, eventsBehind: null, secondsBehind: null, stall }));
    return [
      ...statuses.map((s) => ({
        name: s.name,
        eventsBehind: s.eventsBehind,
        secondsBehind: s.secondsBehind,
        stall: s.stall,
      })),
      ...reactors,
    ];
  },
};

export const readModelHealthMutations = {
  resumeReadModel: async (_: unknown, { name }: { name: string }, ctx: GraphQLContext) => {
    requireRead(await ctx.principal(), 'integrations');
    if (!(await requestResume(ctx.backOffice.pool, name)))
      throw new NotFound(`No read model called ${name} is stalled`);
    return true;
  },
};

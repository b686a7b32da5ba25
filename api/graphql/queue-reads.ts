import { queuePage } from '../../projections/cases/queue-page';
import { QUEUES, queueCounts, type QueueId } from '../../projections/cases/queues';
import { searchCases } from '../../projections/cases/search';
import { managementInformation, miTotals } from '../../projections/mi/queries';
import { requireRead, seesEveryTeam } from '../auth/policy';
import { recordAccesses } from '../access-log';
import { serviceObject, teamsOf, type GraphQLContext } from './context';

/** Queues, counts and search, all served from the `cases` read model in a fixed number of queries. */
const queueId = (graphqlName: string) => graphqlName.replace(/_/g, '-') as QueueId;
const graphqlQueue = (id: string) => id.replace(/-/g, '_');

export const queueQueries = {
  me: async (_: unknown, __: unknown, ctx: GraphQLContext) => ctx.principal(),
  queue: async (
    _: unknown,
    args: {
      queue?: string | null;
      filter?: object | null;
      sort?: object | null;
      first?: number | null;
      after?: string | null;
    },
    ctx: GraphQLContext,
  ) => {
    const principal = await ctx.principal();
    requireRead(principal, 'queues');
    const page = await queuePage(ctx.backOffice.pool, {
      user: { id: principal.id, teams: teamsOf(principal, ctx.backOffice) },
      today: ctx.today,
      ...(args.queue ? { queue: queueId(args.queue) } : {}),
      ...(args.filter ? { filter: args.filter } : {}),
      ...(args.sort ? { sort: args.sort } : {}),
      ...(args.first !== null && args.first !== undefined ? { first: args.first } : {}),
      ...(args.after ? { after: args.after } : {}),
    });
    // Each row shows an applicant's name and postcode.
    await recordAccesses(
      ctx.backOffice.pool,
      principal,
      page.rows.map((row) => row.caseId),
      'queue',
    );
    return { nodes: page.rows, pageInfo: page.pageInfo, totalCount: page.totalCount };
  },
  queueCounts: async (_: unknown, __: unknown, ctx: GraphQLContext) => {
    const principal = await ctx.principal();
    requireRead(principal, 'queues');
    const counts = await queueCounts(ctx.backOffice.pool, {
      user: { id: principal.id, teams: teamsOf(principal, ctx.backOffice) },
      today: ctx.today,
    });
    return QUEUES.map((q) => ({ queue: graphqlQueue(q.id), label: q.label, count: counts[q.id] }));
  },
  search: async (
    _: unknown,
    args: { query: string; first?: number | null },
    ctx: GraphQLContext,
  ) => {
    const principal = await ctx.principal();
    requireRead(principal, 'case');
    const result = await searchCases(
      ctx.backOffice.pool,
      {
        query: args.query,
        first: args.first ?? 20,
        today: ctx.today,
        // Auditors and administrators see every team's cases; everyone else their own.
        ...(seesEveryTeam(principal) ? {} : { teams: principal.teams }),
      },
      ctx.backOffice.searchSecret,
    );
    await recordAccesses(
      ctx.backOffice.pool,
      principal,
      result.rows.map((row) => row.caseId),
      'search',
    );
    return { kind: result.kind, nodes: result.rows };
  },
};

export const miQueries = {
  managementInformation: async (
    _: unknown,
    args: { from: string; to: string; service?: string | null; channel?: string | null },
    ctx: GraphQLContext,
  ) => {
    requireRead(await ctx.principal(), 'mi');
    const input = {
      from: args.from,
      to: args.to,
      ...(args.service ? { service: args.service } : {}),
      ...(args.channel ? { channel: args.channel as 'web' } : {}),
      unitCosts: ctx.backOffice.unitCosts,
    };
    const [days, totals] = await Promise.all([
      managementInformation(ctx.backOffice.pool, input),
      miTotals(ctx.backOffice.pool, input),
    ]);
    return { days, totals };
  },
};

export const serviceQueries = {
  services: async (_: unknown, __: unknown, ctx: GraphQLContext) => {
    await ctx.principal();
    return ctx.backOffice.caseTypes.all.map(serviceObject);
  },
};

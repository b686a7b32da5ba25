import type { Pool } from 'pg';
import type { ApplicationChannel } from '../../domain/channels';
import { parseInput } from '../../projections/cases/input';
import { miQuerySchema, type MiQuery } from '../../projections/mi/queries';
import { requireRead } from '../auth/policy';
import type { GraphQLContext } from './context';

/**
 * The spread of time to decision behind the percentiles in management information: how
 * many final decisions took 0–4 working days, 5–9 and so on, read from the `mi`
 * projection's decisions over the same range and filters.
 */
export const decisionTimesSchema = /* GraphQL */ `
  "Final decisions that took from fromWorkingDays to toWorkingDays (inclusive; none: or more)."
  type DecisionTimeBand {
    fromWorkingDays: Int!
    toWorkingDays: Int
    decisions: Int!
  }
  extend type Query {
    timeToDecision(
      from: String!
      to: String!
      service: String
      channel: Channel
    ): [DecisionTimeBand!]!
  }
`;

const BAND_WORKING_DAYS = 5;
/** The last band is open-ended: six weeks of working days or more. */
const BANDS = 7;

export const decisionTimeBands = async (db: Pick<Pool, 'query'>, input: MiQuery) => {
  const q = parseInput(miQuerySchema, input);
  const { rows } = await db.query<{ band: number; decisions: number }>(
    `select least(working_days / $5, $6 - 1)::int as band, count(*)::int as decisions
     from mi_decisions
     where day between $1::date and $2::date and working_days is not null
       and ($3::text is null or service = $3) and ($4::text is null or channel = $4)
     group by 1`,
    [q.from, q.to, q.service ?? null, q.channel ?? null, BAND_WORKING_DAYS, BANDS],
  );
  const counts = new Map(rows.map((r) => [r.band, r.decisions]));
  return Array.from({ length: BANDS }, (_, band) => ({
    fromWorkingDays: band * BAND_WORKING_DAYS,
    toWorkingDays: band === BANDS - 1 ? null : (band + 1) * BAND_WORKING_DAYS - 1,
    decisions: counts.get(band) ?? 0,
  }));
};

export const decisionTimeQueries = {
  timeToDecision: async (
    _: unknown,
    args: { from: string; to: string; service?: string | null; channel?: string | null },
    ctx: GraphQLContext,
  ) => {
    requireRead(await ctx.principal(), 'mi');
    return decisionTimeBands(ctx.backOffice.pool, {
      from: args.from,
      to: args.to,
      ...(args.service ? { service: args.service } : {}),
      ...(args.channel ? { channel: args.channel as ApplicationChannel } : {}),
      unitCosts: ctx.backOffice.unitCosts,
    });
  },
};

import type { Pool } from 'pg';
import { calendarDate, line } from '../../domain/values';
import { z } from 'zod';
import { APPLICATION_CHANNELS } from '../../domain/channels';
import { parseInput } from '../cases/input';
import {
  channelShares,
  completionRate,
  costPerTransaction,
  satisfaction,
  unitCostsSchema,
  type SubmittedByChannel,
  type UnitCosts,
} from './kpis';
import { RATINGS } from './schema';

/**
 * Management information per service × channel × London day, or per service × channel
 * over a whole range, read from the `mi` projection's live tables. Percentiles are taken
 * at query time (`percentile_cont`), so they are exact for any range. Digital take-up and
 * cost per transaction describe a service's whole mix of channels, so they are worked out
 * across every channel of the service (whatever `channel` filter is given) and repeated on
 * each of its rows.
 */

const DAY_MS = 86_400_000;
export const MI_MAX_DAYS = 366;

export const miQuerySchema = z
  .strictObject({
    from: calendarDate(),
    to: calendarDate(),
    service: line(100).optional(),
    channel: z.enum(APPLICATION_CHANNELS).optional(),
    unitCosts: unitCostsSchema,
  })
  .superRefine(({ from, to }, ctx) => {
    // A range is judged only between two real dates: a bad one is reported on its own.
    if (![from, to].every((d) => calendarDate().safeParse(d).success)) return;
    const days = (Date.parse(to) - Date.parse(from)) / DAY_MS + 1;
    if (days < 1) ctx.addIssue({ code: 'custom', path: ['to'], message: 'End on or after from' });
    else if (days > MI_MAX_DAYS) {
      ctx.addIssue({
        code: 'custom',
        path: ['to'],
        message: `Choose a range of at most ${MI_MAX_DAYS} days`,
      });
    }
  });
export type MiQuery = z.input<typeof miQuerySchema>;

export interface MiFigures {
  started: number;
  submitted: number;
  /** Cases closed. */
  completed: number;
  withdrawn: number;
  /** Final decisions: recorded without needing approval, or approved. */
  decisions: number;
  granted: number;
  decisionsByOutcome: Record<string, number>;
  hoursToDecisionP50: number | null;
  hoursToDecisionP90: number | null;
  workingDaysToDecisionP50: number | null;
  workingDaysToDecisionP90: number | null;
  /** Service-level clocks that stopped (withdrawn ones aside), and how many in time. */
  clocksStopped: number;
  clocksMet: number;
  slaMetRate: number | null;
  /** Answers at each rating, 1 (very dissatisfied) to 5 (very satisfied). */
  satisfactionRatings: number[];
  satisfactionResponses: number;
  satisfactionAverage: number | null;
  satisfiedRate: number | null;
  completionRate: number | null;
  /** Across every channel of the service on the day (or range). */
  digitalTakeUp: number | null;
  assistedDigitalShare: number | null;
  costPerTransaction: number | null;
}

export interface MiDay extends MiFigures {
  service: string;
  channel: string;
  /** London date, YYYY-MM-DD. */
  day: string;
}

export interface MiTotal extends MiFigures {
  service: string;
  channel: string;
}

interface MiSqlRow {
  service: string;
  channel: string;
  day?: string;
  started: number;
  submitted: number;
  completed: number;
  withdrawn: number;
  ratings: number[];
  decisions: number;
  granted: number;
  by_outcome: Record<string, number>;
  hours_p50: number | null;
  hours_p90: number | null;
  working_days_p50: number | null;
  working_days_p90: number | null;
  clocks_stopped: number;
  clocks_met: number;
  submitted_by_channel: SubmittedByChannel;
}

const RATING_SUMS = RATINGS.map((r) => `sum(rated_${r})`).join(', ');

/** One query for both grains: `day` groups by London day too, `range` over the whole range. */
const miSql = (grain: 'day' | 'range') => {
  const key = grain === 'day' ? 'service, channel, day' : 'service, channel';
  const serviceKey = grain === 'day' ? 'service, day' : 'service';
  const inRange = 'day between $1::date and $2::date and ($3::text is null or service = $3)';
  const percentiles = (column: string, name: string) =>
    [0.5, 0.9]
      .map((p) => `percentile_cont(${p}) within group (order by ${column}) as ${name}_p${p * 100}`)
      .join(', ');
  return `
with daily as (
  select ${key}, sum(started)::int as started, sum(submitted)::int as submitted,
    sum(completed)::int as completed, sum(withdrawn)::int as withdrawn,
    array[${RATING_SUMS}]::int[] as ratings
  from mi_daily where ${inRange} group by ${key}
), decided as (
  select ${key}, count(*)::int as decisions, (count(*) filter (where granted))::int as granted,
    ${percentiles('hours', 'hours')}, ${percentiles('working_days', 'working_days')}
  from (select *, extract(epoch from decided_at - submitted_at)::float8 / 3600 as hours
        from mi_decisions where ${inRange}) d
  group by ${key}
), outcomes as (
  select ${key}, jsonb_object_agg(outcome, n) as by_outcome
  from (select ${key}, outcome, count(*)::int as n from mi_decisions where ${inRange}
        group by ${key}, outcome) o
  group by ${key}
), clocks as (
  select ${key}, count(*)::int as clocks_stopped, (count(*) filter (where met))::int as clocks_met
  from mi_clock_results where ${inRange} group by ${key}
), mix as (
  select ${serviceKey}, jsonb_object_agg(channel, submitted) as submitted_by_channel
  from daily group by ${serviceKey}
), keys as (
  select ${key} from daily union select ${key} from decided union select ${key} from clocks
)
select service, channel${grain === 'day' ? `, to_char(day, 'YYYY-MM-DD') as day` : ''},
  coalesce(started, 0) as started, coalesce(submitted, 0) as submitted,
  coalesce(completed, 0) as completed, coalesce(withdrawn, 0) as withdrawn,
  coalesce(ratings, array[0, 0, 0, 0, 0]) as ratings,
  coalesce(decisions, 0) as decisions, coalesce(granted, 0) as granted,
  coalesce(by_outcome, '{}') as by_outcome,
  hours_p50, hours_p90, working_days_p50, working_days_p90,
  coalesce(clocks_stopped, 0) as clocks_stopped, coalesce(clocks_met, 0) as clocks_met,
  coalesce(submitted_by_channel, '{}') as submitted_by_channel
from keys
  left join daily using (${key}) left join decided using (${key})
  left join outcomes using (${key}) left join clocks using (${key})
  left join mix using (${serviceKey})
where $4::text is null or channel = $4
order by service, ${grain === 'day' ? 'day, ' : ''}channel`;
};

const figuresOf = (r: MiSqlRow, unitCosts: UnitCosts): MiFigures => ({
  started: r.started,
  submitted: r.submitted,
  completed: r.completed,
  withdrawn: r.withdrawn,
  decisions: r.decisions,
  granted: r.granted,
  decisionsByOutcome: r.by_outcome,
  hoursToDecisionP50: r.hours_p50,
  hoursToDecisionP90: r.hours_p90,
  workingDaysToDecisionP50: r.working_days_p50,
  workingDaysToDecisionP90: r.working_days_p90,
  clocksStopped: r.clocks_stopped,
  clocksMet: r.clocks_met,
  slaMetRate: r.clocks_stopped === 0 ? null : r.clocks_met / r.clocks_stopped,
  satisfactionRatings: r.ratings,
  ...satisfaction(r.ratings),
  completionRate: completionRate(r.submitted, r.started),
  ...channelShares(r.submitted_by_channel),
  costPerTransaction: costPerTransaction(r.submitted_by_channel, unitCosts),
});

const query = async (db: Pick<Pool, 'query'>, input: MiQuery, grain: 'day' | 'range') => {
  const q = parseInput(miQuerySchema, input);
  const { rows } = await db.query<MiSqlRow>(miSql(grain), [
    q.from,
    q.to,
    q.service ?? null,
    q.channel ?? null,
  ]);
  return rows.map((r) => ({ row: r, figures: figuresOf(r, q.unitCosts) }));
};

/** Every figure per service × channel × London day with any activity in the range. */
export const managementInformation = async (
  db: Pick<Pool, 'query'>,
  input: MiQuery,
): Promise<MiDay[]> =>
  (await query(db, input, 'day')).map(({ row, figures }) => ({
    service: row.service,
    channel: row.channel,
    day: row.day!,
    ...figures,
  }));

/** Every figure per service × channel over the whole range. */
export const miTotals = async (db: Pick<Pool, 'query'>, input: MiQuery): Promise<MiTotal[]> =>
  (await query(db, input, 'range')).map(({ row, figures }) => ({
    service: row.service,
    channel: row.channel,
    ...figures,
  }));

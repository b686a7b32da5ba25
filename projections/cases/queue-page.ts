import type { Pool } from 'pg';
import { calendarDate, line, text } from '../../domain/values';
import { z } from 'zod';
import { CASE_STATUSES } from '../../domain/case-type';
import { APPLICATION_CHANNELS } from '../../domain/channels';
import { normalisePostcode } from '../../domain/fields';
import {
  caseSortSchema,
  DEFAULT_SORT,
  decodeCursor,
  encodeCursor,
  keysetAfter,
  orderBy,
  sortKeys,
  sortValues,
} from './case-order';
import { caseSummaryColumns, SLA_STATES, slaStateIs, type CaseSummary } from './case-summary';
import { parseInput } from './input';
import {
  CASES_TABLE,
  countedCases,
  QUEUE_IDS,
  queueContextSchema,
  queueOf,
  inTeams,
  queueWhere,
  type QueueContext,
} from './queues';
import { allOf, anyOf, join, likeLiteral, render, sql, trusted, type Sql } from './sql';

/**
 * One page of a case list: a queue (or every case) narrowed by filters, in a chosen order,
 * paged by cursor. The schema is the contract the GraphQL and REST layers validate with,
 * so a bad request is refused with the path of each bad field.
 */

const choices = <T extends z.ZodType>(item: T) =>
  z.array(item).min(1, 'Choose at least one, or leave the filter out').max(50);
const name = line(200);
const isoDate = calendarDate();

export const caseFilterSchema = z
  .strictObject({
    service: choices(name),
    status: choices(z.enum(CASE_STATUSES)),
    channel: choices(z.enum(APPLICATION_CHANNELS)),
    team: choices(name),
    assignee: choices(name),
    slaState: choices(z.enum(SLA_STATES)),
    /** London dates, both inclusive. */
    receivedFrom: isoDate,
    receivedTo: isoDate,
    /** A reference prefix, part of the applicant's name, or a postcode prefix. */
    text: text({ max: 100, blank: 'Enter some text to look for' }),
  })
  .partial()
  .refine((f) => !f.receivedFrom || !f.receivedTo || f.receivedFrom <= f.receivedTo, {
    message: 'Enter a date on or after the "received from" date',
    path: ['receivedTo'],
  });
export type CaseFilter = z.infer<typeof caseFilterSchema>;

export const queuePageInputSchema = queueContextSchema.extend({
  queue: z.enum(QUEUE_IDS).optional(),
  filter: caseFilterSchema.optional(),
  sort: caseSortSchema.optional(),
  first: z
    .number()
    .int()
    .min(1, 'Ask for at least 1 case')
    .max(100, 'Ask for no more than 100 cases')
    .default(25),
  /** The `endCursor` of the page before. */
  after: z.string().max(2000).optional(),
});
export type QueuePageInput = z.input<typeof queuePageInputSchema>;

export interface QueuePage {
  rows: CaseSummary[];
  pageInfo: { endCursor: string | null; hasNextPage: boolean };
  /** Every case the queue and filters match, on every page. */
  totalCount: number;
}

const oneOf = (column: string, values: readonly string[] | undefined) =>
  values && sql`${trusted(column)} = any(${values}::text[])`;

/** A London date's first instant, so received_at's index can serve the range. */
const londonMidnight = (date: string, plusDays = 0) =>
  sql`((${date}::date + ${plusDays}::int)::timestamp at time zone 'Europe/London')`;

const textMatch = (text: string): Sql => {
  const compact = text.replace(/\s+/g, '');
  const postcode = /^[A-Z]{1,2}\d[A-Z\d]?\d[A-Z]{2}$/i.test(compact)
    ? normalisePostcode(compact)
    : text.toUpperCase().replace(/\s+/g, ' ');
  return anyOf([
    sql`reference like ${`${likeLiteral(text.toUpperCase())}%`}`,
    sql`applicant_name_search like '%' || lower(${likeLiteral(text)}) || '%'`,
    sql`postcode like ${`${likeLiteral(postcode)}%`}`,
  ]);
};

export const caseFilterWhere = (filter: CaseFilter, today: string): Sql =>
  allOf(
    [
      oneOf('service', filter.service),
      oneOf('status', filter.status),
      oneOf('channel', filter.channel),
      oneOf('team', filter.team),
      oneOf('assignee', filter.assignee),
      filter.slaState && anyOf(filter.slaState.map((state) => slaStateIs(state, today))),
      filter.receivedFrom && sql`received_at >= ${londonMidnight(filter.receivedFrom)}`,
      filter.receivedTo && sql`received_at < ${londonMidnight(filter.receivedTo, 1)}`,
      filter.text === undefined ? undefined : textMatch(filter.text),
    ].filter((c): c is Sql => c !== undefined),
  );

type SummaryWithSortValues = CaseSummary & { sortValues: string[] };

/** Filters on columns `case_counts` lacks, which only a count of the cases rows can answer. */
const countedOnRows = (filter: CaseFilter) =>
  filter.receivedFrom !== undefined || filter.receivedTo !== undefined || filter.text !== undefined;

/**
 * The rows of a page, in order. A queue over several teams is read team by team, each
 * team's first rows from its own index, and those few merged: one index cannot give
 * several teams' cases in one order.
 */
const pageRows = (
  params: z.output<typeof queuePageInputSchema>,
  condition: (ctx: QueueContext) => Sql,
  keys: ReturnType<typeof sortKeys>,
  after: Sql,
) => {
  const { queue, user, first } = params;
  const order = orderBy(keys);
  const byTeam = !queue || queueOf(queue).index.by === 'team';
  const teams = byTeam && user.teams.length > 1 ? user.teams : [];
  const contexts = teams.length
    ? teams.map((team) => ({ ...params, user: { ...user, teams: [team] } }))
    : [params];
  const parts = contexts.map(
    (ctx) => sql`(select * from ${trusted(CASES_TABLE)}
      where ${condition(ctx)} and ${after} order by ${order} limit ${first + 1})`,
  );
  return sql`select ${caseSummaryColumns(params.today)}, ${sortValues(keys)} as "sortValues"
    from (${join(parts, ' union all ')}) as cases order by ${order} limit ${first + 1}`;
};

export const queuePage = async (
  db: Pick<Pool, 'query'>,
  input: QueuePageInput,
): Promise<QueuePage> => {
  const params = parseInput(queuePageInputSchema, input);
  const sort = params.sort ?? DEFAULT_SORT;
  const keys = sortKeys(sort);
  const filter = params.filter ?? {};
  const after =
    params.after === undefined ? sql`true` : keysetAfter(keys, decodeCursor(params.after, sort));
  // Every list is within the reader's teams (each queue is; "all cases" is every case of
  // the reader's teams), whatever the filter asks for.
  const condition = (ctx: QueueContext) =>
    allOf([
      params.queue ? queueWhere(params.queue, ctx) : inTeams(ctx),
      caseFilterWhere(filter, params.today),
    ]);
  const where = condition(params);
  const count = countedOnRows(filter)
    ? sql`select count(*)::int as n from ${trusted(CASES_TABLE)} where ${where}`
    : sql`select ${countedCases(where)} as n`;
  const totalCount = (await db.query<{ n: number }>(render(count))).rows[0]?.n ?? 0;
  // Nothing to read: a filter that matches nothing in a queue would otherwise walk the
  // queue's whole index looking for its first row.
  const found =
    totalCount === 0
      ? { rows: [] }
      : await db.query<SummaryWithSortValues>(render(pageRows(params, condition, keys, after)));
  const rows = found.rows.slice(0, params.first).map(({ sortValues: _, ...summary }) => summary);
  const last = found.rows[rows.length - 1];
  return {
    rows,
    pageInfo: {
      endCursor: last ? encodeCursor(sort, last.sortValues) : null,
      hasNextPage: found.rows.length > params.first,
    },
    totalCount,
  };
};

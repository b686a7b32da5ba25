import type { Pool } from 'pg';
import { calendarDate } from '../../domain/values';
import { z } from 'zod';
import { parseInput } from './input';
import { join, render, sql, trusted, type Sql } from './sql';

/**
 * A caseworker's queues, as data: each is a condition on the `cases` table for the person
 * looking and the London date today. Statuses are written into the SQL rather than passed
 * as parameters so the planner can match the partial indexes in schema.ts. A condition
 * uses only columns `case_counts` has too, so a queue is counted there.
 */

export const CASES_TABLE = 'cases';
export const CASE_COUNTS_TABLE = 'case_counts';

export const queueUserSchema = z.strictObject({
  id: z.string().min(1).max(200),
  teams: z.array(z.string().min(1).max(100)).max(50),
});

export const queueContextSchema = z.strictObject({
  user: queueUserSchema,
  /** Today in London, as an ISO date: what "overdue" and "due soon" are measured against. */
  today: calendarDate(),
});
export type QueueContext = z.infer<typeof queueContextSchema>;

export interface Queue {
  id: string;
  label: string;
  description: string;
  /**
   * The queue's indexes (schema.ts): the column it is narrowed by first, and the rows they
   * hold, which the condition implies.
   */
  index: { by: 'team' | 'assignee'; holds: string };
  where(ctx: QueueContext): Sql;
}

/**
 * The cases of the user's teams: every list a person reads is within them. Plain equality
 * on one team lets the index give rows already in order; a page of a queue over several
 * teams is read team by team (queue-page.ts).
 */
export const inTeams = ({ user: { teams } }: QueueContext) =>
  teams.length === 1 ? sql`team = ${teams[0]}` : sql`team = any(${teams}::text[])`;

const OPEN = "status not in ('decided', 'closed', 'withdrawn')";
const byTeamWith = (holds: string) => ({ by: 'team', holds }) as const;
const withDeadline = byTeamWith("deadline_sort < 'infinity'");

export const QUEUES = [
  {
    id: 'my-cases',
    label: 'My cases',
    description: 'Open cases of your teams assigned to you',
    index: { by: 'assignee', holds: `assignee is not null and ${OPEN}` },
    // Within the reader's teams too: a case moved to another team is that team's to see.
    where: (ctx) => sql`assignee = ${ctx.user.id} and ${trusted(OPEN)} and ${inTeams(ctx)}`,
  },
  {
    id: 'team-unallocated',
    label: 'Unallocated',
    description: 'Cases in your teams that nobody has picked up yet',
    index: byTeamWith("assignee is null and status in ('received', 'in_progress')"),
    where: (ctx) =>
      sql`${inTeams(ctx)} and assignee is null and status in ('received', 'in_progress')`,
  },
  {
    id: 'awaiting-information',
    label: 'Awaiting information',
    description: 'Cases in your teams waiting for the applicant to send something',
    index: byTeamWith("status = 'awaiting_information'"),
    where: (ctx) => sql`status = 'awaiting_information' and ${inTeams(ctx)}`,
  },
  {
    id: 'due-soon',
    label: 'Due soon',
    description: 'Cases in your teams due within 5 working days',
    index: withDeadline,
    // On deadline_sort (next_deadline, or infinity when there is none) a range the planner
    // estimates well and the deadline-ordered index can be read along, either way.
    where: (ctx) =>
      sql`due_soon_from <= ${ctx.today}::date and deadline_sort >= ${ctx.today}::date
        and deadline_sort < 'infinity' and ${inTeams(ctx)}`,
  },
  {
    id: 'overdue',
    label: 'Overdue',
    description: 'Cases in your teams past their deadline',
    index: withDeadline,
    // The second bound, implied by the first, is what shows the planner the index applies.
    where: (ctx) =>
      sql`deadline_sort < ${ctx.today}::date and deadline_sort < 'infinity' and ${inTeams(ctx)}`,
  },
  {
    id: 'awaiting-approval',
    label: 'Awaiting approval',
    description: 'Decisions in your teams waiting for a second person to approve them',
    index: byTeamWith("status = 'awaiting_approval'"),
    where: (ctx) => sql`status = 'awaiting_approval' and ${inTeams(ctx)}`,
  },
  {
    id: 'exceptions',
    label: 'Exceptions',
    description: 'Cases in your teams that need attention outside the normal flow',
    index: byTeamWith('exception is not null'),
    where: (ctx) => sql`exception is not null and ${inTeams(ctx)}`,
  },
] as const satisfies readonly Queue[];

export type QueueId = (typeof QUEUES)[number]['id'];
export const QUEUE_IDS: readonly QueueId[] = QUEUES.map((q) => q.id);

export const queueOf = (id: QueueId): Queue => QUEUES.find((q) => q.id === id)!;

export const queueWhere = (id: QueueId, ctx: QueueContext): Sql => queueOf(id).where(ctx);

/** A sum over the combinations counted in `case_counts` (case-counts.ts) that meet `where`. */
export const countedCases = (where: Sql): Sql =>
  sql`(select coalesce(sum(cases), 0)::int from ${trusted(CASE_COUNTS_TABLE)} where ${where})`;

/** How many cases each queue holds for this person today, each sum through its own index. */
export const queueCounts = async (
  db: Pick<Pool, 'query'>,
  input: z.input<typeof queueContextSchema>,
): Promise<Record<QueueId, number>> => {
  const ctx = parseInput(queueContextSchema, input);
  const counts = QUEUES.map((q) => sql`${countedCases(q.where(ctx))} as ${trusted(`"${q.id}"`)}`);
  const query = sql`select ${join(counts, ', ')}`;
  const { rows } = await db.query<Record<QueueId, number>>(render(query));
  return rows[0]!;
};

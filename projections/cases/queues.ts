import type { Pool } from 'pg';
import { z } from 'zod';
import { parseInput } from './input';
import { anyOf, join, render, sql, trusted, type Sql } from './sql';

/**
 * A caseworker's queues, as data: each is a condition on the `cases` table for the person
 * looking and the London date today. Statuses are written into the SQL rather than passed
 * as parameters so the planner can match the partial indexes in schema.ts.
 */

export const CASES_TABLE = 'cases';

export const queueUserSchema = z.strictObject({
  id: z.string().min(1).max(200),
  teams: z.array(z.string().min(1).max(100)).max(50),
});

export const queueContextSchema = z.strictObject({
  user: queueUserSchema,
  /** Today in London, as an ISO date: what "overdue" and "due soon" are measured against. */
  today: z.iso.date('Enter a date as YYYY-MM-DD'),
});
export type QueueContext = z.infer<typeof queueContextSchema>;

export interface Queue {
  id: string;
  label: string;
  description: string;
  where(ctx: QueueContext): Sql;
}

/** Most people are in one team; plain equality lets the index give rows already in order. */
const inTeams = ({ user: { teams } }: QueueContext) =>
  teams.length === 1 ? sql`team = ${teams[0]}` : sql`team = any(${teams}::text[])`;

export const QUEUES = [
  {
    id: 'my-cases',
    label: 'My cases',
    description: 'Open cases assigned to you',
    where: (ctx) =>
      sql`assignee = ${ctx.user.id} and status not in ('decided', 'closed', 'withdrawn')`,
  },
  {
    id: 'team-unallocated',
    label: 'Unallocated',
    description: 'Cases in your teams that nobody has picked up yet',
    where: (ctx) =>
      sql`${inTeams(ctx)} and assignee is null and status in ('received', 'in_progress')`,
  },
  {
    id: 'awaiting-information',
    label: 'Awaiting information',
    description: 'Cases in your teams waiting for the applicant to send something',
    where: (ctx) => sql`status = 'awaiting_information' and ${inTeams(ctx)}`,
  },
  {
    id: 'due-soon',
    label: 'Due soon',
    description: 'Cases in your teams due within 5 working days',
    where: (ctx) =>
      sql`due_soon_from <= ${ctx.today}::date and next_deadline >= ${ctx.today}::date and ${inTeams(ctx)}`,
  },
  {
    id: 'overdue',
    label: 'Overdue',
    description: 'Cases in your teams past their deadline',
    where: (ctx) => sql`next_deadline < ${ctx.today}::date and ${inTeams(ctx)}`,
  },
  {
    id: 'awaiting-approval',
    label: 'Awaiting approval',
    description: 'Decisions in your teams waiting for a second person to approve them',
    where: (ctx) => sql`status = 'awaiting_approval' and ${inTeams(ctx)}`,
  },
  {
    id: 'exceptions',
    label: 'Exceptions',
    description: 'Cases in your teams that need attention outside the normal flow',
    where: (ctx) => sql`exception is not null and ${inTeams(ctx)}`,
  },
] as const satisfies readonly Queue[];

export type QueueId = (typeof QUEUES)[number]['id'];
export const QUEUE_IDS: readonly QueueId[] = QUEUES.map((q) => q.id);

export const queueWhere = (id: QueueId, ctx: QueueContext): Sql =>
  QUEUES.find((q) => q.id === id)!.where(ctx);

/** How many cases each queue holds for this person today, in one pass over their cases. */
export const queueCounts = async (
  db: Pick<Pool, 'query'>,
  input: z.input<typeof queueContextSchema>,
): Promise<Record<QueueId, number>> => {
  const ctx = parseInput(queueContextSchema, input);
  const counts = QUEUES.map(
    (q) => sql`count(*) filter (where ${q.where(ctx)})::int as ${trusted(`"${q.id}"`)}`,
  );
  const query = sql`select ${join(counts, ', ')}
    from ${trusted(CASES_TABLE)} where ${anyOf(QUEUES.map((q) => q.where(ctx)))}`;
  const { rows } = await db.query<Record<QueueId, number>>(render(query));
  return rows[0]!;
};

import { sql, trusted, type Sql } from './sql';

/**
 * A case as a queue or search result shows it: the `cases` row in camelCase, with its SLA
 * state worked out for today. Dates and times are formatted in SQL so no session setting
 * (DateStyle, TimeZone) or `pg` type parser can change what callers see.
 */

export const SLA_STATES = ['on_track', 'warning', 'overdue', 'paused', 'none'] as const;
export type SlaState = (typeof SLA_STATES)[number];

export interface CaseSummary {
  caseId: string;
  reference: string;
  service: string;
  status: string;
  stage: string;
  channel: string;
  applicantName: string;
  postcode: string | null;
  team: string;
  assignee: string | null;
  priority: string;
  /** ISO 8601 instant in UTC, to the millisecond. */
  receivedAt: string;
  /** London calendar date (YYYY-MM-DD), or null when no clock is running. */
  nextDeadline: string | null;
  nextWarning: string | null;
  slaState: SlaState;
  exception: string | null;
  outcome: string | null;
  lastActivityAt: string;
  /** The case stream's revision: a bigint written in decimal, as JSON cannot hold one. */
  revision: string;
}

/** A timestamptz column as JavaScript's toISOString writes it. */
export const isoInstant = (column: string, precision: 'MS' | 'US' = 'MS'): Sql =>
  trusted(`to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.${precision}"Z"')`);

/** The SLA state of a case on `today`, in the order the states take precedence. */
export const slaStateSql = (today: string): Sql => sql`case
  when sla_paused then 'paused'
  when next_deadline < ${today}::date then 'overdue'
  when next_warning <= ${today}::date then 'warning'
  when next_deadline is not null then 'on_track'
  else 'none' end`;

/**
 * The cases in one of these SLA states on `today`: `slaStateSql` written as ranges on each
 * date, which the planner can estimate (it can only guess how often a CASE gives a value).
 */
export const slaStateIs = (state: SlaState, today: string): Sql => {
  const day = sql`${today}::date`;
  const notOverdue = sql`(next_deadline >= ${day} or next_deadline is null)`;
  const notWarning = sql`(next_warning > ${day} or next_warning is null)`;
  switch (state) {
    case 'paused':
      return sql`sla_paused`;
    case 'overdue':
      return sql`not sla_paused and next_deadline < ${day}`;
    case 'warning':
      return sql`not sla_paused and ${notOverdue} and next_warning <= ${day}`;
    case 'on_track':
      return sql`not sla_paused and next_deadline >= ${day} and ${notWarning}`;
    case 'none':
      return sql`not sla_paused and next_deadline is null and ${notWarning}`;
  }
};

/** The select list giving a CaseSummary per row. */
export const caseSummaryColumns = (today: string): Sql => sql`case_id::text as "caseId",
  reference, service, status, stage, channel, applicant_name as "applicantName", postcode,
  team, assignee, priority,
  ${isoInstant('received_at')} as "receivedAt",
  to_char(next_deadline, 'YYYY-MM-DD') as "nextDeadline",
  to_char(next_warning, 'YYYY-MM-DD') as "nextWarning",
  ${slaStateSql(today)} as "slaState", exception, outcome,
  ${isoInstant('last_activity_at')} as "lastActivityAt",
  revision::text as revision`;

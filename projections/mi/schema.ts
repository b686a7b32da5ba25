import type { Tables } from '../projection';

/**
 * - `mi_daily`: counters per service × channel × London day — starts, submissions,
 *   closures, withdrawals and satisfaction answers at each rating — added to as events come.
 * - `mi_decisions`: one row per final decision (recorded without needing approval, or
 *   approved), so time to decision can be summarised by percentiles when queried.
 * - `mi_clock_results`: one row per service-level clock that stopped other than by
 *   withdrawal, met or missed, on the London day it stopped.
 * - `mi_case_facts`: what later events need but do not carry — the case's service,
 *   channel, submission time, clocks and pending decision.
 *
 * `channel` is always the application channel the case arrived on, never the channel of a
 * later event (which is mostly the back office).
 */
export const miTables = ['mi_daily', 'mi_decisions', 'mi_clock_results', 'mi_case_facts'] as const;

export const RATINGS = [1, 2, 3, 4, 5] as const;

export const createMiTables = (t: Tables) => `
create table ${t.mi_daily} (
  service text not null,
  channel text not null,
  day date not null,
  started integer not null default 0,
  submitted integer not null default 0,
  completed integer not null default 0,
  withdrawn integer not null default 0,
  ${RATINGS.map((r) => `rated_${r} integer not null default 0`).join(',\n  ')},
  primary key (service, channel, day)
);

create table ${t.mi_decisions} (
  decision_event_id uuid primary key,
  case_id uuid not null,
  service text not null,
  channel text not null,
  day date not null,
  outcome text not null,
  granted boolean not null,
  submitted_at timestamptz not null,
  decided_at timestamptz not null,
  working_days integer
);

create table ${t.mi_clock_results} (
  case_id uuid not null,
  clock text not null,
  service text not null,
  channel text not null,
  day date not null,
  deadline_on date not null,
  met boolean not null,
  primary key (case_id, clock)
);

create table ${t.mi_case_facts} (
  case_id uuid primary key,
  service text not null,
  channel text not null,
  submitted_at timestamptz not null,
  clocks jsonb not null,
  pending_decision jsonb
);
`;

export const createMiIndexes = (t: Tables) => `
create index on ${t.mi_daily} (day);
create index on ${t.mi_decisions} (day);
create index on ${t.mi_clock_results} (day);
`;

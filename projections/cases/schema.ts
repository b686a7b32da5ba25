import type { Tables } from '../projection';
import { createApplicantNamesIndexes, createApplicantNamesTable } from './applicant-names';
import { createCaseCountsIndexes, createCaseCountsTable } from './case-counts';
import { sortKeys, type CaseSort } from './case-order';
import { QUEUES } from './queues';
import { render } from './sql';

/**
 * `cases`: one row per case, everything a queue filters, sorts or shows. Dates that drive
 * service levels are London calendar dates; the SLA *state* (on track, warning, overdue)
 * depends on today, so it is worked out when queried, from these dates:
 *
 * - `next_deadline` / `next_warning`: the earliest deadline and warning date among the
 *   case's running clocks; null when no clock is running or the clocks are paused.
 * - `due_soon_from`: 5 working days (in the service's calendar) before `next_deadline`:
 *   from that date on the case is "due within 5 working days".
 * - `sla_paused`: clocks stopped while the case awaits information from the applicant.
 * - `clocks`: every clock, running or stopped (see domain/sla-clocks.ts).
 * - `exception`: why the case needs attention outside the normal flow (e.g. a rejected
 *   decision to rework); null for ordinary cases.
 *
 * `applicant_name_search` is `applicant_name` in lower case (JavaScript `toLowerCase`);
 * searches compare it with `lower(...)` of the query. Prefix searches on reference and
 * postcode use `text_pattern_ops` indexes, which serve LIKE 'x%' whatever the collation.
 *
 * Partial name search uses a trigram index: the pg_trgm extension, installed in `public`
 * by `ensureExtensions` before any projection table is created.
 *
 * `closed_at` (last closed or withdrawn) and `personal_data_erased_at` drive retention: a
 * closed case is due for erasure once its service's retention period has run.
 *
 * `case_views`: the case as a caseworker opens it — answers, documents, notes, decisions
 * and approvals, information requests, clocks — as one JSON document.
 *
 * `case_counts`: how many cases share each combination of what queues test (case-counts.ts).
 *
 * `applicant_names`: every applicant name, with how many cases bear it (applicant-names.ts).
 */
export const casesTables = ['cases', 'case_views', 'case_counts', 'applicant_names'] as const;

export const createCasesTables = (t: Tables) => `
create table ${t.cases} (
  case_id uuid primary key,
  reference text not null unique,
  service text not null,
  case_type_version integer not null,
  status text not null,
  stage text not null,
  channel text not null,
  applicant_name text not null,
  applicant_name_search text not null,
  postcode text,
  nino_hash text,
  team text not null,
  assignee text,
  priority text not null,
  priority_rank smallint not null,
  received_at timestamptz not null,
  next_deadline date,
  next_warning date,
  due_soon_from date,
  deadline_sort date generated always as (coalesce(next_deadline, 'infinity'::date)) stored,
  sla_paused boolean not null default false,
  clocks jsonb not null default '[]',
  exception text,
  outcome text,
  last_activity_at timestamptz not null,
  closed_at timestamptz,
  personal_data_erased_at timestamptz,
  revision bigint not null
);
create table ${t.case_views} (
  case_id uuid primary key,
  view jsonb compression lz4 not null
);
${createCaseCountsTable(t)}
${createApplicantNamesTable(t)}`;

/**
 * The orders each queue has an index in. A sort led by a column nearly unique per case
 * (received, last activity, reference) reads its index backwards for the descending order:
 * the few rows that tie on that column are put in case id order as they come.
 */
const INDEXED_SORTS: CaseSort[] = [
  { field: 'priority', direction: 'asc' },
  { field: 'priority', direction: 'desc' },
  { field: 'deadline', direction: 'asc' },
  { field: 'deadline', direction: 'desc' },
  { field: 'received', direction: 'asc' },
  { field: 'lastActivity', direction: 'asc' },
  { field: 'reference', direction: 'asc' },
];

/**
 * An index per queue and sort, in that sort's keyset order behind the team or assignee the
 * queue is narrowed to, holding only the queue's cases: the first page of any queue in any
 * order reads about as many index entries as it shows, and the next starts where it ended.
 */
const queueIndexes = (t: Tables) => {
  const shapes = new Map(QUEUES.map(({ index }) => [`${index.by} ${index.holds}`, index]));
  return [...shapes.values()].flatMap(({ by, holds }) =>
    INDEXED_SORTS.map((sort) => {
      const keys = sortKeys(sort).map((k) => `${render(k.expression).text} ${k.direction}`);
      return `create index on ${t.cases} (${by}, ${keys.join(', ')}) where ${holds};`;
    }),
  );
};

/** Indexes, created after a rebuild has loaded the rows (far faster than maintaining them row by row). */
export const createCasesIndexes = (t: Tables) => `
${queueIndexes(t).join('\n')}
create index on ${t.cases} (priority_rank, deadline_sort, received_at, case_id);
create index on ${t.cases} (received_at, case_id);
create index on ${t.cases} (last_activity_at, case_id);
create index on ${t.cases} (service, channel);
create index on ${t.cases} (postcode text_pattern_ops);
create index on ${t.cases} (split_part(postcode, ' ', 1), reference);
create index on ${t.cases} (reference text_pattern_ops);
create index on ${t.cases} (nino_hash) where nino_hash is not null;
create index on ${t.cases} using gin (applicant_name_search public.gin_trgm_ops);
-- Each name's cases in reference order: a name search takes the first few of each name.
create index on ${t.cases} (applicant_name_search, reference, case_id);
create index on ${t.cases} (service, closed_at)
  where closed_at is not null and personal_data_erased_at is null;
${createCaseCountsIndexes(t)}
${createApplicantNamesIndexes(t)}`;

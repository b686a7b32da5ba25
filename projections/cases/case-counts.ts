import type { PoolClient } from 'pg';
import type { Tables } from '../projection';
import type { CaseRow } from './case-row';

/**
 * `case_counts`: how many cases share each combination of the columns that queues and the
 * countable filters test, so a queue's count, or a page's total under such filters, sums a
 * few hundred rows instead of counting up to tens of thousands of cases (bench/queue).
 *
 * Its columns have the names and meaning they have in `cases`, so a condition written for
 * `cases` reads the same here. `exception` is `true` when the case has one and null when
 * not (the reasons themselves would make a combination per case); `deadline_sort` is
 * generated here as there, for the deadline ranges the queues write on it.
 *
 * The cases projection keeps it in the same transaction as the rows: each batch takes one
 * from the combination a changed case had and adds one to the combination it has now, and
 * deletes combinations no case has any more. It therefore always equals `cases` counted
 * grouped by these columns, which is also how `recountCases` fills it from scratch.
 */

// In the order of the unique index, which a queue's team, status and assignee narrow down.
const COUNTED = [
  'team text',
  'status text',
  'assignee text',
  'service text',
  'channel text',
  'exception boolean',
  'sla_paused boolean',
  'next_deadline date',
  'next_warning date',
  'due_soon_from date',
] as const;
const NAMES = COUNTED.map((c) => c.split(' ')[0]!);

export const createCaseCountsTable = (t: Tables) => `
create table ${t.case_counts} (
  team text not null,
  status text not null,
  assignee text,
  service text not null,
  channel text not null,
  exception boolean,
  sla_paused boolean not null,
  next_deadline date,
  next_warning date,
  due_soon_from date,
  deadline_sort date generated always as (coalesce(next_deadline, 'infinity'::date)) stored,
  cases integer not null,
  unique nulls not distinct (${NAMES.join(', ')})
);
`;

export const createCaseCountsIndexes = (t: Tables) => `
create index on ${t.case_counts} (assignee, status) where assignee is not null;
create index on ${t.case_counts} (team, deadline_sort);
create index on ${t.case_counts} (team) where exception is not null;
-- Combinations whose last case has just moved on, found at once to be deleted.
create index on ${t.case_counts} (cases) where cases = 0;
`;

/** A case's combination, as JSON the same whether it comes from a `CaseRow` or the table. */
type Combination = (string | boolean | null)[];

const combinationOf = (row: CaseRow): Combination => [
  row.team,
  row.status,
  row.assignee,
  row.service,
  row.channel,
  row.exception === null ? null : true,
  row.sla_paused,
  row.next_deadline,
  row.next_warning,
  row.due_soon_from,
];

const storedCombination = `jsonb_build_array(team, status, assignee, service, channel,
  case when exception is not null then true end, sla_paused,
  to_char(next_deadline, 'YYYY-MM-DD'), to_char(next_warning, 'YYYY-MM-DD'),
  to_char(due_soon_from, 'YYYY-MM-DD'))`;

/** Where a case is counted: its combination here, its name in `applicant_names`. */
export interface Counted {
  combination: Combination;
  name: string;
}

/** Where the cases about to be changed are counted now, read in one query for both tallies. */
export const countedNow = async (
  tx: Pick<PoolClient, 'query'>,
  t: Tables,
  caseIds: readonly string[],
): Promise<Map<string, Counted>> => {
  if (caseIds.length === 0) return new Map();
  const { rows } = await tx.query<Counted & { case_id: string }>(
    `select case_id, ${storedCombination} as combination, applicant_name_search as name
     from ${t.cases} where case_id = any($1::uuid[])`,
    [caseIds],
  );
  return new Map(rows.map(({ case_id, ...counted }) => [case_id, counted]));
};

/**
 * What each tally key gains or loses when changed cases move from the key they were
 * counted under (none for a new case) to the key they have now; keys that net to zero
 * are left out. Shared by `case_counts` and `applicant_names`.
 */
export const netMoves = <K>(
  moves: Iterable<{ was: K | undefined; now: K }>,
  keyOf: (key: K) => string,
): { key: K; cases: number }[] => {
  const changes = new Map<string, { key: K; cases: number }>();
  const add = (key: K, cases: number) => {
    const id = keyOf(key);
    const change = changes.get(id) ?? { key, cases: 0 };
    change.cases += cases;
    changes.set(id, change);
  };
  for (const { was, now } of moves) {
    if (was !== undefined) add(was, -1);
    add(now, 1);
  }
  return [...changes.values()].filter((change) => change.cases !== 0);
};

/** Moves each changed case from the combination it was counted under to its new one. */
export const recount = async (
  tx: Pick<PoolClient, 'query'>,
  t: Tables,
  before: ReadonlyMap<string, Counted>,
  rows: readonly CaseRow[],
): Promise<void> => {
  const moved = netMoves(
    rows.map((row) => ({ was: before.get(row.case_id)?.combination, now: combinationOf(row) })),
    (combination) => JSON.stringify(combination),
  ).map(({ key, cases }) => ({
    ...Object.fromEntries(NAMES.map((name, i) => [name, key[i]])),
    cases,
  }));
  if (moved.length === 0) return;
  await tx.query(
    `insert into ${t.case_counts} (${NAMES.join(', ')}, cases)
     select ${NAMES.join(', ')}, cases
     from jsonb_to_recordset($1::jsonb) as x(${COUNTED.join(', ')}, cases integer)
     on conflict (${NAMES.join(', ')}) do update
       set cases = ${t.case_counts}.cases + excluded.cases`,
    [JSON.stringify(moved)],
  );
  await tx.query(`delete from ${t.case_counts} where cases = 0`);
};

/** Fills `case_counts` afresh from the `cases` rows, for tables filled other than by events. */
export const recountCases = async (
  db: Pick<PoolClient, 'query'>,
  t: Tables = { cases: 'cases', case_counts: 'case_counts' },
): Promise<void> => {
  const columns = NAMES.map((n) =>
    n === 'exception' ? 'case when exception is not null then true end' : n,
  );
  await db.query(`delete from ${t.case_counts}`);
  await db.query(
    `insert into ${t.case_counts} (${NAMES.join(', ')}, cases)
     select ${columns.join(', ')}, count(*) from ${t.cases}
     group by ${columns.map((_, i) => i + 1).join(', ')}`,
  );
};

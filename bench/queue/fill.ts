import type { Pool } from 'pg';
import { tallyNames } from '../../projections/cases/applicant-names';
import { recountCases } from '../../projections/cases/case-counts';
import { createCasesIndexes, createCasesTables } from '../../projections/cases/schema';
import { ensureExtensions } from '../../projections/extensions';
import { FIRST_NAMES, SURNAMES, TRADES, type Population } from './population';

/**
 * Fills the `cases` read model with `cases` cases in a few SQL statements, drawn from the
 * population's weights. As a projection rebuild does, the rows go in before the indexes are
 * built (two at a time here), which is several times faster than maintaining them row by
 * row; the result is the same table and indexes the projection makes.
 */

const TABLES = {
  cases: 'cases',
  case_views: 'case_views',
  case_counts: 'case_counts',
  applicant_names: 'applicant_names',
};

/** The NI number of a case, derived from its reference so the benchmark can search for it. */
const NINO_FUNCTION = `
create function bench_nino(reference text) returns text language sql immutable as $$
  select substr('ABCEGHJKLMNOPRSTWXYZ', 1 + get_byte(h, 0) % 20, 1)
      || substr('ABCEGHJKLMNPRSTWXYZ', 1 + get_byte(h, 1) % 19, 1)
      || lpad(((get_byte(h, 2) * 65536 + get_byte(h, 3) * 256 + get_byte(h, 4)) % 1000000)::text, 6, '0')
      || substr('ABCD', 1 + get_byte(h, 5) % 4, 1)
  from (select decode(md5(reference), 'hex') as h) x
$$`;

const LOOKUPS = {
  bench_team: `team text, service text, prefix text, lo float8, hi float8, staff text[],
    name_style text, has_nino boolean, stages jsonb, outcomes text[], first_clock text,
    first_days int, first_warn_gap int, decision_clock text, decision_days int,
    decision_warn_gap int, areas text[], district_from int[], district_to int[]`,
  bench_status: `status text, lo float8, hi float8, open boolean, assigned float8,
    age_factor float8, first_clock boolean`,
  bench_priority: 'priority text, rank smallint, lo float8, hi float8',
  bench_channel: 'channel text, lo float8, hi float8',
};

/** An item of a text[] parameter by a uniform draw, skewed to the front when `skew` > 1. */
const pick = (param: string, draw: string, skew = 1) =>
  `(${param}::text[])[1 + floor(power(${draw}, ${skew}) * cardinality(${param}::text[]))::int]`;
const inArray = (array: string, draw: string) =>
  `${array}[1 + floor(${draw} * cardinality(${array}))::int]`;

/**
 * A uniform draw in [0, 1) from a hash of the row number: the same cases every run, and
 * safe however the planner joins (random() in a subquery that ends up on the inner side of
 * a nested loop is drawn again on every rescan).
 */
const uniform = (i: string, salt: number) =>
  `((hashint8extended(${i}, ${salt}) & 2147483647)::float8 / 2147483648)`;

/** A version 4 UUID made from the row number, as the API's cursor validation requires. */
const caseId = (i: string) =>
  `overlay(overlay(md5('case ' || ${i}) placing '4' from 13) placing '8' from 17)::uuid`;

const INWARD_LETTERS = 'ABDEFGHJLNPQRSTUWXYZ';
const DRAWS = [
  'team',
  'status',
  'priority',
  'channel',
  'age',
  'assigned',
  'assignee',
  'first',
  'middle',
  'middle_name',
  'last',
  'area',
  'district',
  'sector',
  'unit1',
  'unit2',
  'exception',
  'outcome',
  'activity',
  'revision',
  'extension',
];

const FILL = `
insert into cases (case_id, reference, service, case_type_version, status, stage, channel,
  applicant_name, applicant_name_search, postcode, nino_hash, team, assignee, priority,
  priority_rank, received_at, next_deadline, next_warning, due_soon_from, sla_paused, clocks,
  exception, outcome, last_activity_at, revision)
select ${caseId('i')}, reference, service, 1, status, stage, channel,
  applicant_name, lower(applicant_name), postcode,
  case when has_nino then encode(sha256(convert_to(bench_nino(reference), 'UTF8')), 'hex') end,
  team, assignee, priority, priority_rank, received_at,
  next_deadline, next_deadline - warn_gap, next_deadline - 7, paused,
  jsonb_build_array(jsonb_build_object('clock', clock, 'startedOn', received_on,
    'workingDays', deadline_days, 'pausedSince', case when paused then received_on + 3 end,
    'deadlineOn', next_deadline, 'warningOn', next_deadline - warn_gap,
    'stoppedOn', case when not open then least(received_on + deadline_days, current_date) end,
    'met', case when not open then r_extension > 0.1 end, 'withdrawn', status = 'withdrawn')),
  exception, outcome, last_activity_at, revision
from (
  select c.*,
    c.prefix || '-' || to_char(c.received_on, 'YYYY') || '-' || lpad(c.i::text, 6, '0') as reference,
    case when c.open and not c.paused
      then c.received_on + c.deadline_days + case when c.r_extension < 0.05 then 14 else 0 end
    end as next_deadline
  from (
    select d.*, t.service, t.prefix, t.team, t.has_nino, s.status, s.open,
      s.status = 'awaiting_information' as paused,
      t.stages ->> s.status as stage, ch.channel, p.priority, p.rank as priority_rank,
      case when s.first_clock then t.first_clock else t.decision_clock end as clock,
      case when s.first_clock then t.first_days else t.decision_days end as deadline_days,
      case when s.first_clock then t.first_warn_gap else t.decision_warn_gap end as warn_gap,
      case when d.r_assigned < s.assigned then ${inArray('t.staff', 'd.r_assignee')} end as assignee,
      case t.name_style
        when 'business' then ${pick('$3', 'd.r_last', 1.25)} || ' ' || ${pick('$4', 'd.r_first')}
          || case when d.r_middle < 0.5 then ' Ltd' else '' end
        else ${pick('$2', 'd.r_first', 1.2)}
          || case when t.name_style = 'middle' and d.r_middle < 0.3
               then ' ' || ${pick('$2', 'd.r_middle_name', 1.2)} else '' end
          || ' ' || ${pick('$3', 'd.r_last', 1.25)}
      end as applicant_name,
      t.areas[a.k] || (t.district_from[a.k]
        + floor(d.r_district * (t.district_to[a.k] - t.district_from[a.k] + 1)))::int
        || ' ' || floor(d.r_sector * 10)::int
        || substr('${INWARD_LETTERS}', 1 + floor(d.r_unit1 * 20)::int, 1)
        || substr('${INWARD_LETTERS}', 1 + floor(d.r_unit2 * 20)::int, 1) as postcode,
      case when s.status = 'in_progress' and d.r_exception < 0.03
        then 'Decision rejected by a team leader: the evidence does not support the outcome' end
        as exception,
      case when s.status in ('decided', 'closed') then ${inArray('t.outcomes', 'd.r_outcome')} end
        as outcome,
      r.received_at,
      (r.received_at at time zone 'Europe/London')::date as received_on,
      r.received_at + least(now() - r.received_at, interval '90 days') * d.r_activity
        as last_activity_at,
      case when s.open then 1 + floor(d.r_revision * 8) else 4 + floor(d.r_revision * 20) end
        as revision
    from (select i, ${DRAWS.map((d, k) => `${uniform('i', k)} as r_${d}`).join(', ')}
          from generate_series(1, $1::int) i) d
    join bench_team t on d.r_team >= t.lo and d.r_team < t.hi
    join bench_status s on d.r_status >= s.lo and d.r_status < s.hi
    join bench_priority p on d.r_priority >= p.lo and d.r_priority < p.hi
    join bench_channel ch on d.r_channel >= ch.lo and d.r_channel < ch.hi
    cross join lateral (select 1 + floor(d.r_area * cardinality(t.areas))::int as k) a
    cross join lateral (select now() - interval '1 day' * case when s.open
        then s.age_factor * case when s.first_clock then t.first_days else t.decision_days end
          * power(d.r_age, 1.3)
        else 730 * d.r_age end as received_at) r
  ) c
) f
-- In arrival order, as the projection writes them: open cases sit together at the end.
order by received_at`;

/** Runs the statements on `sessions` connections at once, each taking the next left. */
const inSessions = async (pool: Pool, statements: readonly string[], sessions: number) => {
  const left = [...statements];
  await Promise.all(
    Array.from({ length: sessions }, async () => {
      const client = await pool.connect();
      try {
        await client.query("set maintenance_work_mem = '256MB'");
        for (let statement = left.shift(); statement; statement = left.shift()) {
          await client.query(statement);
        }
      } finally {
        client.release(true);
      }
    }),
  );
};

export const fillCases = async (
  pool: Pool,
  cases: number,
  shape: Population,
  log: (message: string) => void,
): Promise<void> => {
  await ensureExtensions(pool);
  await pool.query(createCasesTables(TABLES));
  await pool.query(NINO_FUNCTION);
  const rows = {
    bench_team: shape.teams,
    bench_status: shape.statuses,
    bench_priority: shape.priorities,
    bench_channel: shape.channels,
  };
  for (const [table, columns] of Object.entries(LOOKUPS)) {
    await pool.query(
      `create table ${table} as select * from jsonb_to_recordset($1::jsonb) as x(${columns})`,
      [JSON.stringify(rows[table as keyof typeof rows])],
    );
  }
  let started = Date.now();
  const client = await pool.connect();
  try {
    await client.query('begin');
    await client.query("set local work_mem = '512MB'");
    await client.query(FILL, [cases, FIRST_NAMES, SURNAMES, TRADES]);
    await client.query('commit');
  } finally {
    client.release(true);
  }
  log(`inserted ${cases} cases in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  started = Date.now();
  // As the projection keeps it, case by case.
  await recountCases(pool, TABLES);
  await tallyNames(pool, TABLES);
  log(`counted them in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  started = Date.now();
  const indexes = createCasesIndexes(TABLES)
    .split(';')
    .map((statement) => statement.trim())
    .filter(Boolean);
  await inSessions(pool, indexes, 2);
  log(`built ${indexes.length} indexes in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  started = Date.now();
  // Vacuum as well as analyze: a live table has been autovacuumed, so its visibility map is
  // set and index-only scans can skip the heap.
  await pool.query('vacuum (analyze) cases, case_counts, applicant_names');
  log(`vacuumed and analysed in ${((Date.now() - started) / 1000).toFixed(1)} s`);
};

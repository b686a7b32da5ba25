import type { Pool } from 'pg';
import { z } from 'zod';
import { londonDate } from '../../domain/calendar/working-days';
import { normalisePostcode } from '../../domain/fields';
import { calendarDate, text } from '../../domain/values';
import { APPLICANT_NAMES_TABLE, SHORT_NAME_TRIGRAMS } from './applicant-names';
import { caseSummaryColumns, type CaseSummary } from './case-summary';
import { parseInput } from './input';
import { CASES_TABLE } from './queues';
import { ninoHash, normaliseNino } from './search-keys';
import { likeLiteral, render, sql, trusted, type Sql } from './sql';

/**
 * Finding a case from what a caller quotes on the phone: its reference, a National
 * Insurance number, a postcode, or the applicant's name. What was typed is recognised by
 * its shape; anything that is not a reference, NI number or postcode is taken as a name.
 */

export const searchCasesInputSchema = z.strictObject({
  query: text({ max: 100, blank: 'Enter a reference, name, postcode or NI number' }),
  first: z.number().int().min(1).max(100).default(25),
  /** The London date SLA states are worked out for; defaults to today. */
  today: calendarDate().optional(),
  /** Only cases of these teams (none given: every team's, for those who see them all). */
  teams: z.array(z.string().min(1).max(100)).max(200).optional(),
});
export type SearchCasesInput = z.input<typeof searchCasesInputSchema>;

export type SearchKind = 'reference' | 'nino' | 'postcode' | 'outward_code' | 'name';

export interface SearchResult {
  kind: SearchKind;
  rows: CaseSummary[];
}

const REFERENCE = /^[A-Z]{2,3}-\d{4}-\d{6,}$/;
const NINO = /^[A-Z]{2}\d{6}[A-D]$/;
const POSTCODE = /^[A-Z]{1,2}\d[A-Z\d]?\d[A-Z]{2}$/;
const OUTWARD_CODE = /^[A-Z]{1,2}\d[A-Z\d]?$/;

type SearchPlan = { where: Sql; order: Sql } & (
  { kind: Exclude<SearchKind, 'name'> } | { kind: 'name'; name: string; pattern: string }
);

/** What the query looks like, and the condition and order that find it. */
export const searchPlan = (query: string, secret?: Buffer): SearchPlan => {
  const upper = query.toUpperCase();
  const compact = upper.replace(/\s+/g, '');
  const byReference = sql`reference`;
  if (REFERENCE.test(upper))
    return { kind: 'reference', where: sql`reference = ${upper}`, order: byReference };
  if (NINO.test(compact)) {
    const hash = ninoHash(normaliseNino(compact), secret);
    return { kind: 'nino', where: sql`nino_hash = ${hash}`, order: byReference };
  }
  if (POSTCODE.test(compact)) {
    const postcode = normalisePostcode(compact);
    return { kind: 'postcode', where: sql`postcode = ${postcode}`, order: byReference };
  }
  if (OUTWARD_CODE.test(compact)) {
    // Equality on the outward code keeps SW1 from matching SW1A, and its index gives a
    // stable plan (a LIKE prefix estimate sometimes sent the planner down the reference index).
    return {
      kind: 'outward_code',
      where: sql`split_part(postcode, ' ', 1) = ${compact}`,
      order: byReference,
    };
  }
  const name = query.toLowerCase().replace(/\s+/g, ' ');
  const pattern = `%${likeLiteral(name)}%`;
  return {
    kind: 'name',
    name,
    pattern,
    // The LIKE is what the trigram indexes serve; similarity puts the closest names first.
    where: sql`applicant_name_search like ${pattern}`,
    order: sql`public.similarity(applicant_name_search, ${name}) desc, reference`,
  };
};

interface NameRead {
  name: string;
  cases: number;
  closeness: number;
}

/**
 * The names whose cases can reach the first page of a name search: every case of a name is
 * as close as the name, so the page is drawn from the closest names until they bear `first`
 * cases, and every name exactly as close as the last of those (their cases tie and are
 * ordered by reference).
 *
 * Names are read shortest first, up to each of `SHORT_NAME_TRIGRAMS` trigrams in turn: a
 * longer name is at most the text's trigram count over its own close (applicant-names.ts),
 * so once that bound for the names not yet read is below the closeness the page reaches,
 * none of them can reach it.
 */
const namesReachingFirstPage = async (
  db: Pick<Pool, 'query'>,
  name: string,
  pattern: string,
  first: number,
): Promise<string[]> => {
  const read: NameRead[] = [];
  let shorter = 0;
  for (let band = 0; ;) {
    // Past the last band, every longer name.
    const most: number | undefined = SHORT_NAME_TRIGRAMS[band];
    const { rows } = await db.query<
      Omit<NameRead, 'name'> & { name: string | null; typed: number }
    >(
      `select name, cases, public.similarity(name, $1) as closeness, typed
       from (select cardinality(public.show_trgm($1)) as typed) as text
       left join ${APPLICANT_NAMES_TABLE} on name like $2 and trigrams > ${shorter}
         ${most === undefined ? '' : `and trigrams <= ${most}`}`,
      [name, pattern],
    );
    const typed = rows[0]!.typed;
    read.push(...rows.filter((row): row is NameRead & { typed: number } => row.name !== null));
    read.sort((a, b) => b.closeness - a.closeness);
    let bearing = 0;
    const last = read.find((row) => (bearing += row.cases) >= first);
    // A margin for closeness being a rounded float4: a longer name as close must be read.
    const reached = last ? last.closeness * (1 - 1e-6) : 0;
    if (most === undefined || (last && typed / (most + 1) < reached)) {
      return read.filter((row) => !last || row.closeness >= last.closeness).map((row) => row.name);
    }
    shorter = most;
    // A name with fewer trigrams than the text is no closer for being short: the bound only
    // starts to fall past the text's own length, so the bands below it are read as one.
    const reachesText = SHORT_NAME_TRIGRAMS.findIndex((longest) => longest >= typed);
    band = Math.max(band + 1, reachesText === -1 ? SHORT_NAME_TRIGRAMS.length : reachesText);
  }
};

/** Of each name's cases (in the teams) the first `first` by reference: all any page can take from it. */
const casesBearing = (names: readonly string[], first: number, inTeams: Sql): Sql =>
  sql`(select named.* from unnest(${names}::text[]) as name(search_key)
    cross join lateral (select * from ${trusted(CASES_TABLE)}
      where applicant_name_search = name.search_key and ${inTeams} order by reference, case_id
      limit ${first}) as named)`;

export const searchCases = async (
  db: Pick<Pool, 'query'>,
  input: SearchCasesInput,
  /** The secret the read model's NI number keys were made with (see search-keys.ts). */
  searchSecret?: Buffer,
): Promise<SearchResult> => {
  const {
    query,
    first,
    today = londonDate(new Date()),
    teams,
  } = parseInput(searchCasesInputSchema, input);
  const plan = searchPlan(query, searchSecret);
  // The caller's teams narrow the search before its limit, so a page is full when it can be.
  const inTeams = teams === undefined ? sql`true` : sql`team = any(${teams}::text[])`;
  const read = (searched: Sql) =>
    db.query<CaseSummary>(
      render(sql`select ${caseSummaryColumns(today)} from ${searched} as cases
        where ${plan.where} and ${inTeams} order by ${plan.order}, case_id limit ${first}`),
    );
  if (plan.kind !== 'name')
    return { kind: plan.kind, rows: (await read(trusted(CASES_TABLE))).rows };
  // A name search orders only the cases of the names that can reach its page. The names'
  // counts are of every team's cases: narrowed to some teams, a page may need more names,
  // so more are read (four times as many cases' worth each time) until the page is full or
  // no name is left.
  let namesRead = -1;
  for (let wanted = first; ; wanted *= 4) {
    const names = await namesReachingFirstPage(db, plan.name, plan.pattern, wanted);
    const { rows } = await read(casesBearing(names, first, inTeams));
    if (rows.length >= first || teams === undefined || names.length === namesRead) {
      return { kind: plan.kind, rows };
    }
    namesRead = names.length;
  }
};

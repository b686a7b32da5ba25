import type { Pool } from 'pg';
import { z } from 'zod';
import { londonDate } from '../../domain/calendar/working-days';
import { normalisePostcode } from '../../domain/fields';
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
  query: z.string().trim().min(1, 'Enter a reference, name, postcode or NI number').max(100),
  first: z.number().int().min(1).max(100).default(25),
  /** The London date SLA states are worked out for; defaults to today. */
  today: z.iso.date().optional(),
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

/** What the query looks like, and the condition and order that find it. */
export const searchPlan = (query: string): { kind: SearchKind; where: Sql; order: Sql } => {
  const upper = query.toUpperCase();
  const compact = upper.replace(/\s+/g, '');
  const byReference = sql`reference`;
  if (REFERENCE.test(upper))
    return { kind: 'reference', where: sql`reference = ${upper}`, order: byReference };
  if (NINO.test(compact)) {
    const hash = ninoHash(normaliseNino(compact));
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
  return {
    kind: 'name',
    // The LIKE is what the trigram index serves; similarity puts the closest names first.
    where: sql`applicant_name_search like ${`%${likeLiteral(name)}%`}`,
    order: sql`public.similarity(applicant_name_search, ${name}) desc, reference`,
  };
};

export const searchCases = async (
  db: Pick<Pool, 'query'>,
  input: SearchCasesInput,
): Promise<SearchResult> => {
  const {
    query,
    first,
    today = londonDate(new Date()),
  } = parseInput(searchCasesInputSchema, input);
  const plan = searchPlan(query);
  const { rows } = await db.query<CaseSummary>(
    render(sql`select ${caseSummaryColumns(today)} from ${trusted(CASES_TABLE)}
      where ${plan.where} order by ${plan.order}, case_id limit ${first}`),
  );
  return { kind: plan.kind, rows };
};

import { randomUUID } from 'node:crypto';
import type { Pool } from 'pg';
import { PRIORITIES, type Priority } from '../../domain/case-type';
import type { CaseRow } from '../../projections/cases/case-row';
import { tallyNames } from '../../projections/cases/applicant-names';
import { recountCases } from '../../projections/cases/case-counts';
import { createCasesTables } from '../../projections/cases/schema';

/** `cases` rows written straight into the read model, for tests of the queries over it. */

/** A `cases` row as the projection writes it (clocks left to their default), priority typed. */
export type CasesRow = Omit<CaseRow, 'clocks' | 'priority'> & { priority: Priority };

let serial = 0;

/**
 * An ordinary case: in progress with Bob in the carer claims team, on track for a deadline
 * at the end of March 2026. The name's search key and the priority's rank follow the
 * overrides unless given.
 */
export const caseRow = (overrides: Partial<CasesRow> = {}): CasesRow => {
  serial += 1;
  const row: CasesRow = {
    case_id: randomUUID(),
    reference: `CSP-2026-${String(serial).padStart(6, '0')}`,
    service: 'carers-support-payment',
    case_type_version: 1,
    status: 'in_progress',
    stage: 'assessment',
    channel: 'web',
    applicant_name: 'Chris Evans',
    applicant_name_search: '',
    postcode: 'LS1 4AP',
    nino_hash: null,
    team: 'carer-claims',
    assignee: 'bob',
    priority: 'normal',
    priority_rank: -1,
    received_at: '2026-03-02T09:00:00.000Z',
    next_deadline: '2026-03-31',
    next_warning: '2026-03-26',
    due_soon_from: '2026-03-24',
    sla_paused: false,
    exception: null,
    outcome: null,
    last_activity_at: '2026-03-02T09:00:00.000Z',
    closed_at: null,
    personal_data_erased_at: null,
    revision: '0',
    ...overrides,
  };
  return {
    ...row,
    applicant_name_search: overrides.applicant_name_search ?? row.applicant_name.toLowerCase(),
    priority_rank: overrides.priority_rank ?? PRIORITIES.indexOf(row.priority),
  };
};

const COLUMNS = Object.keys(caseRow()).join(', ');

export const createCasesTablesIn = (pool: Pool) =>
  pool.query(
    createCasesTables({
      cases: 'cases',
      case_views: 'case_views',
      case_counts: 'case_counts',
      applicant_names: 'applicant_names',
    }),
  );

/**
 * Adds the rows to `cases`, counted in `case_counts` and `applicant_names` as the projection
 * would count them.
 */
export const insertCases = async (pool: Pool, rows: readonly CasesRow[]) => {
  await pool.query(
    `insert into cases (${COLUMNS})
     select ${COLUMNS} from jsonb_populate_recordset(null::cases, $1::jsonb)`,
    [JSON.stringify(rows)],
  );
  await recountCases(pool);
  await tallyNames(pool);
};

/** Replaces every row of the table with these. */
export const resetCases = async (pool: Pool, rows: readonly CasesRow[]) => {
  await pool.query('truncate cases');
  await insertCases(pool, rows);
};

/** What a refused query throws: ValidationFailed naming the one field at fault. */
export const refusedAt = (...path: (string | number)[]) =>
  expect.objectContaining({ code: 'BAD_USER_INPUT', errors: [expect.objectContaining({ path })] });

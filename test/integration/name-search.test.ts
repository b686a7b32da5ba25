import { seededRandom } from '../../cli/seed/fake-answers';
import { createCasesIndexes } from '../../projections/cases/schema';
import { searchCases } from '../../projections/cases/search';
import { caseRow, createCasesTablesIn, insertCases } from '../support/case-rows';
import { createTestSchema, type TestSchema } from '../support/database';

/**
 * A name search ranks the applicant names, not the cases (applicant-names.ts); its pages
 * must still be exactly what ranking every matching case would give: closest first, then
 * by reference.
 */

const FIRST = ['sam', 'samantha', 'samuel', 'olivia', 'liv', 'ciarán', 'o’brien'];
const LAST = ['taylor', 'taylor-brown', 'smith', 'samson', 'oliver', 'mcallister-samuels'];
const TRADING = ['haulage and recycling services ltd', 'skip hire', ''];

const random = seededRandom(20260310);
const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)]!;
// Short names and long ones, many cases to some names and one to others, so a page is cut
// inside a run of equally close names and some of its names are longer than any indexed band.
const cases = Array.from({ length: 400 }, () =>
  caseRow({
    applicant_name: `${pick(FIRST)} ${random() < 0.3 ? `${pick(FIRST)} ` : ''}${pick(LAST)} ${
      random() < 0.2 ? pick(TRADING) : ''
    }`.trim(),
  }),
);

const QUERIES = ['sam', 'Sam Taylor', 'tay', 'son', 'liv', 'ltd', 'an', 'ó', 'ciarán o’brien'];

let db: TestSchema;

beforeAll(async () => {
  db = await createTestSchema('name_search');
  await createCasesTablesIn(db.pool);
  await db.pool.query(
    createCasesIndexes({
      cases: 'cases',
      case_views: 'case_views',
      case_counts: 'case_counts',
      applicant_names: 'applicant_names',
    }),
  );
  await insertCases(db.pool, cases);
});

afterAll(async () => db.drop());

/** The page as ranking every matching case gives it. */
const everyCaseRanked = async (query: string, first: number) => {
  const name = query.toLowerCase();
  const { rows } = await db.pool.query<{ caseId: string }>(
    `select case_id::text as "caseId" from cases
     where applicant_name_search like '%' || $1 || '%'
     order by public.similarity(applicant_name_search, $1) desc, reference, case_id
     limit $2`,
    [name, first],
  );
  return rows.map((r) => r.caseId);
};

it.each(QUERIES.flatMap((query) => [1, 7, 25, 100].map((first) => [query, first] as const)))(
  'finds %j, first %i, as ranking every case would',
  async (query, first) => {
    const { kind, rows } = await searchCases(db.pool, { query, first, today: '2026-03-10' });
    expect(kind).toBe('name');
    expect(rows.map((r) => r.caseId)).toEqual(await everyCaseRanked(query, first));
  },
);

import { casesProjection } from '../../projections/cases/projection';
import { caseTypeRegistry } from '../../domain/case-types';
import { waitForProjections } from '../../projections/checkpoints';
import { rebuildProjection } from '../../projections/rebuild';
import { rebuildTables } from '../../projections/projection';
import { generateCases } from '../support/mi-lifecycles';
import { runProjections, tableDifference } from '../support/projections';
import { openTestWriteSide, type TestWriteSide } from '../support/runtime';

/** `case_counts` as a count of the `cases` rows would give it, for comparison. */
const COUNTED_FROM_ROWS = `select team, status, assignee, service, channel,
    case when exception is not null then true end as exception, sla_paused,
    next_deadline, next_warning, due_soon_from, count(*)::int as cases
  from cases group by 1, 2, 3, 4, 5, 6, 7, 8, 9, 10`;
const COUNTED = `select team, status, assignee, service, channel, exception, sla_paused,
    next_deadline, next_warning, due_soon_from, cases from case_counts`;
const NAMED_FROM_ROWS = `select applicant_name_search as name, count(*)::int as cases
  from cases group by 1`;
const NAMED = 'select name, cases from applicant_names';

describe('case counts and applicant names', () => {
  let w: TestWriteSide;
  let running: Awaited<ReturnType<typeof runProjections>>;

  beforeAll(async () => {
    w = await openTestWriteSide('case_counts', { now: '2026-08-01T00:00:00Z' });
    running = await runProjections(w.pool, w.store, w.db.schema, [
      casesProjection(caseTypeRegistry),
    ]);
  });
  afterAll(async () => {
    await running.stop();
    await w.close();
  });

  it('equal a count of the cases rows after varied lifecycles, live and rebuilt', async () => {
    await generateCases(w, 200, 20260522);
    expect(
      await waitForProjections(w.pool, running.names, await w.store.headPosition(), 60_000),
    ).toBe(true);
    const difference = async (expected: string, kept: string) =>
      (
        await w.pool.query<{ n: number }>(
          `select (select count(*) from (${expected} except all ${kept}) a)::int +
                  (select count(*) from (${kept} except all ${expected}) b)::int as n`,
        )
      ).rows[0]!.n;
    expect(await difference(COUNTED_FROM_ROWS, COUNTED)).toBe(0);
    expect(await difference(NAMED_FROM_ROWS, NAMED)).toBe(0);
    const { rows } = await w.pool.query<{ combinations: number; cases: number }>(
      'select count(*)::int as combinations, sum(cases)::int as cases from case_counts',
    );
    // Lifecycles move cases between combinations; none is left counted at zero.
    expect(rows[0]).toEqual({ combinations: expect.any(Number), cases: 200 });
    expect((await w.pool.query('select 1 from case_counts where cases <= 0')).rowCount).toBe(0);

    const projection = running.runners[0]!.projection;
    await rebuildProjection({ pool: w.pool, store: w.store, projection, swap: false });
    for (const table of ['case_counts', 'applicant_names']) {
      expect(await tableDifference(w.pool, table, rebuildTables(projection)[table]!)).toBe(0);
    }
  }, 300_000);
});

import { queuePage, type QueuePageInput } from '../../projections/cases/queue-page';
import {
  caseRow,
  createCasesTablesIn,
  refusedAt,
  resetCases,
  type CasesRow,
} from '../support/case-rows';
import { createTestSchema, type TestSchema } from '../support/database';

const noClock = { next_deadline: null, next_warning: null, due_soon_from: null };

let db: TestSchema;
const page = (input: Partial<QueuePageInput>) =>
  queuePage(db.pool, {
    user: { id: 'alice', teams: ['carer-claims'] },
    today: '2026-03-10',
    first: 100,
    ...input,
  });

beforeAll(async () => {
  db = await createTestSchema('queue_order');
  await createCasesTablesIn(db.pool);
});

afterAll(async () => db.drop());

describe('sorting', () => {
  const rows = {
    urgentLate: caseRow({ priority: 'urgent', next_deadline: '2026-03-30' }),
    urgentEarly: caseRow({ priority: 'urgent', next_deadline: '2026-03-12' }),
    urgentNoDeadline: caseRow({ priority: 'urgent', ...noClock }),
    highEarly: caseRow({
      priority: 'high',
      next_deadline: '2026-03-11',
      received_at: '2026-03-01T08:00:00.000Z',
      last_activity_at: '2026-03-09T12:00:00.000Z',
      reference: 'CSP-2026-900000',
    }),
    lowOld: caseRow({
      priority: 'low',
      next_deadline: '2026-03-12',
      received_at: '2026-02-01T08:00:00.000Z',
      reference: 'AAA-2026-000001',
    }),
  };
  const label = new Map(Object.entries(rows).map(([name, row]) => [row.case_id, name]));
  const order = async (field: string, direction: 'asc' | 'desc') =>
    (await page({ sort: { field, direction } as QueuePageInput['sort'] })).rows.map((r) =>
      label.get(r.caseId),
    );
  beforeAll(() => resetCases(db.pool, Object.values(rows)));

  it('puts the most urgent first: priority, then deadline (none last), then age', async () => {
    expect((await page({})).rows.map((r) => label.get(r.caseId))).toEqual([
      'urgentEarly',
      'urgentLate',
      'urgentNoDeadline',
      'highEarly',
      'lowOld',
    ]);
    expect(await order('priority', 'desc')).toEqual([
      'lowOld',
      'highEarly',
      'urgentEarly',
      'urgentLate',
      'urgentNoDeadline',
    ]);
  });

  it('sorts by deadline either way with cases that have none last', async () => {
    expect(await order('deadline', 'asc')).toEqual([
      'highEarly',
      'urgentEarly',
      'lowOld',
      'urgentLate',
      'urgentNoDeadline',
    ]);
    expect(await order('deadline', 'desc')).toEqual([
      'urgentLate',
      'urgentEarly',
      'lowOld',
      'highEarly',
      'urgentNoDeadline',
    ]);
  });

  it('sorts by when received, last activity and reference', async () => {
    expect((await order('received', 'asc')).slice(0, 2)).toEqual(['lowOld', 'highEarly']);
    expect((await order('received', 'desc')).slice(-2)).toEqual(['highEarly', 'lowOld']);
    expect((await order('lastActivity', 'desc'))[0]).toBe('highEarly');
    expect((await order('reference', 'asc'))[0]).toBe('lowOld');
    expect((await order('reference', 'desc'))[0]).toBe('highEarly');
  });
});

describe('cursor pagination', () => {
  // 120 cases with few distinct sort values, so most rows tie on everything but case id.
  const bulk: CasesRow[] = Array.from({ length: 120 }, (_, i) =>
    caseRow({
      priority: (['urgent', 'high', 'normal', 'low'] as const)[i % 4],
      next_deadline: i % 5 === 0 ? null : `2026-03-${String(11 + (i % 3)).padStart(2, '0')}`,
      received_at: `2026-03-0${1 + (i % 2)}T09:00:00.000Z`,
      last_activity_at: `2026-03-0${1 + (i % 3)}T09:00:00.${String(i % 7).padStart(3, '0')}Z`,
    }),
  );
  // Written independently of the code under test: the order each sort should give.
  const expectedOrder: Record<string, string> = {
    'priority:asc': 'priority_rank, next_deadline nulls last, received_at, case_id',
    'priority:desc': 'priority_rank desc, next_deadline nulls last, received_at, case_id',
    'deadline:asc': 'next_deadline nulls last, priority_rank, received_at, case_id',
    'deadline:desc': 'next_deadline desc nulls last, priority_rank, received_at, case_id',
    'received:asc': 'received_at, case_id',
    'received:desc': 'received_at desc, case_id',
    'lastActivity:asc': 'last_activity_at, case_id',
    'lastActivity:desc': 'last_activity_at desc, case_id',
    'reference:asc': 'reference, case_id',
    'reference:desc': 'reference desc, case_id',
  };
  beforeAll(() => resetCases(db.pool, bulk));

  it.each(Object.keys(expectedOrder))(
    'walks 120 cases 25 at a time in %s order, no case twice and none missed',
    async (spec) => {
      const [field, direction] = spec.split(':') as [string, 'asc' | 'desc'];
      const sort = { field, direction } as QueuePageInput['sort'];
      const seen: string[] = [];
      let after: string | undefined;
      for (let pages = 0; pages < 10; pages++) {
        const result = await page({ sort, first: 25, after });
        expect(result.totalCount).toBe(120);
        seen.push(...result.rows.map((r) => r.caseId));
        if (!result.pageInfo.hasNextPage) break;
        after = result.pageInfo.endCursor ?? undefined;
      }
      const { rows } = await db.pool.query<{ case_id: string }>(
        `select case_id from cases order by ${expectedOrder[spec]}`,
      );
      expect(seen).toEqual(rows.map((r) => r.case_id));
    },
  );

  it('says when there is no next page', async () => {
    const result = await page({ first: 100 });
    expect(result.pageInfo.hasNextPage).toBe(true);
    const last = await page({ first: 100, after: result.pageInfo.endCursor ?? undefined });
    expect(last.rows).toHaveLength(20);
    expect(last.pageInfo.hasNextPage).toBe(false);
  });

  it('refuses a cursor from a list sorted another way', async () => {
    await resetCases(db.pool, [caseRow(), caseRow()]);
    const first = await page({ first: 1 });
    const after = first.pageInfo.endCursor ?? undefined;
    expect(after).toMatch(/^[A-Za-z0-9_-]+$/);
    await expect(
      page({ first: 1, after, sort: { field: 'deadline', direction: 'asc' } }),
    ).rejects.toEqual(refusedAt('after'));
    expect((await page({ first: 1, after })).rows).toHaveLength(1);
  });
});

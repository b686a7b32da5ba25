import { createHash, randomBytes } from 'node:crypto';
import { ValidationFailed } from '../../domain/errors';
import { queuePage, type QueuePageInput } from '../../projections/cases/queue-page';
import { QUEUES, queueCounts, type QueueId } from '../../projections/cases/queues';
import { searchCases } from '../../projections/cases/search';
import { ninoHash } from '../../projections/cases/search-keys';
import { caseRow, createCasesTablesIn, refusedAt, resetCases } from '../support/case-rows';
import { createTestSchema, type TestSchema } from '../support/database';

const today = '2026-03-10';
const alice = { id: 'alice', teams: ['carer-claims', 'student-carers'] };
/** Alice were she in every team: filters are tested over every fixture. */
const inEveryTeam = { ...alice, teams: [...alice.teams, 'earnings-assessment'] };

/** One case for each way a case can be in, or out of, Alice's queues on 10 March 2026. */
const noClock = { next_deadline: null, next_warning: null, due_soon_from: null };
const fixtures = {
  mine: caseRow({ assignee: 'alice', applicant_name: 'Amira Khan', postcode: 'SW1A 1AA' }),
  mineDecided: caseRow({ assignee: 'alice', status: 'decided', outcome: 'awarded', ...noClock }),
  mineElsewhere: caseRow({
    assignee: 'alice',
    team: 'earnings-assessment',
    status: 'awaiting_information',
    sla_paused: true,
    ...noClock,
  }),
  unallocated: caseRow({ assignee: null, status: 'received', team: 'student-carers' }),
  unallocatedElsewhere: caseRow({
    assignee: null,
    team: 'earnings-assessment',
    service: 'waste-carrier-registration',
    reference: 'WCR-2026-000001',
    channel: 'phone',
  }),
  waiting: caseRow({
    assignee: null,
    status: 'awaiting_information',
    sla_paused: true,
    ...noClock,
  }),
  dueSoon: caseRow({
    applicant_name: 'Samantha Taylor-Brown',
    postcode: 'SW1A 2AA',
    next_deadline: '2026-03-13',
    next_warning: '2026-03-11',
    due_soon_from: '2026-03-09',
    channel: 'phone',
  }),
  dueToday: caseRow({
    next_deadline: '2026-03-10',
    next_warning: '2026-03-05',
    due_soon_from: '2026-03-03',
  }),
  overdue: caseRow({
    applicant_name: 'Sam Taylor',
    postcode: 'SW1P 3JS',
    next_deadline: '2026-03-09',
    next_warning: '2026-03-04',
    due_soon_from: '2026-03-02',
  }),
  overdueElsewhere: caseRow({
    team: 'earnings-assessment',
    next_deadline: '2026-03-09',
    next_warning: '2026-03-04',
    due_soon_from: '2026-03-02',
  }),
  approval: caseRow({ status: 'awaiting_approval', ...noClock }),
  exception: caseRow({ exception: 'decision_rejected' }),
  closed: caseRow({ status: 'closed', outcome: 'awarded', ...noClock }),
  plain: caseRow({
    nino_hash: ninoHash('QQ123456C'),
    received_at: '2026-04-01T23:30:00.000Z',
    postcode: 'SW1 1AA',
  }),
};
type Fixture = keyof typeof fixtures;

const membership: Record<QueueId, Fixture[]> = {
  'my-cases': ['mine'],
  'team-unallocated': ['unallocated'],
  'awaiting-information': ['waiting'],
  'due-soon': ['dueSoon', 'dueToday'],
  overdue: ['overdue'],
  'awaiting-approval': ['approval'],
  exceptions: ['exception'],
};

const allBut = (...left: Fixture[]) =>
  (Object.keys(fixtures) as Fixture[]).filter((name) => !left.includes(name));
const nameOf = new Map(Object.entries(fixtures).map(([name, row]) => [row.case_id, name]));
const names = (rows: readonly { caseId: string }[]) => rows.map((r) => nameOf.get(r.caseId));
const sorted = (list: readonly (string | undefined)[]) => [...list].sort();

let db: TestSchema;
const page = (input: Partial<QueuePageInput>) =>
  queuePage(db.pool, { user: alice, today, first: 100, ...input });

beforeAll(async () => {
  db = await createTestSchema('queues');
  await createCasesTablesIn(db.pool);
});

afterAll(async () => db.drop());

describe('queues and filters', () => {
  beforeAll(() => resetCases(db.pool, Object.values(fixtures)));

  it.each(QUEUES.map((q) => q.id))('%s holds exactly the cases it should', async (queue) => {
    const result = await page({ queue });
    expect(sorted(names(result.rows))).toEqual(sorted(membership[queue]));
    expect(result.totalCount).toBe(membership[queue].length);
  });

  it('counts every queue in one query, agreeing with each page total', async () => {
    const counts = await queueCounts(db.pool, { user: alice, today });
    for (const { id } of QUEUES) {
      expect(counts[id]).toBe(membership[id].length);
      expect(counts[id]).toBe((await page({ queue: id })).totalCount);
    }
  });

  it('shows each case in camelCase with its SLA state for today', async () => {
    const { rows } = await page({});
    const state = Object.fromEntries(rows.map((r) => [nameOf.get(r.caseId), r.slaState]));
    expect(state).toMatchObject({
      mine: 'on_track',
      dueSoon: 'on_track',
      dueToday: 'warning',
      overdue: 'overdue',
      waiting: 'paused',
      closed: 'none',
    });
    const { mine } = fixtures;
    expect(rows.find((r) => r.caseId === mine.case_id)).toEqual({
      caseId: mine.case_id,
      reference: mine.reference,
      service: 'carers-support-payment',
      status: 'in_progress',
      stage: 'assessment',
      channel: 'web',
      applicantName: 'Amira Khan',
      postcode: 'SW1A 1AA',
      team: 'carer-claims',
      assignee: 'alice',
      priority: 'normal',
      receivedAt: '2026-03-02T09:00:00.000Z',
      nextDeadline: '2026-03-31',
      nextWarning: '2026-03-26',
      slaState: 'on_track',
      exception: null,
      outcome: null,
      lastActivityAt: '2026-03-02T09:00:00.000Z',
      revision: '0',
    });
  });

  it.each<[string, QueuePageInput['filter'], Fixture[]]>([
    ['service', { service: ['waste-carrier-registration'] }, ['unallocatedElsewhere']],
    ['status', { status: ['awaiting_approval', 'decided'] }, ['approval', 'mineDecided']],
    ['channel', { channel: ['phone'] }, ['unallocatedElsewhere', 'dueSoon']],
    ['team', { team: ['student-carers'] }, ['unallocated']],
    ['assignee', { assignee: ['alice'] }, ['mine', 'mineDecided', 'mineElsewhere']],
    ['SLA state', { slaState: ['overdue'] }, ['overdue', 'overdueElsewhere']],
    ['paused', { slaState: ['paused'] }, ['waiting', 'mineElsewhere']],
    ['no clock', { slaState: ['none'] }, ['mineDecided', 'approval', 'closed']],
    ['received from (a London date)', { receivedFrom: '2026-04-02' }, ['plain']],
    ['received to (inclusive)', { receivedTo: '2026-04-01' }, allBut('plain')],
    ['a day received', { receivedFrom: '2026-04-02', receivedTo: '2026-04-02' }, ['plain']],
    ['warning', { slaState: ['warning'] }, ['dueToday']],
    ['reference prefix', { text: 'wcr-2026' }, ['unallocatedElsewhere']],
    ['part of a name', { text: 'TAYLOR' }, ['dueSoon', 'overdue']],
    ['postcode prefix', { text: 'sw1a' }, ['mine', 'dueSoon']],
    ['whole postcode without its space', { text: 'sw1a1aa' }, ['mine']],
    ['LIKE wildcards taken literally', { text: '%' }, []],
    ['several filters at once', { text: 'taylor', slaState: ['overdue'] }, ['overdue']],
  ])('filters by %s', async (_, filter, expected) => {
    const result = await page({ filter, user: inEveryTeam });
    expect(sorted(names(result.rows))).toEqual(sorted(expected));
    expect(result.totalCount).toBe(expected.length);
  });

  it('filters within a queue', async () => {
    const result = await page({
      queue: 'my-cases',
      filter: { team: ['earnings-assessment'] },
      user: inEveryTeam,
    });
    expect(names(result.rows)).toEqual(['mineElsewhere']);
  });

  it("keeps every list within the reader's teams, whatever the filter asks for", async () => {
    const everything = await page({});
    expect(sorted(names(everything.rows))).toEqual(
      sorted(allBut('mineElsewhere', 'unallocatedElsewhere', 'overdueElsewhere')),
    );
    expect(everything.totalCount).toBe(everything.rows.length);
    for (const queue of [undefined, ...QUEUES.map((q) => q.id)]) {
      const elsewhere = await page({
        ...(queue ? { queue } : {}),
        filter: { team: ['earnings-assessment'] },
      });
      expect({ queue, rows: elsewhere.rows, total: elsewhere.totalCount }).toEqual({
        queue,
        rows: [],
        total: 0,
      });
    }
    const none = await page({ user: { id: 'nobody', teams: [] } });
    expect(none.rows).toEqual([]);
  });
});

describe('search', () => {
  beforeAll(() => resetCases(db.pool, Object.values(fixtures)));
  const search = (query: string) => searchCases(db.pool, { query, today });

  it('finds a reference exactly, whatever its case', async () => {
    const result = await search(` ${fixtures.dueSoon.reference.toLowerCase()} `);
    expect(result.kind).toBe('reference');
    expect(names(result.rows)).toEqual(['dueSoon']);
    expect((await search('CSP-2026-99999999')).rows).toEqual([]);
  });

  it('finds part of a name, closest first', async () => {
    const result = await search('Taylor');
    expect(result.kind).toBe('name');
    expect(fixtures.dueSoon.reference < fixtures.overdue.reference).toBe(true);
    expect(names(result.rows)).toEqual(['overdue', 'dueSoon']);
    expect(names((await search('mira kh')).rows)).toEqual(['mine']);
  });

  it('finds a whole postcode however it is typed, or every postcode in an outward code', async () => {
    expect(await search('sw1a1aa')).toMatchObject({ kind: 'postcode' });
    expect(names((await search('sw1a1aa')).rows)).toEqual(['mine']);
    const outward = await search('SW1A');
    expect(outward.kind).toBe('outward_code');
    expect(sorted(names(outward.rows))).toEqual(['dueSoon', 'mine']);
    expect(names((await search('sw1')).rows)).toEqual(['plain']);
  });

  it('finds a National Insurance number by its keyed hash, and only under the same secret', async () => {
    const result = await search('qq 12 34 56 c');
    expect(result.kind).toBe('nino');
    expect(names(result.rows)).toEqual(['plain']);
    // Not the bare SHA-256 anyone could compute for every NI number there is.
    const bare = createHash('sha256').update('QQ123456C').digest('hex');
    expect(fixtures.plain.nino_hash).not.toBe(bare);
    const another = randomBytes(32);
    expect(ninoHash('QQ123456C', another)).not.toBe(fixtures.plain.nino_hash);
    const underAnother = await searchCases(db.pool, { query: 'QQ123456C', today }, another);
    expect(underAnother.rows).toEqual([]);
  });

  it('refuses an empty query', async () => {
    await expect(search('  ')).rejects.toEqual(refusedAt('query'));
  });
});

describe('refusing bad requests', () => {
  const tampered = Buffer.from(
    JSON.stringify({ sort: 'priority:asc', after: ['0', '2026-02-30', 'x', 'y'] }),
  ).toString('base64url');
  it.each<[string, Partial<QueuePageInput>, (string | number)[]]>([
    ['no cases', { first: 0 }, ['first']],
    ['too many cases', { first: 1000 }, ['first']],
    ['a queue that does not exist', { queue: 'everything' as QueueId }, ['queue']],
    ['a malformed cursor', { after: 'not a cursor!' }, ['after']],
    ['a cursor that decodes to nonsense', { after: 'bm9uc2Vuc2U' }, ['after']],
    ['a cursor with values that cannot be', { after: tampered }, ['after']],
    [
      'dates the wrong way round',
      { filter: { receivedFrom: '2026-03-02', receivedTo: '2026-03-01' } },
      ['filter', 'receivedTo'],
    ],
    ['a filter that does not exist', { filter: { colour: ['red'] } as never }, ['filter']],
  ])('refuses %s, saying which field is wrong', async (_, input, path) => {
    const refused = page(input);
    await expect(refused).rejects.toBeInstanceOf(ValidationFailed);
    await expect(refused).rejects.toEqual(refusedAt(...path));
  });
});

describe("search within the reader's teams", () => {
  // Three cases of one name in one team, one of a longer name in another: a page of two for
  // the other team must reach past the first name, whose cases it cannot see.
  const rows = [
    caseRow({ applicant_name: 'Ann Example', team: 'carer-claims' }),
    caseRow({ applicant_name: 'Ann Example', team: 'carer-claims' }),
    caseRow({ applicant_name: 'Ann Example', team: 'carer-claims' }),
    caseRow({ applicant_name: 'Ann Examples', team: 'student-carers' }),
  ];
  beforeAll(async () => {
    await db.pool.query('truncate applicant_names');
    await resetCases(db.pool, rows);
  });

  it('narrows by team before its limit, so a page is as full as the team allows', async () => {
    const theirs = await searchCases(db.pool, {
      query: 'Ann Example',
      first: 2,
      today,
      teams: ['student-carers'],
    });
    expect(theirs.rows.map((r) => r.caseId)).toEqual([rows[3]!.case_id]);
    const ours = await searchCases(db.pool, {
      query: 'Ann Example',
      first: 2,
      today,
      teams: ['carer-claims'],
    });
    expect(ours.rows).toHaveLength(2);
    expect(ours.rows.every((r) => r.team === 'carer-claims')).toBe(true);
    for (const query of [rows[3]!.reference, 'Ann Examples']) {
      const none = await searchCases(db.pool, { query, today, teams: ['earnings-assessment'] });
      expect(none.rows).toEqual([]);
    }
  });
});

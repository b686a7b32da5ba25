import { openTestApi, type TestApi } from '../support/api';

/**
 * The time-to-decision spread behind the MI page's histogram: final decisions counted in
 * bands of five working days, over the range and filters asked for.
 */
describe('time to decision bands', () => {
  let api: TestApi;
  let owner: string;

  const decision = (n: number, workingDays: number | null, extra: Partial<Row> = {}) => ({
    id: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
    service: 'carers-support-payment',
    channel: 'phone',
    day: '2026-03-10',
    workingDays,
    ...extra,
  });
  type Row = { service: string; channel: string; day: string };

  beforeAll(async () => {
    api = await openTestApi('decision_times');
    owner = await api.staffToken({
      id: 'sian',
      name: 'Sian Lloyd',
      role: 'team_leader',
      teams: [],
    });
    const rows = [
      decision(1, 0),
      decision(2, 4),
      decision(3, 5),
      decision(4, 12, { channel: 'web' }),
      decision(5, 29),
      decision(6, 30),
      decision(7, 61),
      decision(8, null),
      decision(9, 3, { day: '2026-04-01' }),
      decision(10, 3, { service: 'waste-carrier-registration' }),
    ];
    for (const r of rows) {
      await api.pool.query(
        `insert into mi_decisions (decision_event_id, case_id, service, channel, day, outcome, granted,
           submitted_at, decided_at, working_days)
         values ($1, $1, $2, $3, $4, 'awarded', true, now(), now(), $5)`,
        [r.id, r.service, r.channel, r.day, r.workingDays],
      );
    }
  });
  afterAll(async () => api.close());

  const bands = async (filters: string) => {
    const result = await api.graphql(
      owner,
      `{ timeToDecision(from: "2026-03-01", to: "2026-03-31"${filters}) { fromWorkingDays toWorkingDays decisions } }`,
    );
    expect(result.errors).toBeUndefined();
    return (result.data as { timeToDecision: { decisions: number }[] }).timeToDecision;
  };

  it('counts decisions in five-working-day bands, the last open-ended', async () => {
    expect(await bands(', service: "carers-support-payment"')).toEqual([
      { fromWorkingDays: 0, toWorkingDays: 4, decisions: 2 },
      { fromWorkingDays: 5, toWorkingDays: 9, decisions: 1 },
      { fromWorkingDays: 10, toWorkingDays: 14, decisions: 1 },
      { fromWorkingDays: 15, toWorkingDays: 19, decisions: 0 },
      { fromWorkingDays: 20, toWorkingDays: 24, decisions: 0 },
      { fromWorkingDays: 25, toWorkingDays: 29, decisions: 1 },
      { fromWorkingDays: 30, toWorkingDays: null, decisions: 2 },
    ]);
  });

  it('filters by channel and covers every service when none is chosen', async () => {
    expect((await bands(', channel: web')).map((b) => b.decisions)).toEqual([0, 0, 1, 0, 0, 0, 0]);
    expect((await bands('')).map((b) => b.decisions)).toEqual([3, 1, 1, 0, 0, 1, 2]);
  });

  it('refuses a range that ends before it starts, as the rest of MI does', async () => {
    const result = await api.graphql(
      owner,
      '{ timeToDecision(from: "2026-03-31", to: "2026-03-01") { decisions } }',
    );
    expect(result.errors![0]!.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      fieldErrors: [{ path: ['to'], message: 'End on or after from' }],
    });
  });
});

import { caseTypeRegistry } from '../../domain/case-types';
import waste from '../../domain/case-types/waste-carrier-registration';
import { ValidationFailed } from '../../domain/errors';
import { CASE_STREAM_PREFIX, startStreamId } from '../../domain/events';
import { clocksOf } from '../../domain/sla-clocks';
import { asCaseEvent } from '../../eventstore/case-history';
import { nameBasedId } from '../../eventstore/ids';
import type { StoredEvent } from '../../eventstore/port';
import { recordApplicationStarted } from '../../eventstore/starts';
import {
  channelShares,
  completionRate,
  costPerTransaction,
  DEFAULT_UNIT_COSTS,
  satisfaction,
} from '../../projections/mi/kpis';
import { miProjection } from '../../projections/mi/projection';
import {
  managementInformation,
  miQuerySchema,
  miTotals,
  type MiDay,
} from '../../projections/mi/queries';
import { liveTables, type Tables } from '../../projections/projection';
import {
  expectedHandMade,
  handMadeCases,
  handMadeIds,
  percentileCont,
} from '../support/mi-hand-made';
import { generateCases, webForms } from '../support/mi-lifecycles';

/** The intake's now: after every day the cases below are made on. */
const LATER = '2026-08-01T00:00:00Z';
import { openTestWriteSide, type TestWriteSide } from '../support/runtime';

const projection = miProjection(caseTypeRegistry);
const ALL = { from: '2026-05-01', to: '2026-07-31', unitCosts: DEFAULT_UNIT_COSTS };
const keyOf = (r: { service: string; channel: string; day: string }) =>
  `${r.service}|${r.channel}|${r.day}`;

/** The London date of an event, straight from the raw log. */
const dayOf = (alias: string) =>
  `to_char(((${alias}.metadata->>'occurredAt')::timestamptz at time zone 'Europe/London')::date, 'YYYY-MM-DD')`;

/** Every counted fact, by plain SQL over the raw events: one row per service, channel, day, kind. */
const RAW_COUNTS = `
with subs as (
  select stream_id, data->>'caseTypeId' as service, data->>'channel' as channel
  from events where type = 'ApplicationSubmitted'
), approved as (
  select a.stream_id, a.metadata, r.data->>'outcome' as outcome
  from events a join events r on r.stream_id = a.stream_id and r.type = 'DecisionRecorded'
    and r.data->>'decisionId' = a.data->>'decisionId'
  where a.type = 'DecisionApproved'
), facts as (
  select data->>'service' as service, data->>'channel' as channel, ${dayOf('e')} as day,
    'started' as kind
  from events e where type = 'ApplicationStarted'
  union all
  select data->>'caseTypeId', data->>'channel', ${dayOf('e')}, 'started'
  from events e where type = 'ApplicationSubmitted' and data->>'channel' <> 'web'
  union all
  select data->>'caseTypeId', data->>'channel', ${dayOf('e')}, 'submitted'
  from events e where type = 'ApplicationSubmitted'
  union all
  select s.service, s.channel, ${dayOf('e')},
    case e.type when 'CaseClosed' then 'completed' when 'ApplicationWithdrawn' then 'withdrawn'
      else 'rated_' || (e.data->>'rating') end
  from events e join subs s using (stream_id)
  where e.type in ('CaseClosed', 'ApplicationWithdrawn', 'SatisfactionRecorded')
  union all
  select s.service, s.channel, ${dayOf('e')}, 'outcome:' || (e.data->>'outcome')
  from events e join subs s using (stream_id)
  where e.type = 'DecisionRecorded' and not (e.data->>'needsApproval')::boolean
  union all
  select s.service, s.channel, ${dayOf('a')}, 'outcome:' || a.outcome
  from approved a join subs s using (stream_id)
)
select service, channel, day, kind, count(*)::int as n from facts group by 1, 2, 3, 4`;

/** Percentiles of hours from submission to final decision, by plain SQL over the raw events. */
const RAW_HOURS = `
with subs as (
  select stream_id, data->>'caseTypeId' as service, data->>'channel' as channel,
    (data->>'submittedAt')::timestamptz as submitted_at
  from events where type = 'ApplicationSubmitted'
), finals as (
  select stream_id, metadata from events e
  where (type = 'DecisionRecorded' and not (data->>'needsApproval')::boolean)
    or type = 'DecisionApproved'
)
select service, channel, ${dayOf('f')} as day,
  percentile_cont(0.5) within group (order by extract(epoch from
    (f.metadata->>'occurredAt')::timestamptz - s.submitted_at)::float8 / 3600) as p50,
  percentile_cont(0.9) within group (order by extract(epoch from
    (f.metadata->>'occurredAt')::timestamptz - s.submitted_at)::float8 / 3600) as p90
from finals f join subs s using (stream_id) group by 1, 2, 3`;

interface Counts {
  started: number;
  submitted: number;
  completed: number;
  withdrawn: number;
  decisionsByOutcome: Record<string, number>;
  satisfactionRatings: number[];
}

const emptyCounts = (): Counts => ({
  started: 0,
  submitted: 0,
  completed: 0,
  withdrawn: 0,
  decisionsByOutcome: {},
  satisfactionRatings: [0, 0, 0, 0, 0],
});

const countsOf = (r: MiDay): Counts => ({
  started: r.started,
  submitted: r.submitted,
  completed: r.completed,
  withdrawn: r.withdrawn,
  decisionsByOutcome: r.decisionsByOutcome,
  satisfactionRatings: r.satisfactionRatings,
});

const isEmpty = (c: Counts) => JSON.stringify(c) === JSON.stringify(emptyCounts());

describe('management information', () => {
  let w: TestWriteSide;
  let events: StoredEvent[];
  const tablesFor = (batchSize: number): Tables =>
    batchSize === 500
      ? liveTables(projection)
      : Object.fromEntries(projection.tables.map((name) => [name, `${name}_b${batchSize}`]));

  const applyInBatches = async (batchSize: number) => {
    const t = tablesFor(batchSize);
    await w.pool.query(projection.createTables(t));
    for (let i = 0; i < events.length; i += batchSize) {
      const tx = await w.pool.connect();
      try {
        await tx.query('begin');
        await projection.apply(tx, events.slice(i, i + batchSize), t);
        await tx.query('commit');
      } catch (error) {
        await tx.query('rollback');
        throw error;
      } finally {
        tx.release();
      }
    }
  };

  beforeAll(async () => {
    w = await openTestWriteSide('mi', { now: LATER });
    await generateCases(w, 300, 20260520);
    await handMadeCases(w);
    events = [];
    for await (const e of w.store.readAll()) events.push(e);
    for (const size of [1, 7, 500]) await applyInBatches(size);
  }, 300_000);
  afterAll(async () => w.close());

  it('gives the same tables whatever the batch size', async () => {
    const contents = async (t: Tables) =>
      Promise.all(
        projection.tables.map(async (name) => {
          const { rows } = await w.pool.query(
            `select jsonb_agg(to_jsonb(x) order by to_jsonb(x)::text) as rows from ${t[name]} x`,
          );
          return rows[0].rows;
        }),
      );
    const live = await contents(tablesFor(500));
    expect(live.every((rows) => Array.isArray(rows) && rows.length > 0)).toBe(true);
    expect(await contents(tablesFor(1))).toEqual(live);
    expect(await contents(tablesFor(7))).toEqual(live);
  });

  it('draws on a sample that exercises every lifecycle and the London-date rule', () => {
    const byType = new Map<string, StoredEvent[]>();
    for (const e of events) byType.set(e.type, [...(byType.get(e.type) ?? []), e]);
    const lifecycle = [
      'ApplicationStarted',
      'ApplicationSubmitted',
      'CaseTriaged',
      'CaseAssigned',
      'ClockExtended',
      'InformationRequested',
      'InformationReceived',
      'DocumentAttached',
      'DecisionRecorded',
      'DecisionApproved',
      'DecisionRejected',
      'CaseClosed',
      'CaseReopened',
      'ApplicationWithdrawn',
      'SatisfactionRecorded',
    ];
    const scarce = lifecycle.filter((type) => (byType.get(type)?.length ?? 0) < 5);
    expect(scarce).toEqual([]);
    // Between 23:00 and midnight UTC in summer it is already the next day in London.
    const nextDayInLondon = events.filter(
      (e) => new Date(e.metadata.occurredAt).getUTCHours() === 23,
    );
    expect(new Set(nextDayInLondon.map((e) => e.type)).size).toBeGreaterThanOrEqual(5);
    expect(nextDayInLondon.filter((e) => e.type === 'ApplicationSubmitted').length).toBeGreaterThan(
      10,
    );
  });

  it('reconciles every count exactly with plain SQL over the raw events', async () => {
    const expected = new Map<string, Counts>();
    const { rows } = await w.pool.query<{
      service: string;
      channel: string;
      day: string;
      kind: string;
      n: number;
    }>(RAW_COUNTS);
    for (const r of rows) {
      const counts = expected.get(keyOf(r)) ?? emptyCounts();
      expected.set(keyOf(r), counts);
      if (r.kind.startsWith('outcome:')) counts.decisionsByOutcome[r.kind.slice(8)] = r.n;
      else if (r.kind.startsWith('rated_')) counts.satisfactionRatings[Number(r.kind[6]) - 1] = r.n;
      else counts[r.kind as 'started' | 'submitted' | 'completed' | 'withdrawn'] = r.n;
    }
    const mi = await managementInformation(w.pool, ALL);
    const actual = mi.map((r) => [keyOf(r), countsOf(r)] as const).filter(([, c]) => !isEmpty(c));
    expect(Object.fromEntries(actual)).toEqual(Object.fromEntries(expected));
    for (const r of mi) {
      const granted = Object.entries(r.decisionsByOutcome)
        .filter(
          ([o]) => caseTypeRegistry.byId(r.service)!.outcomes.find((x) => x.id === o)!.granted,
        )
        .reduce((sum, [, n]) => sum + n, 0);
      expect(r.granted).toBe(granted);
      expect(r.decisions).toBe(Object.values(r.decisionsByOutcome).reduce((a, b) => a + b, 0));
    }
  });

  it('counts a submission just after midnight London time on the London date, not the UTC one', async () => {
    const mi = await managementInformation(w.pool, {
      ...ALL,
      from: '2026-07-01',
      to: '2026-07-31',
      service: waste.id,
      channel: 'phone',
    });
    expect(mi.find((r) => r.day === '2026-07-01')).toBeUndefined();
    expect(mi.find((r) => r.day === '2026-07-02')).toMatchObject({ submitted: 4, started: 4 });
  });

  it('works out hours to decision percentiles as plain SQL over the raw events does', async () => {
    const { rows } = await w.pool.query<{
      service: string;
      channel: string;
      day: string;
      p50: number;
      p90: number;
    }>(RAW_HOURS);
    const mi = new Map((await managementInformation(w.pool, ALL)).map((r) => [keyOf(r), r]));
    expect(rows.length).toBeGreaterThan(20);
    for (const r of rows) {
      expect(mi.get(keyOf(r))!.hoursToDecisionP50).toBeCloseTo(r.p50, 9);
      expect(mi.get(keyOf(r))!.hoursToDecisionP90).toBeCloseTo(r.p90, 9);
    }
    expect([...mi.values()].filter((r) => r.decisions > 0)).toHaveLength(rows.length);
  });

  it('counts each clock stop once, met or missed, leaving out withdrawn clocks', async () => {
    const histories = new Map<string, StoredEvent[]>();
    for (const e of events.filter((e) => e.streamId.startsWith(CASE_STREAM_PREFIX))) {
      histories.set(e.streamId, [...(histories.get(e.streamId) ?? []), e]);
    }
    const expected = new Map<string, { clocksStopped: number; clocksMet: number }>();
    for (const history of histories.values()) {
      const { caseTypeId, channel } = history[0]!.data as { caseTypeId: string; channel: string };
      const clocks = clocksOf(
        caseTypeRegistry.byId(caseTypeId)!,
        history.map((e) => ({ event: asCaseEvent(e)!, occurredAt: e.metadata.occurredAt })),
      );
      for (const c of clocks.filter((c) => c.stoppedOn !== null && !c.withdrawn)) {
        const key = keyOf({ service: caseTypeId, channel, day: c.stoppedOn! });
        const sum = expected.get(key) ?? { clocksStopped: 0, clocksMet: 0 };
        expected.set(key, {
          clocksStopped: sum.clocksStopped + 1,
          clocksMet: sum.clocksMet + (c.met ? 1 : 0),
        });
      }
    }
    const actual = (await managementInformation(w.pool, ALL))
      .filter((r) => r.clocksStopped > 0)
      .map((r) => [keyOf(r), { clocksStopped: r.clocksStopped, clocksMet: r.clocksMet }] as const);
    expect(Object.fromEntries(actual)).toEqual(Object.fromEntries(expected));
  });

  it('works out take-up, completion and cost per transaction from the counts', async () => {
    const mi = await managementInformation(w.pool, ALL);
    const byServiceDay = new Map<string, Record<string, number>>();
    for (const r of mi) {
      const key = `${r.service}|${r.day}`;
      byServiceDay.set(key, { ...byServiceDay.get(key), [r.channel]: r.submitted });
    }
    for (const r of mi) {
      const mix = byServiceDay.get(`${r.service}|${r.day}`)!;
      const total = Object.values(mix).reduce((a, b) => a + b, 0);
      expect(r.digitalTakeUp).toBe(total === 0 ? null : (mix.web ?? 0) / total);
      expect(r.assistedDigitalShare).toBe(total === 0 ? null : (mix.assisted_digital ?? 0) / total);
      expect(r.completionRate).toBe(r.started === 0 ? null : r.submitted / r.started);
      expect(r.slaMetRate).toBe(r.clocksStopped === 0 ? null : r.clocksMet / r.clocksStopped);
    }
    // Filtering to one channel still describes the service's whole mix.
    const web = await managementInformation(w.pool, { ...ALL, channel: 'web' });
    for (const r of web) {
      expect(r.digitalTakeUp).toBe(mi.find((m) => keyOf(m) === keyOf(r))!.digitalTakeUp);
    }
  });

  it('sums days into totals over the range', async () => {
    const days = await managementInformation(w.pool, ALL);
    const totals = await miTotals(w.pool, ALL);
    for (const t of totals) {
      const mine = days.filter((d) => d.service === t.service && d.channel === t.channel);
      const sum = (pick: (d: MiDay) => number) => mine.reduce((s, d) => s + pick(d), 0);
      expect(t.started).toBe(sum((d) => d.started));
      expect(t.submitted).toBe(sum((d) => d.submitted));
      expect(t.completed).toBe(sum((d) => d.completed));
      expect(t.decisions).toBe(sum((d) => d.decisions));
      expect(t.clocksMet).toBe(sum((d) => d.clocksMet));
      expect(t.satisfactionResponses).toBe(sum((d) => d.satisfactionResponses));
    }
    expect(totals.length).toBe(caseTypeRegistry.all.length * 4);
  });

  it('measures time to decision and service levels of hand-made cases as worked out by hand', async () => {
    const totals = await miTotals(w.pool, {
      ...ALL,
      from: '2026-07-01',
      to: '2026-07-31',
      service: waste.id,
    });
    expect(totals).toHaveLength(1);
    const expected = expectedHandMade();
    expect(expected.hours).toEqual([479, 460, 476]);
    expect(expected.clockResults.filter((c) => c.met)).toHaveLength(4);
    expect(totals[0]).toMatchObject({
      service: waste.id,
      channel: 'phone',
      submitted: 4,
      started: 4,
      withdrawn: 1,
      decisions: 3,
      granted: 2,
      decisionsByOutcome: { registered: 2, refused: 1 },
      clocksStopped: expected.clockResults.length,
      clocksMet: expected.clockResults.filter((c) => c.met).length,
      completionRate: 1,
      digitalTakeUp: 0,
      assistedDigitalShare: 0,
      costPerTransaction: DEFAULT_UNIT_COSTS.phone,
    });
    expect(totals[0]!.hoursToDecisionP50).toBeCloseTo(percentileCont(expected.hours, 0.5), 9);
    expect(totals[0]!.hoursToDecisionP90).toBeCloseTo(percentileCont(expected.hours, 0.9), 9);
    expect(totals[0]!.workingDaysToDecisionP50).toBeCloseTo(
      percentileCont(expected.workingDays, 0.5),
      9,
    );
    expect(totals[0]!.workingDaysToDecisionP90).toBeCloseTo(
      percentileCont(expected.workingDays, 0.9),
      9,
    );
    const keys = new Map([...handMadeIds].map(([key, caseId]) => [caseId, key]));
    const { rows } = await w.pool.query<{
      case_id: string;
      clock: string;
      day: string;
      deadline: string;
      met: boolean;
    }>(
      `select case_id, clock, to_char(day, 'YYYY-MM-DD') as day,
         to_char(deadline_on, 'YYYY-MM-DD') as deadline, met
       from mi_clock_results where case_id = any($1::uuid[]) order by case_id, clock`,
      [[...handMadeIds.values()]],
    );
    const byCaseAndClock = (a: { key: string; clock: string }, b: { key: string; clock: string }) =>
      `${a.key} ${a.clock}`.localeCompare(`${b.key} ${b.clock}`);
    expect(
      rows.map(({ case_id, ...r }) => ({ key: keys.get(case_id)!, ...r })).sort(byCaseAndClock),
    ).toEqual([...expected.clockResults].sort(byCaseAndClock));
  });
});

describe('application starts', () => {
  let w: TestWriteSide;
  beforeAll(async () => {
    w = await openTestWriteSide('starts', { now: LATER });
  });
  afterAll(async () => w.close());

  it('records a start once per start key, and refuses an unknown service', async () => {
    const start = {
      service: waste.id,
      channel: 'web',
      startKey: 'session-42',
      actor: webForms,
      startedAt: '2026-06-01T22:30:00Z',
    } as const;
    const first = await recordApplicationStarted(w, start);
    const again = await recordApplicationStarted(w, start);
    expect(again.startId).toBe(first.startId);
    expect(first.startId).toBe(nameBasedId('start', webForms.id, 'session-42'));
    const stored: StoredEvent[] = [];
    for await (const e of w.store.readStream(startStreamId(first.startId))) stored.push(e);
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({
      type: 'ApplicationStarted',
      schemaVersion: 1,
      data: { service: waste.id, channel: 'web', startedAt: start.startedAt },
      metadata: { actor: webForms, channel: 'web', occurredAt: start.startedAt },
    });
    const refused = await recordApplicationStarted(w, { ...start, service: 'dog-licence' }).catch(
      (e: unknown) => e,
    );
    expect(refused).toBeInstanceOf(ValidationFailed);
    expect((refused as ValidationFailed).errors[0]!.path).toEqual(['service']);
  });
});

describe('management information ratios', () => {
  it('divides submitted by started for completion, and has none without starts', () => {
    expect(completionRate(3, 4)).toBe(0.75);
    expect(completionRate(5, 4)).toBe(1.25);
    expect(completionRate(0, 0)).toBeNull();
  });

  it('counts only web as digital take-up, and assisted digital as its own share', () => {
    expect(channelShares({ web: 6, phone: 1, post: 1, assisted_digital: 2 })).toEqual({
      digitalTakeUp: 0.6,
      assistedDigitalShare: 0.2,
    });
    expect(channelShares({ phone: 2 })).toEqual({ digitalTakeUp: 0, assistedDigitalShare: 0 });
    expect(channelShares({})).toEqual({ digitalTakeUp: null, assistedDigitalShare: null });
  });

  it('averages the unit cost of each channel over every transaction', () => {
    const costs = { web: 0.5, phone: 6.5, post: 9.25, assisted_digital: 4 };
    expect(costPerTransaction({ web: 3, phone: 1 }, costs)).toBe(2);
    expect(costPerTransaction({ post: 2, assisted_digital: 2 }, costs)).toBe(6.625);
    expect(costPerTransaction({}, costs)).toBeNull();
  });

  it('summarises satisfaction answers', () => {
    expect(satisfaction([1, 0, 0, 1, 2])).toEqual({
      satisfactionResponses: 4,
      satisfactionAverage: 3.75,
      satisfiedRate: 0.75,
    });
    expect(satisfaction([0, 0, 0, 0, 0])).toEqual({
      satisfactionResponses: 0,
      satisfactionAverage: null,
      satisfiedRate: null,
    });
  });

  it('accepts a range of up to 366 days, from before to', () => {
    const query = { unitCosts: DEFAULT_UNIT_COSTS };
    expect(
      miQuerySchema.safeParse({ ...query, from: '2024-01-01', to: '2024-12-31' }).success,
    ).toBe(true);
    expect(
      miQuerySchema.safeParse({ ...query, from: '2024-01-01', to: '2025-01-01' }).success,
    ).toBe(false);
    expect(
      miQuerySchema.safeParse({ ...query, from: '2024-02-02', to: '2024-02-01' }).success,
    ).toBe(false);
    expect(
      miQuerySchema.safeParse({ ...query, from: '2024-02-01', to: '2024-02-01' }).success,
    ).toBe(true);
    expect(
      miQuerySchema.safeParse({ ...query, from: '2024-02-01', to: '2024-02-01', channel: 'fax' })
        .success,
    ).toBe(false);
  });
});

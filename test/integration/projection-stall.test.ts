import carers from '../../domain/case-types/carers-support-payment';
import { submitApplication } from '../../eventstore/intake';
import type { StoredEvent } from '../../eventstore/port';
import { allProjections } from '../../projections';
import type { Projection } from '../../projections/projection';
import { readStall, readStalls, requestResume } from '../../projections/stalls';
import { caseTypeRegistry } from '../../domain/case-types';
import { openTestApi, type TestApi } from '../support/api';
import { expectCaughtUp } from '../support/caught-up';
import { eventually } from '../support/eventually';
import { runProjections } from '../support/projections';
import { appendUnstorableName } from '../support/unstorable';

/**
 * One event a projection cannot apply — written straight into the log, past the intake
 * that now refuses it, as a bug in a future release might — stops that projection only:
 * the stall is recorded and reported (log, /health/projections, /metrics, GraphQL), every
 * other projection and /health/ready carry on, and the projection resumes by itself once a
 * corrected release runs, or when asked after a fix.
 */
describe('a projection that cannot apply an event', () => {
  let api: TestApi;
  const logged: string[] = [];
  const log = (message: string) => logged.push(message);

  beforeAll(async () => {
    api = await openTestApi('stall');
  });
  afterAll(async () => api.close());
  const runs: { stop(): Promise<unknown> }[] = [];
  afterEach(async () => {
    await Promise.all(runs.splice(0).map((r) => r.stop()));
  });
  const run = async (projections?: Projection[]) => {
    const running = await runProjections(api.pool, api.store, api.db.schema, projections, log, {
      info: log,
    });
    runs.push(running);
    return running;
  };

  const submit = (key: string) =>
    submitApplication(api, {
      service: carers.id,
      channel: 'web',
      answers: carers.example,
      idempotencyKey: key,
      actor: { id: 'council-forms', role: 'integrator' },
    });

  /** The cases projection as a corrected release would have it: it stores what it can. */
  const wellFormed = (value: unknown): unknown =>
    typeof value === 'string'
      ? value.toWellFormed()
      : Array.isArray(value)
        ? value.map(wellFormed)
        : value && typeof value === 'object'
          ? Object.fromEntries(Object.entries(value).map(([k, v]) => [k, wellFormed(v)]))
          : value;
  const corrected = (projection: Projection): Projection => ({
    ...projection,
    apply: (tx, events, t) =>
      projection.apply(
        tx,
        events.map((e) => ({ ...e, data: wellFormed(e.data) as StoredEvent['data'] })),
        t,
      ),
  });

  const casesRows = async () =>
    (
      await api.pool.query<{ reference: string }>('select reference from cases order by reference')
    ).rows.map((r) => r.reference);

  it('stalls only that projection, says so everywhere, and resumes once the fix runs', async () => {
    const before = await submit('before');
    const bad = await appendUnstorableName(api.store);
    const after = await submit('after');
    const running = await run();

    const stall = await eventually(
      () => readStall(api.pool, 'cases'),
      'the cases projection to stall',
    );
    expect(stall).toMatchObject({
      name: 'cases',
      eventId: bad.id,
      eventType: 'ApplicationSubmitted',
      position: bad.position,
      attempts: 3,
    });
    expect(stall.error).not.toContain('Lone');
    // Everything before the bad event is in; nothing after it is, and nothing is skipped.
    expect(await casesRows()).toEqual([before.reference]);
    // The other read models carry on to the head.
    await expectCaughtUp(api.pool, api.store, ['timeline', 'mi']);
    expect((await readStalls(api.pool)).map((s) => s.name)).toEqual(['cases']);

    const stallLines = logged.filter((line) => line.includes('stalled'));
    expect(stallLines).toHaveLength(1);
    expect(stallLines[0]).toContain(`projection cases stalled on event ${bad.id}`);
    expect(stallLines[0]).toContain('casework projections resume cases');

    const server = await api.anotherServer({
      projections: { store: api.eventLog, list: allProjections(caseTypeRegistry) },
    });
    expect((await server.inject('/health/ready')).statusCode).toBe(200);
    const health = await server.inject('/health/projections');
    expect(health.statusCode).toBe(503);
    expect(health.json().problems).toEqual([`cases is stalled on event ${bad.id}`]);
    const metrics = (await server.inject('/metrics')).body;
    expect(metrics).toContain('casework_projection_stalled{projection="cases"} 1');
    expect(metrics).toContain('casework_projection_stalled{projection="timeline"} 0');
    const admin = await api.staffToken({ id: 'ada', name: 'Ada', role: 'admin', teams: [] });
    const read = await server.inject({
      method: 'POST',
      url: '/graphql',
      headers: { authorization: `Bearer ${admin}`, 'content-type': 'application/json' },
      payload: { query: '{ readModelHealth { name stall { eventId eventType attempts } } }' },
    });
    expect(read.json().data.readModelHealth).toContainEqual({
      name: 'cases',
      stall: { eventId: bad.id, eventType: 'ApplicationSubmitted', attempts: 3 },
    });

    // A corrected release starts: the projection gets past the event by itself.
    await running.stop();
    const fixed = allProjections(caseTypeRegistry).map((p) =>
      p.name === 'cases' ? corrected(p) : p,
    );
    const again = await run(fixed);
    await expectCaughtUp(api.pool, api.store, again.names);
    expect(await casesRows()).toEqual(
      [before.reference, 'CSP-2026-999999', after.reference].sort(),
    );
    expect(logged.some((line) => line.includes(`projection cases resumed`))).toBe(true);
    expect((await server.inject('/health/projections')).statusCode).toBe(200);
  });

  it('resumes when asked, once what it stalled on is fixed, without a restart', async () => {
    let broken = true;
    const flaky: Projection = {
      name: 'flaky',
      version: 1,
      tables: [],
      createTables: () => 'select 1',
      createIndexes: () => 'select 1',
      apply: async () => {
        if (broken) throw new TypeError('Cannot read properties of undefined');
      },
    };
    await submit('for-flaky');
    await run([flaky]);
    await eventually(() => readStall(api.pool, 'flaky'), 'the flaky projection to stall');
    broken = false;
    expect(await requestResume(api.pool, 'flaky')).toBe(true);
    await expectCaughtUp(api.pool, api.store, ['flaky']);
    expect(await requestResume(api.pool, 'flaky')).toBe(false);
  });
});

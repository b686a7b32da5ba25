import { Client } from 'pg';
import { initialCaseState } from '../../domain/case-state';
import carers from '../../domain/case-types/carers-support-payment';
import { decide } from '../../domain/decide';
import { caseStreamId } from '../../domain/events';
import { seed } from '../../cli/commands/seed';
import { executeCaseCommand, toNewEvents } from '../../eventstore/case-commands';
import { nameBasedId } from '../../eventstore/ids';
import { submitApplication } from '../../eventstore/intake';
import { connectionConfig, createPool } from '../../eventstore/postgres/database';
import { PostgresEventStore } from '../../eventstore/postgres';
import { protect } from '../../eventstore/personal-data/protected-store';
import { ninoHash } from '../../projections/cases/search-keys';
import { waitForProjections } from '../../projections/checkpoints';
import { rebuildProjection } from '../../projections/rebuild';
import { rebuildTables } from '../../projections/projection';
import { runProjections, tableDifference } from '../support/projections';
import { openTestWriteSide, type TestWriteSide } from '../support/runtime';

const web = { id: 'web-form', role: 'integrator' };

describe('projections', () => {
  let w: TestWriteSide;
  let running: Awaited<ReturnType<typeof runProjections>>;
  const caughtUp = async () =>
    waitForProjections(w.pool, running.names, await w.store.headPosition(), 60_000);

  beforeAll(async () => {
    w = await openTestWriteSide('projections');
    running = await runProjections(w.pool, w.store, w.db.schema);
  });
  afterAll(async () => {
    await running.stop();
    await w.close();
  });

  it('shows a submission in the queue, case view and audit trail once caught up to its position', async () => {
    const submitted = await submitApplication(w, {
      service: carers.id,
      channel: 'phone',
      answers: carers.example,
      idempotencyKey: 'rw-1',
      actor: { id: 'aisha.khan', role: 'caseworker' },
      submittedAt: '2026-03-02T09:15:00Z',
    });
    expect(await waitForProjections(w.pool, running.names, submitted.position, 10_000)).toBe(true);
    const { rows } = await w.pool.query('select * from cases where case_id = $1', [
      submitted.caseId,
    ]);
    expect(rows[0]).toMatchObject({
      reference: submitted.reference,
      status: 'received',
      stage: expect.any(String),
      channel: 'phone',
      applicant_name: 'Morag Sample',
      postcode: 'G12 8QQ',
      nino_hash: ninoHash('AB123456C'),
      team: 'carer-claims',
      assignee: null,
      revision: '0',
    });
    expect(rows[0].clocks).toHaveLength(carers.sla.length);
    const view = (
      await w.pool.query('select view from case_views where case_id = $1', [submitted.caseId])
    ).rows[0].view;
    expect(view.personal.nationalInsuranceNumber).toBe('AB123456C');
    const timeline = (
      await w.pool.query('select * from case_timeline where case_id = $1', [submitted.caseId])
    ).rows;
    expect(timeline).toHaveLength(1);
    expect(timeline[0]).toMatchObject({
      actor_id: 'aisha.khan',
      actor_role: 'caseworker',
      channel: 'phone',
      type: 'ApplicationSubmitted',
    });

    const amended = await executeCaseCommand(
      w,
      submitted.caseId,
      {
        type: 'AmendAnswers',
        actor: { id: 'aisha.khan', role: 'caseworker' },
        at: '2026-03-03T10:00:00Z',
        changes: { lastName: 'Sample-Reid' },
        reason: 'Married name',
      },
      { commandId: 'rw-amend' },
    );
    expect(await waitForProjections(w.pool, running.names, amended.position!, 10_000)).toBe(true);
    expect(
      (
        await w.pool.query('select applicant_name from cases where case_id = $1', [
          submitted.caseId,
        ])
      ).rows[0].applicant_name,
    ).toBe('Morag Sample-Reid');
    const audit = (
      await w.pool.query('select changes from case_timeline where case_id = $1 and revision = 1', [
        submitted.caseId,
      ])
    ).rows[0];
    expect(audit.changes).toEqual([
      {
        field: 'lastName',
        label: expect.any(String),
        before: 'Sample',
        after: 'Sample-Reid',
        personal: true,
      },
    ]);
  });

  it('never skips an event while writers commit around a transaction held open', async () => {
    const held = new Client(
      connectionConfig(w.db.url, { options: `-c search_path=${w.db.schema}` }),
    );
    await held.connect();
    await held.query('begin');
    const caseId = nameBasedId('held-open-case');
    const events = decide(
      {
        type: 'SubmitApplication',
        actor: web,
        at: '2026-03-02T09:00:00Z',
        caseId,
        reference: 'CSP-2026-900001',
        caseTypeId: carers.id,
        channel: 'web',
        answers: carers.example,
        submittedAt: '2026-03-02T09:00:00Z',
        keyedBy: null,
        externalReference: null,
        fingerprint: 'held',
      },
      initialCaseState(),
      carers,
    );
    const metadata = {
      actor: web,
      channel: 'web' as const,
      correlationId: caseId,
      causationId: null,
      occurredAt: '2026-03-02T09:00:00Z',
    };
    await w.eventLog.appendWithin(
      held,
      caseStreamId(caseId),
      toNewEvents(events, () => nameBasedId('held-event'), metadata),
      'no_stream',
    );
    const others = await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        submitApplication(w, {
          service: carers.id,
          channel: 'web',
          answers: carers.example,
          idempotencyKey: `around-${i}`,
          actor: web,
        }),
      ),
    );
    await held.query('commit');
    await held.end();
    w.eventLog.notifyAppended();
    expect(await caughtUp()).toBe(true);
    const ids = [caseId, ...others.map((o) => o.caseId)];
    const { rows } = await w.pool.query(
      'select count(*)::int as n from cases where case_id = any($1::uuid[])',
      [ids],
    );
    expect(rows[0].n).toBe(31);
    const counts = await w.pool.query(
      `select (select count(*) from events where stream_id like 'case-%')::int as events, (select count(*) from case_timeline)::int as timeline`,
    );
    expect(counts.rows[0].timeline).toBe(counts.rows[0].events);
  });

  it('rebuilds to exactly the live state after 10,000 seeded cases, then swaps with no pause', async () => {
    await seed(w, { cases: 10_000, seed: 11, concurrency: 16, quiet: true });
    expect(await caughtUp()).toBe(true);
    for (const runner of running.runners) {
      const projection = runner.projection;
      await rebuildProjection({ pool: w.pool, store: w.store, projection, swap: false });
      const next = rebuildTables(projection);
      for (const table of projection.tables) {
        expect({ table, difference: await tableDifference(w.pool, table, next[table]!) }).toEqual({
          table,
          difference: 0,
        });
      }
    }
    const { rows } = await w.pool.query('select count(*)::int as n from cases');
    expect(rows[0].n).toBeGreaterThanOrEqual(10_000);

    const cases = running.runners.find((r) => r.name === 'cases')!.projection;
    await rebuildProjection({ pool: w.pool, store: w.store, projection: cases });
    const after = await submitApplication(w, {
      service: carers.id,
      channel: 'web',
      answers: carers.example,
      idempotencyKey: 'after-swap',
      actor: web,
    });
    expect(await waitForProjections(w.pool, running.names, after.position, 10_000)).toBe(true);
    expect(
      (
        await w.pool.query('select count(*)::int as n from cases where case_id = $1', [
          after.caseId,
        ])
      ).rows[0].n,
    ).toBe(1);
  }, 300_000);

  it('runs exactly one active runner per projection across processes, and a standby takes over', async () => {
    const otherPool = createPool({ url: w.db.url, schema: w.db.schema });
    const otherStore = protect(
      new PostgresEventStore({ pool: otherPool, url: w.db.url, schema: w.db.schema }),
      otherPool,
    );
    const standby = await runProjections(otherPool, otherStore, w.db.schema);
    try {
      await new Promise((r) => setTimeout(r, 500));
      for (const name of running.names) {
        const active = [...running.runners, ...standby.runners].filter(
          (r) => r.name === name && r.active,
        );
        expect(active).toHaveLength(1);
      }
      await running.stop();
      // Standbys retry the lock every 100 ms; allow for a loaded machine.
      for (let i = 0; i < 100 && !standby.runners.every((r) => r.active); i++) {
        await new Promise((r) => setTimeout(r, 100));
      }
      expect(standby.runners.every((r) => r.active)).toBe(true);
      const late = await submitApplication(w, {
        service: carers.id,
        channel: 'web',
        answers: carers.example,
        idempotencyKey: 'late',
        actor: web,
      });
      expect(await waitForProjections(w.pool, standby.names, late.position, 10_000)).toBe(true);
    } finally {
      await standby.stop();
      await otherStore.close();
      await otherPool.end();
      running = await runProjections(w.pool, w.store, w.db.schema);
    }
  });
});

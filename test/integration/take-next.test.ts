import carers from '../../domain/case-types/carers-support-payment';
import { caseStreamId } from '../../domain/events';
import { executeCaseCommand } from '../../eventstore/case-commands';
import { submitApplication } from '../../eventstore/intake';
import type { StoredEvent } from '../../eventstore/port';
import { ensureClaimsTable, takeNextCase } from '../../projections/cases/take-next';
import { caseRow, createCasesTablesIn, insertCases, type CasesRow } from '../support/case-rows';
import { openTestWriteSide, type TestWriteSide } from '../support/runtime';

const today = '2026-03-10';
const caseworker = (id: string, team: string) => ({ id, role: 'caseworker', teams: [team] });

let w: TestWriteSide;
let submitted = 0;

/** Submits real applications and shows them, unallocated, in the team's queue. */
const queueCases = async (team: string, shapes: readonly Partial<CasesRow>[]) => {
  const rows: CasesRow[] = [];
  for (const shape of shapes) {
    submitted += 1;
    const result = await submitApplication(w, {
      service: carers.id,
      channel: 'web',
      answers: carers.example,
      idempotencyKey: `take-next-${submitted}`,
      actor: { id: 'web-form', role: 'integrator' },
      submittedAt: `2026-03-02T09:${String(submitted).padStart(2, '0')}:00Z`,
    });
    rows.push(
      caseRow({
        case_id: result.caseId,
        reference: result.reference,
        revision: String(result.revision),
        status: 'in_progress',
        team,
        assignee: null,
        ...shape,
      }),
    );
  }
  await insertCases(w.pool, rows);
  return rows;
};

const streamOf = async (caseId: string) => {
  const events: StoredEvent[] = [];
  for await (const event of w.store.readStream(caseStreamId(caseId))) events.push(event);
  return events;
};
const assigneesOf = async (caseId: string) =>
  (await streamOf(caseId)).filter((e) => e.type === 'CaseAssigned').map((e) => e.data.assignee);

beforeAll(async () => {
  w = await openTestWriteSide('takenext');
  await createCasesTablesIn(w.pool);
  await ensureClaimsTable(w.pool);
});
afterAll(async () => w.close());

describe('take next case', () => {
  it('gives each case to exactly one of many caseworkers taking at once, most urgent first', async () => {
    const team = 'carer-claims';
    const cases = await queueCases(team, [
      { priority: 'normal', next_deadline: '2026-03-20' },
      { priority: 'high', next_deadline: '2026-03-25' },
      { priority: 'urgent', next_deadline: '2026-03-30' },
      { priority: 'low', next_deadline: '2026-03-11' },
      { priority: 'urgent', next_deadline: '2026-03-16' },
      { priority: 'normal', next_deadline: null },
      { priority: 'high', next_deadline: '2026-03-12' },
      { priority: 'normal', next_deadline: '2026-03-12' },
      { priority: 'urgent', next_deadline: null },
      { priority: 'low', next_deadline: '2026-03-30' },
    ]);
    const mostUrgent = cases[4]!;

    const first = await takeNextCase(w, { user: caseworker('cw-1', team), today });
    expect(first).toEqual({
      caseId: mostUrgent.case_id,
      reference: mostUrgent.reference,
      revision: String(BigInt(mostUrgent.revision) + 1n),
    });
    const others = Array.from({ length: 19 }, (_, i) => caseworker(`cw-${i + 2}`, team));
    const taken = await Promise.all(others.map((user) => takeNextCase(w, { user, today })));

    const results = [first, ...taken];
    const winners = results.filter((r) => r !== null);
    expect(winners).toHaveLength(cases.length);
    expect(results.filter((r) => r === null)).toHaveLength(20 - cases.length);
    expect(new Set(winners.map((r) => r.caseId))).toEqual(new Set(cases.map((c) => c.case_id)));
    for (const [i, result] of results.entries()) {
      if (result) expect(await assigneesOf(result.caseId)).toEqual([`cw-${i + 1}`]);
    }
  });

  it('walks the queue in priority order, then finds it empty', async () => {
    const team = 'student-carers';
    const [later, earlier, urgent] = await queueCases(team, [
      { priority: 'high', next_deadline: '2026-03-20' },
      { priority: 'high', next_deadline: '2026-03-13' },
      { priority: 'urgent', next_deadline: null },
    ]);
    const takes = [];
    for (const id of ['ann', 'ben', 'cat', 'dev'])
      takes.push(await takeNextCase(w, { user: caseworker(id, team), today }));
    expect(takes.map((t) => t?.caseId ?? null)).toEqual([
      urgent!.case_id,
      earlier!.case_id,
      later!.case_id,
      null,
    ]);
  });

  it('passes over a case that changed since the read model saw it, and lets go of its lease', async () => {
    const team = 'earnings-assessment';
    const [noted, allocated, untouched] = await queueCases(team, [
      { priority: 'urgent' },
      { priority: 'high' },
      { priority: 'normal' },
    ]);
    const tariq = { id: 'tariq', role: 'team_leader' };
    const at = '2026-03-02T11:00:00Z';
    await executeCaseCommand(
      w,
      noted!.case_id,
      {
        type: 'AddNote',
        actor: tariq,
        at,
        noteId: '3f1e2d4c-5b6a-4798-8a9b-0c1d2e3f4a5b',
        text: 'Phoned the applicant',
      },
      { commandId: 'note-before-projection' },
    );
    await executeCaseCommand(
      w,
      allocated!.case_id,
      { type: 'AssignCase', actor: tariq, at, assignee: 'zoe' },
      { commandId: 'allocated-before-projection' },
    );

    const taken = await takeNextCase(w, { user: caseworker('eve', team), today });
    expect(taken?.caseId).toBe(untouched!.case_id);
    expect(await assigneesOf(noted!.case_id)).toEqual([]);
    expect(await assigneesOf(allocated!.case_id)).toEqual(['zoe']);
    const { rows } = await w.pool.query<{ case_id: string }>(
      'select case_id::text from case_claims where case_id = any($1::uuid[])',
      [[noted!.case_id, allocated!.case_id]],
    );
    expect(rows).toEqual([]);
  });
});

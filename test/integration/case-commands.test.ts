import carers from '../../domain/case-types/carers-support-payment';
import { InvalidTransition } from '../../domain/errors';
import { caseStreamId } from '../../domain/events';
import { loadCase } from '../../eventstore/case-history';
import { executeCaseCommand } from '../../eventstore/case-commands';
import { submitApplication } from '../../eventstore/intake';
import { WrongExpectedRevision } from '../../eventstore/port';
import { openTestWriteSide, type TestWriteSide } from '../support/runtime';

const alice = { id: 'alice', role: 'caseworker' };
const tariq = { id: 'tariq', role: 'team_leader' };

describe('case commands over the event store', () => {
  let w: TestWriteSide;
  let caseId: string;
  beforeAll(async () => {
    w = await openTestWriteSide('commands');
    ({ caseId } = await submitApplication(w, {
      service: carers.id,
      channel: 'web',
      answers: carers.example,
      idempotencyKey: 'c-1',
      actor: { id: 'web-form', role: 'integrator' },
      submittedAt: '2026-03-02T09:00:00Z',
    }));
  });
  afterAll(async () => w.close());

  it('works a case from triage to closure, each change an event with its actor', async () => {
    const steps = [
      {
        type: 'TriageCase',
        actor: tariq,
        at: '2026-03-02T10:00:00Z',
        priority: 'high',
        team: 'carer-claims',
      },
      { type: 'AssignCase', actor: tariq, at: '2026-03-02T10:05:00Z', assignee: 'alice' },
      {
        type: 'RecordDecision',
        actor: alice,
        at: '2026-03-03T11:00:00Z',
        decisionId: '8d6f3c2a-1b4e-4f5a-9c7d-2e1f0a9b8c7d',
        outcome: 'refused',
        reasons: 'Caring fewer than 35 hours',
      },
      { type: 'ApproveDecision', actor: tariq, at: '2026-03-03T15:00:00Z' },
      { type: 'CloseCase', actor: alice, at: '2026-03-04T09:00:00Z' },
    ] as const;
    for (const [i, step] of steps.entries())
      await executeCaseCommand(w, caseId, step, { commandId: `step-${i}` });
    const { state, events } = await loadCase(w.store, caseId);
    expect(state).toMatchObject({
      status: 'closed',
      outcome: 'refused',
      priority: 'high',
      assignee: 'alice',
    });
    expect(events.map((e) => [e.type, e.metadata.actor.id])).toEqual([
      ['ApplicationSubmitted', 'web-form'],
      ['CaseTriaged', 'tariq'],
      ['CaseAssigned', 'tariq'],
      ['DecisionRecorded', 'alice'],
      ['DecisionApproved', 'tariq'],
      ['CaseClosed', 'alice'],
    ]);
  });

  it('a repeated command id changes nothing and returns the first result', async () => {
    const note = {
      type: 'AddNote',
      actor: alice,
      at: '2026-03-04T10:00:00Z',
      noteId: '1c2d3e4f-5a6b-4c7d-8e9f-0a1b2c3d4e5f',
      text: 'Called back',
    } as const;
    const first = await executeCaseCommand(w, caseId, note, { commandId: 'note-1' });
    const again = await executeCaseCommand(w, caseId, note, { commandId: 'note-1' });
    expect(again.revision).toBe(first.revision);
    expect(
      (await loadCase(w.store, caseId)).events.filter((e) => e.type === 'NoteAdded'),
    ).toHaveLength(1);
  });

  it('refuses a change made on a stale view of the case, giving the current revision', async () => {
    const { revision } = await loadCase(w.store, caseId);
    const error = await executeCaseCommand(
      w,
      caseId,
      { type: 'ReopenCase', actor: tariq, at: '2026-03-05T09:00:00Z', reason: 'Appeal' },
      { commandId: 'reopen-1', expectedRevision: revision - 1n },
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WrongExpectedRevision);
    expect((error as WrongExpectedRevision).actualRevision).toBe(revision);
    expect((error as WrongExpectedRevision).streamId).toBe(caseStreamId(caseId));
  });

  it('refuses commands the case status does not allow, storing nothing', async () => {
    const { revision } = await loadCase(w.store, caseId);
    await expect(
      executeCaseCommand(
        w,
        caseId,
        { type: 'AssignCase', actor: tariq, at: '2026-03-05T09:00:00Z', assignee: 'bob' },
        { commandId: 'late-assign' },
      ),
    ).rejects.toBeInstanceOf(InvalidTransition);
    expect((await loadCase(w.store, caseId)).revision).toBe(revision);
  });

  it('replays the case as of an earlier revision or moment', async () => {
    expect((await loadCase(w.store, caseId, { revision: 0n })).state.status).toBe('received');
    expect((await loadCase(w.store, caseId, { revision: 3n })).state.status).toBe(
      'awaiting_approval',
    );
    expect((await loadCase(w.store, caseId, { time: '2026-03-02T10:01:00Z' })).state).toMatchObject(
      { status: 'in_progress', assignee: null },
    );
    expect((await loadCase(w.store, caseId, { time: '2026-03-03T23:00:00Z' })).state.status).toBe(
      'decided',
    );
  });

  it('records an erasure once its key is gone, however many changes land meanwhile', async () => {
    const { caseId: erasedCase } = await submitApplication(w, {
      service: carers.id,
      channel: 'web',
      answers: carers.example,
      idempotencyKey: 'c-erase',
      actor: { id: 'web-form', role: 'integrator' },
    });
    await executeCaseCommand(
      w,
      erasedCase,
      {
        type: 'TriageCase',
        actor: tariq,
        at: '2026-03-02T10:00:00Z',
        priority: 'normal',
        team: 'carer-claims',
      },
      { commandId: 'erase-triage' },
    );
    const { revision } = await loadCase(w.store, erasedCase);
    // Each append the erasure tries is beaten by a reassignment made at the same moment.
    let interruptions = 0;
    const busy = new Proxy(w.store, {
      get(target, property, receiver) {
        if (property !== 'appendToStream') return Reflect.get(target, property, receiver);
        return async (...args: Parameters<typeof target.appendToStream>) => {
          if (interruptions++ < 3) {
            await executeCaseCommand(
              w,
              erasedCase,
              {
                type: 'AssignCase',
                actor: tariq,
                at: '2026-03-02T10:00:00Z',
                assignee: `caseworker-${interruptions}`,
              },
              { commandId: `reassign-${interruptions}` },
            );
          }
          return target.appendToStream(...args);
        };
      },
    });
    await executeCaseCommand(
      { ...w, store: busy },
      erasedCase,
      {
        type: 'ErasePersonalData',
        actor: tariq,
        at: '2026-03-02T10:00:00Z',
        reason: 'Asked to',
        retention: false,
      },
      { commandId: 'erase-1', expectedRevision: revision },
    );
    const { state, events } = await loadCase(w.store, erasedCase);
    expect(state.personalDataErased).toBe(true);
    expect(events.map((e) => e.type).slice(-4)).toEqual([
      'CaseAssigned',
      'CaseAssigned',
      'CaseAssigned',
      'PersonalDataErased',
    ]);
  });
});

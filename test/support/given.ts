import { randomUUID } from 'node:crypto';
import { splitPersonal, validateAnswers, type CaseType } from '../../domain/case-type';
import { foldCase } from '../../domain/case-state';
import carers from '../../domain/case-types/carers-support-payment';
import type { CaseCommand, CaseCommandOf, CaseCommandType } from '../../domain/commands';
import { decide } from '../../domain/decide';
import type { CaseEvent, CaseEventOf } from '../../domain/events';

/** Given these events, when this command, then these events (or this refusal). */
export const given = (history: CaseEvent[], caseType: CaseType = carers) => ({
  when: (command: CaseCommand) => {
    const run = () => decide(command, foldCase(history), caseType);
    return {
      then: (expected: CaseEvent[]) => expect(run()).toEqual(expected),
      thenRefuses: (error: new (...args: never[]) => Error, message?: string | RegExp) => {
        expect(run).toThrow(error);
        if (message) expect(run).toThrow(message);
      },
      events: run,
    };
  },
});

export const alice = { id: 'alice', role: 'caseworker' };
export const tariq = { id: 'tariq', role: 'team_leader' };
const at = '2026-03-02T10:00:00.000Z';

export const command = <T extends CaseCommandType>(
  type: T,
  fields: Omit<CaseCommandOf<T>, 'type' | 'actor' | 'at'> & { actor?: CaseCommandOf<T>['actor'] },
): CaseCommand => ({ actor: alice, at, ...fields, type }) as CaseCommand;

const validExample = validateAnswers(carers, carers.example, { today: at.slice(0, 10) });
if (!validExample.ok) throw new Error('the example answers must be valid');
/** The service's example answers as stored: normalised, personal data apart. */
export const exampleAnswers = splitPersonal(carers, validExample.answers);

const caseId = '0b9a7c1e-8d4f-4c7e-9a51-2f0d6b3e9c11';

export const submitted = (
  overrides: Partial<CaseEventOf<'ApplicationSubmitted'>['data']> = {},
): CaseEvent => ({
  type: 'ApplicationSubmitted',
  data: {
    caseId,
    reference: 'CSP-2026-000001',
    caseTypeId: 'carers-support-payment',
    caseTypeVersion: 1,
    channel: 'web',
    answers: exampleAnswers.answers,
    personal: { answers: exampleAnswers.personal },
    team: 'carer-claims',
    priority: 'normal',
    submittedAt: '2026-03-01T09:00:00.000Z',
    keyedBy: null,
    externalReference: null,
    fingerprint: 'f'.repeat(64),
    ...overrides,
  },
});

export const triaged: CaseEvent = {
  type: 'CaseTriaged',
  data: { priority: 'normal', team: 'carer-claims', previousTeam: 'carer-claims' },
};
export const assignedTo = (assignee: string): CaseEvent => ({
  type: 'CaseAssigned',
  data: { assignee, previousAssignee: null },
});
export const requestId = '5f2b8a44-3c1d-4e6f-8a7b-9c0d1e2f3a4b';
export const informationRequested: CaseEvent = {
  type: 'InformationRequested',
  data: { requestId, items: ['Recent payslips'], message: 'Please send your last three payslips' },
};
export const decisionId = '7c9e6679-7425-40de-944b-e07fc1f90ae7';
export const decisionRecorded = (
  outcome: string,
  needsApproval: boolean,
  decidedBy = alice,
): CaseEvent => ({
  type: 'DecisionRecorded',
  data: { decisionId, outcome, reasons: 'Meets the caring conditions', decidedBy, needsApproval },
});
export const closed: CaseEvent = { type: 'CaseClosed', data: { outcome: 'awarded' } };
export const withdrawn: CaseEvent = {
  type: 'ApplicationWithdrawn',
  data: { reason: 'Applicant asked' },
};

/** A history that leaves the case in each status. */
export const histories = {
  received: [submitted()],
  in_progress: [submitted(), triaged],
  awaiting_information: [submitted(), triaged, informationRequested],
  awaiting_approval: [submitted(), triaged, decisionRecorded('refused', true)],
  decided: [submitted(), triaged, decisionRecorded('awarded', false)],
  closed: [submitted(), triaged, decisionRecorded('awarded', false), closed],
  withdrawn: [submitted(), withdrawn],
} satisfies Record<string, CaseEvent[]>;

export const newId = () => randomUUID();

import type { Answers, CaseStatus, Priority } from './case-type';
import type { ApplicationChannel } from './channels';
import type { CaseEvent } from './events';
import { ERASED } from './personal-data';

/** What the decider needs to know about a case: the fold of its events. */
export interface CaseState {
  exists: boolean;
  caseId: string;
  reference: string;
  caseTypeId: string;
  caseTypeVersion: number;
  channel: ApplicationChannel;
  status: CaseStatus;
  team: string;
  assignee: string | null;
  priority: Priority;
  /** Ordinary and personal answers together: the decider checks amendments against both. */
  answers: Answers;
  personalFields: string[];
  documents: { documentId: string; evidenceType: string; sha256: string }[];
  notes: number;
  openRequest: { requestId: string; items: string[] } | null;
  pendingDecision: {
    decisionId: string;
    outcome: string;
    decidedBy: { id: string; role: string };
  } | null;
  outcome: string | null;
  satisfactionRecorded: boolean;
  /** The applicant's personal data was erased: nothing personal may be added any more. */
  personalDataErased: boolean;
}

export const initialCaseState = (): CaseState => ({
  exists: false,
  caseId: '',
  reference: '',
  caseTypeId: '',
  caseTypeVersion: 0,
  channel: 'web',
  status: 'received',
  team: '',
  assignee: null,
  priority: 'normal',
  answers: {},
  personalFields: [],
  documents: [],
  notes: 0,
  openRequest: null,
  pendingDecision: null,
  outcome: null,
  satisfactionRecorded: false,
  personalDataErased: false,
});

const applyChanges = (answers: Answers, changes: { field: string; after: unknown }[]) => {
  const next = { ...answers };
  for (const { field, after } of changes) {
    if (after === undefined || after === null) delete next[field];
    else next[field] = after;
  }
  return next;
};

export const evolve = (state: CaseState, event: CaseEvent): CaseState => {
  switch (event.type) {
    case 'ApplicationSubmitted': {
      const d = event.data;
      return {
        ...state,
        exists: true,
        caseId: d.caseId,
        reference: d.reference,
        caseTypeId: d.caseTypeId,
        caseTypeVersion: d.caseTypeVersion,
        channel: d.channel,
        status: 'received',
        team: d.team,
        priority: d.priority,
        answers: { ...d.answers, ...d.personal.answers },
        personalFields: Object.keys(d.personal.answers),
      };
    }
    case 'AnswersAmended':
      return {
        ...state,
        answers: applyChanges(state.answers, [
          ...event.data.changes,
          ...event.data.personal.changes,
        ]),
      };
    case 'DocumentAttached':
      return {
        ...state,
        documents: [
          ...state.documents,
          {
            documentId: event.data.documentId,
            evidenceType: event.data.evidenceType,
            sha256: event.data.sha256,
          },
        ],
      };
    case 'CaseTriaged':
      return {
        ...state,
        priority: event.data.priority,
        team: event.data.team,
        assignee: event.data.team === state.team ? state.assignee : null,
        status: state.status === 'received' ? 'in_progress' : state.status,
      };
    case 'CaseAssigned':
      return {
        ...state,
        assignee: event.data.assignee,
        status: state.status === 'received' ? 'in_progress' : state.status,
      };
    case 'CaseUnassigned':
      return { ...state, assignee: null };
    case 'CaseTransferred':
      return { ...state, team: event.data.toTeam, assignee: null };
    case 'InformationRequested':
      return {
        ...state,
        status: 'awaiting_information',
        openRequest: { requestId: event.data.requestId, items: event.data.items },
      };
    case 'InformationReceived':
      return { ...state, status: 'in_progress', openRequest: null };
    case 'NoteAdded':
      return { ...state, notes: state.notes + 1 };
    case 'DecisionRecorded': {
      const { decisionId, outcome, decidedBy, needsApproval } = event.data;
      return needsApproval
        ? {
            ...state,
            status: 'awaiting_approval',
            pendingDecision: { decisionId, outcome, decidedBy },
          }
        : { ...state, status: 'decided', outcome, pendingDecision: null };
    }
    case 'DecisionApproved':
      return {
        ...state,
        status: 'decided',
        outcome: state.pendingDecision?.outcome ?? null,
        pendingDecision: null,
      };
    case 'DecisionRejected':
      return { ...state, status: 'in_progress', pendingDecision: null };
    case 'CaseClosed':
      return { ...state, status: 'closed' };
    case 'ApplicationWithdrawn':
      return { ...state, status: 'withdrawn', openRequest: null, pendingDecision: null };
    case 'CaseReopened':
      return { ...state, status: 'in_progress', outcome: null };
    case 'ClockExtended':
      return state;
    case 'SatisfactionRecorded':
      return { ...state, satisfactionRecorded: true };
    case 'LegacySyncSucceeded':
    case 'LegacySyncFailed':
    case 'SlaWarningRaised':
    case 'SlaBreached':
    case 'NotificationSent':
    case 'NotificationDelivered':
    case 'NotificationFailed':
      return state;
    case 'CaseEscalated':
      return { ...state, priority: 'urgent' };
    case 'PersonalDataErased': {
      const erased = new Set(state.personalFields);
      return {
        ...state,
        personalDataErased: true,
        answers: Object.fromEntries(
          Object.entries(state.answers).map(([k, v]) => [k, erased.has(k) ? ERASED : v]),
        ),
      };
    }
  }
};

export const foldCase = (events: Iterable<CaseEvent>): CaseState => {
  let state = initialCaseState();
  for (const event of events) state = evolve(state, event);
  return state;
};

import { stageOf, type CaseStatus, type CaseType, type Priority } from '../../domain/case-type';
import type { ApplicationChannel } from '../../domain/channels';
import type { CaseEvent, CaseEventOf } from '../../domain/events';
import { advanceClocks, startClocks, type ClockState } from '../../domain/sla-clocks';
import type { Actor } from '../../eventstore/port';
import { ERASED, eraseValues } from '../../domain/personal-data';

/**
 * The case as a caseworker opens it, folded from its events: answers (personal ones
 * apart), documents, notes, decisions with their approvals, information requests, every
 * service-level clock, satisfaction. Deterministic: the same events always give the
 * same document, so a rebuild reproduces it exactly.
 */
export interface CaseView {
  caseId: string;
  reference: string;
  service: string;
  caseTypeVersion: number;
  channel: ApplicationChannel;
  status: CaseStatus;
  stage: string;
  team: string;
  assignee: string | null;
  priority: Priority;
  submittedAt: string;
  keyedBy: Actor | null;
  externalReference: string | null;
  answers: Record<string, unknown>;
  personal: Record<string, unknown>;
  documents: {
    documentId: string;
    evidenceType: string;
    filename: string;
    mediaType: string;
    sizeBytes: number;
    sha256: string;
    attachedAt: string;
    attachedBy: Actor;
  }[];
  notes: { noteId: string; text: string; at: string; by: Actor }[];
  decisions: {
    decisionId: string;
    outcome: string;
    reasons: string;
    decidedBy: Actor;
    decidedAt: string;
    needsApproval: boolean;
    review: { approved: boolean; by: Actor; at: string; reason: string | null } | null;
  }[];
  informationRequests: {
    requestId: string;
    items: string[];
    message: string;
    requestedAt: string;
    requestedBy: Actor;
    receivedAt: string | null;
    summary: string | null;
  }[];
  clocks: ClockState[];
  /** Deliveries of this case's events to legacy systems, one entry per endpoint and event. */
  legacySync: {
    endpointId: string;
    eventId: string;
    status: 'delivered' | 'failed';
    externalReference: string | null;
    attempts: number;
    error: string | null;
    at: string;
  }[];
  /** Messages to the applicant through GOV.UK Notify, one entry per reference. */
  notifications: {
    reference: string;
    trigger: string | null;
    channel: string | null;
    status: 'sent' | 'delivered' | 'failed';
    error: string | null;
    at: string;
  }[];
  /** Warnings and breaches the SLA timers recorded. */
  slaAlerts: { clock: string; kind: 'warning' | 'breach'; on: string; at: string }[];
  satisfaction: { rating: number; comment: string | null; at: string } | null;
  outcome: string | null;
  exception: string | null;
  /** When the case was last closed or withdrawn; retention periods run from here. */
  closedAt: string | null;
  personalDataErasedAt: string | null;
  lastActivityAt: string;
  revision: string;
}

export interface EventContext {
  occurredAt: string;
  actor: Actor;
  revision: bigint;
}

export const openView = (
  caseType: CaseType,
  event: Extract<CaseEvent, { type: 'ApplicationSubmitted' }>,
  at: EventContext,
): CaseView => {
  const d = event.data;
  return {
    caseId: d.caseId,
    reference: d.reference,
    service: d.caseTypeId,
    caseTypeVersion: d.caseTypeVersion,
    channel: d.channel,
    status: 'received',
    stage: stageOf(caseType, 'received'),
    team: d.team,
    assignee: null,
    priority: d.priority,
    submittedAt: d.submittedAt,
    keyedBy: d.keyedBy,
    externalReference: d.externalReference,
    answers: d.answers,
    personal: d.personal.answers,
    documents: [],
    notes: [],
    decisions: [],
    informationRequests: [],
    clocks: startClocks(caseType, d.submittedAt),
    legacySync: [],
    notifications: [],
    slaAlerts: [],
    satisfaction: null,
    outcome: null,
    exception: null,
    closedAt: null,
    personalDataErasedAt: null,
    lastActivityAt: at.occurredAt,
    revision: String(at.revision),
  };
};

const withStatus = (view: CaseView, caseType: CaseType, status: CaseStatus): CaseView => ({
  ...view,
  status,
  stage: stageOf(caseType, status),
});

const lastDecision = (view: CaseView) => view.decisions[view.decisions.length - 1];

const reviewLast = (view: CaseView, review: NonNullable<CaseView['decisions'][number]['review']>) =>
  view.decisions.map((d, i) => (i === view.decisions.length - 1 ? { ...d, review } : d));

const applyChange = (
  view: CaseView,
  event: CaseEvent,
  caseType: CaseType,
  at: EventContext,
): CaseView => {
  switch (event.type) {
    case 'ApplicationSubmitted':
      return view;
    case 'AnswersAmended': {
      const answers = { ...view.answers };
      const personal = { ...view.personal };
      for (const c of event.data.changes) answers[c.field] = c.after;
      for (const c of event.data.personal.changes) personal[c.field] = c.after;
      return { ...view, answers, personal };
    }
    case 'DocumentAttached':
      return {
        ...view,
        documents: [
          ...view.documents,
          { ...event.data, attachedAt: at.occurredAt, attachedBy: at.actor },
        ],
      };
    case 'CaseTriaged': {
      const triaged = { ...view, priority: event.data.priority, team: event.data.team };
      if (event.data.team !== view.team) triaged.assignee = null;
      return view.status === 'received' ? withStatus(triaged, caseType, 'in_progress') : triaged;
    }
    case 'CaseAssigned': {
      const assigned = { ...view, assignee: event.data.assignee };
      return view.status === 'received' ? withStatus(assigned, caseType, 'in_progress') : assigned;
    }
    case 'CaseUnassigned':
      return { ...view, assignee: null };
    case 'CaseTransferred':
      return { ...view, team: event.data.toTeam, assignee: null };
    case 'InformationRequested':
      return {
        ...withStatus(view, caseType, 'awaiting_information'),
        informationRequests: [
          ...view.informationRequests,
          {
            ...event.data,
            requestedAt: at.occurredAt,
            requestedBy: at.actor,
            receivedAt: null,
            summary: null,
          },
        ],
      };
    case 'InformationReceived':
      return {
        ...withStatus(view, caseType, 'in_progress'),
        informationRequests: view.informationRequests.map((r) =>
          r.requestId === event.data.requestId
            ? { ...r, receivedAt: at.occurredAt, summary: event.data.summary }
            : r,
        ),
      };
    case 'NoteAdded':
      return {
        ...view,
        notes: [
          ...view.notes,
          {
            noteId: event.data.noteId,
            text: event.data.personal.text,
            at: at.occurredAt,
            by: at.actor,
          },
        ],
      };
    case 'DecisionRecorded': {
      const d = event.data;
      const decided = {
        ...view,
        exception: null,
        decisions: [
          ...view.decisions,
          {
            decisionId: d.decisionId,
            outcome: d.outcome,
            reasons: d.reasons,
            decidedBy: d.decidedBy,
            decidedAt: at.occurredAt,
            needsApproval: d.needsApproval,
            review: null,
          },
        ],
      };
      return d.needsApproval
        ? withStatus(decided, caseType, 'awaiting_approval')
        : { ...withStatus(decided, caseType, 'decided'), outcome: d.outcome };
    }
    case 'DecisionApproved':
      return {
        ...withStatus(view, caseType, 'decided'),
        outcome: lastDecision(view)?.outcome ?? null,
        decisions: reviewLast(view, {
          approved: true,
          by: event.data.approvedBy,
          at: at.occurredAt,
          reason: null,
        }),
      };
    case 'DecisionRejected':
      return {
        ...withStatus(view, caseType, 'in_progress'),
        exception: `Decision rejected by ${event.data.rejectedBy.id}: ${event.data.reason}`,
        decisions: reviewLast(view, {
          approved: false,
          by: event.data.rejectedBy,
          at: at.occurredAt,
          reason: event.data.reason,
        }),
      };
    case 'CaseClosed':
      return { ...withStatus(view, caseType, 'closed'), exception: null, closedAt: at.occurredAt };
    case 'ApplicationWithdrawn':
      return {
        ...withStatus(view, caseType, 'withdrawn'),
        exception: null,
        closedAt: at.occurredAt,
      };
    case 'CaseReopened':
      return { ...withStatus(view, caseType, 'in_progress'), outcome: null, closedAt: null };
    case 'ClockExtended':
      return view;
    case 'SatisfactionRecorded':
      return {
        ...view,
        satisfaction: {
          rating: event.data.rating,
          comment: event.data.personal.comment,
          at: at.occurredAt,
        },
      };
    case 'PersonalDataErased':
      return erasePersonal(view, at.occurredAt);
    case 'LegacySyncSucceeded':
    case 'LegacySyncFailed': {
      const d = event.data;
      const entry = {
        endpointId: d.endpointId,
        eventId: d.eventId,
        status: event.type === 'LegacySyncSucceeded' ? ('delivered' as const) : ('failed' as const),
        externalReference: 'externalReference' in d ? d.externalReference : null,
        attempts: d.attempts,
        error: 'error' in d ? d.error : null,
        at: at.occurredAt,
      };
      const others = view.legacySync.filter(
        (s) => s.endpointId !== d.endpointId || s.eventId !== d.eventId,
      );
      return { ...view, legacySync: [...others, entry] };
    }
    case 'SlaWarningRaised':
    case 'SlaBreached':
      return {
        ...view,
        slaAlerts: [
          ...view.slaAlerts,
          event.type === 'SlaWarningRaised'
            ? {
                clock: event.data.clock,
                kind: 'warning',
                on: event.data.warningOn,
                at: at.occurredAt,
              }
            : {
                clock: event.data.clock,
                kind: 'breach',
                on: event.data.deadlineOn,
                at: at.occurredAt,
              },
        ],
      };
    case 'CaseEscalated':
      return { ...view, priority: 'urgent' };
    case 'NotificationSent':
    case 'NotificationDelivered':
    case 'NotificationFailed':
      return { ...view, notifications: noteNotification(view.notifications, event, at.occurredAt) };
  }
};

const noteNotification = (
  list: CaseView['notifications'],
  event: CaseEventOf<'NotificationSent' | 'NotificationDelivered' | 'NotificationFailed'>,
  at: string,
): CaseView['notifications'] => {
  const earlier = list.find((n) => n.reference === event.data.reference);
  const others = list.filter((n) => n.reference !== event.data.reference);
  const d = event.data;
  const entry =
    event.type === 'NotificationSent'
      ? {
          reference: d.reference,
          trigger: event.data.trigger,
          channel: event.data.channel,
          status: 'sent' as const,
          error: null,
          at,
        }
      : event.type === 'NotificationDelivered'
        ? {
            reference: d.reference,
            trigger: earlier?.trigger ?? null,
            channel: earlier?.channel ?? null,
            status: 'delivered' as const,
            error: null,
            at,
          }
        : {
            reference: d.reference,
            trigger: event.data.trigger ?? earlier?.trigger ?? null,
            channel: event.data.channel ?? earlier?.channel ?? null,
            status: 'failed' as const,
            error: event.data.error,
            at,
          };
  return [...others, entry];
};

/** Everything the applicant's key protected, replaced by the erased marker. */
const erasePersonal = (view: CaseView, at: string): CaseView => ({
  ...view,
  personal: eraseValues(view.personal),
  notes: view.notes.map((n) => ({ ...n, text: ERASED })),
  // As an erased event reads: whatever was given (even blank) is marked, nothing stays nothing.
  satisfaction:
    view.satisfaction && view.satisfaction.comment !== null
      ? { ...view.satisfaction, comment: ERASED }
      : view.satisfaction,
  personalDataErasedAt: at,
});

/** One event's effect on the view, including its clocks, activity time and revision. */
export const evolveView = (
  view: CaseView,
  event: CaseEvent,
  caseType: CaseType,
  at: EventContext,
): CaseView => {
  const next = applyChange(view, event, caseType, at);
  return {
    ...next,
    clocks: advanceClocks(next.clocks, caseType, event, at.occurredAt),
    lastActivityAt:
      Date.parse(at.occurredAt) > Date.parse(view.lastActivityAt)
        ? at.occurredAt
        : view.lastActivityAt,
    revision: String(at.revision),
  };
};

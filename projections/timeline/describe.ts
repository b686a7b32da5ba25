import type { CaseType } from '../../domain/case-type';
import type { CaseEvent } from '../../domain/events';

/** How an auditor reads one event: a sentence, and field-level changes where there are any. */
export interface FieldChange {
  field: string;
  label: string;
  before: unknown;
  after: unknown;
  personal: boolean;
}

const labelOf = (caseType: CaseType | undefined, field: string) =>
  caseType?.fields.find((f) => f.id === field)?.label ?? field;

const outcomeLabel = (caseType: CaseType | undefined, outcome: string) =>
  caseType?.outcomes.find((o) => o.id === outcome)?.label ?? outcome;

export const describeEvent = (
  event: CaseEvent,
  caseType: CaseType | undefined,
): { summary: string; changes: FieldChange[] } => {
  const change = (field: string, before: unknown, after: unknown): FieldChange => ({
    field,
    label: field,
    before,
    after,
    personal: false,
  });
  switch (event.type) {
    case 'ApplicationSubmitted':
      return {
        summary: `Application ${event.data.reference} submitted by ${event.data.channel.replace('_', ' ')}${
          event.data.keyedBy ? `, keyed by ${event.data.keyedBy.id}` : ''
        }; routed to ${event.data.team}`,
        changes: [],
      };
    case 'AnswersAmended': {
      const changes = [
        ...event.data.changes.map((c) => ({
          ...c,
          label: labelOf(caseType, c.field),
          personal: false,
        })),
        ...event.data.personal.changes.map((c) => ({
          ...c,
          label: labelOf(caseType, c.field),
          personal: true,
        })),
      ];
      return {
        summary: `Answers amended (${changes.map((c) => c.label).join(', ')}): ${event.data.reason}`,
        changes,
      };
    }
    case 'DocumentAttached':
      return {
        summary: `Document attached as ${event.data.evidenceType}: ${event.data.filename}`,
        changes: [],
      };
    case 'CaseTriaged':
      return {
        summary: `Triaged: ${event.data.priority} priority, team ${event.data.team}`,
        changes:
          event.data.team === event.data.previousTeam
            ? []
            : [change('team', event.data.previousTeam, event.data.team)],
      };
    case 'CaseAssigned':
      return {
        summary: `Assigned to ${event.data.assignee}`,
        changes: [change('assignee', event.data.previousAssignee, event.data.assignee)],
      };
    case 'CaseUnassigned':
      return {
        summary: `Unassigned from ${event.data.previousAssignee}`,
        changes: [change('assignee', event.data.previousAssignee, null)],
      };
    case 'CaseTransferred':
      return {
        summary: `Transferred to team ${event.data.toTeam}: ${event.data.reason}`,
        changes: [change('team', event.data.fromTeam, event.data.toTeam)],
      };
    case 'InformationRequested':
      return { summary: `Information requested: ${event.data.items.join('; ')}`, changes: [] };
    case 'InformationReceived':
      return { summary: `Information received: ${event.data.summary}`, changes: [] };
    case 'NoteAdded':
      return { summary: `Note: ${event.data.personal.text}`, changes: [] };
    case 'DecisionRecorded':
      return {
        summary: `Decision recorded: ${outcomeLabel(caseType, event.data.outcome)}${event.data.needsApproval ? ' (awaiting approval)' : ''}`,
        changes: [],
      };
    case 'DecisionApproved':
      return { summary: `Decision approved by ${event.data.approvedBy.id}`, changes: [] };
    case 'DecisionRejected':
      return {
        summary: `Decision rejected by ${event.data.rejectedBy.id}: ${event.data.reason}`,
        changes: [],
      };
    case 'CaseClosed':
      return { summary: `Case closed: ${outcomeLabel(caseType, event.data.outcome)}`, changes: [] };
    case 'ApplicationWithdrawn':
      return { summary: `Application withdrawn: ${event.data.reason}`, changes: [] };
    case 'CaseReopened':
      return {
        summary: `Case reopened: ${event.data.reason}`,
        changes: [change('status', event.data.previousStatus, 'in_progress')],
      };
    case 'ClockExtended':
      return {
        summary: `Clock ${event.data.clock} extended by ${event.data.workingDays} working days: ${event.data.reason}`,
        changes: [],
      };
    case 'SatisfactionRecorded':
      return { summary: `Satisfaction recorded: ${event.data.rating} out of 5`, changes: [] };
    case 'LegacySyncSucceeded':
      return {
        summary: `Delivered to legacy endpoint ${event.data.endpointId}${event.data.externalReference ? ` as ${event.data.externalReference}` : ''} after ${event.data.attempts} attempt(s)`,
        changes: [],
      };
    case 'LegacySyncFailed':
      return {
        summary: `Delivery to legacy endpoint ${event.data.endpointId} failed after ${event.data.attempts} attempt(s): ${event.data.error}`,
        changes: [],
      };
    case 'SlaWarningRaised':
      return { summary: `Clock ${event.data.clock} warning: deadline approaching`, changes: [] };
    case 'SlaBreached':
      return {
        summary: `Clock ${event.data.clock} breached: deadline ${event.data.deadlineOn} passed`,
        changes: [],
      };
    case 'CaseEscalated':
      return {
        summary: `Escalated to urgent: ${event.data.reason}`,
        changes: [change('priority', event.data.previousPriority, 'urgent')],
      };
    case 'NotificationSent':
      return {
        summary: `Applicant sent the ${event.data.trigger.replace('-', ' ')} ${event.data.channel === 'sms' ? 'text message' : event.data.channel} through GOV.UK Notify`,
        changes: [],
      };
    case 'NotificationDelivered':
      return { summary: 'Notify reports the message was delivered', changes: [] };
    case 'NotificationFailed':
      return { summary: `Message to the applicant failed: ${event.data.error}`, changes: [] };
    case 'PersonalDataErased':
      return {
        summary: `Personal data erased${event.data.retention ? ' (retention period ended)' : ''}: ${event.data.reason}`,
        changes: [],
      };
  }
};

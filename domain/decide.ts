import {
  needsApproval,
  routeToTeam,
  splitPersonal,
  validateAnswers,
  type CaseStatus,
  type CaseType,
} from './case-type';
import type { CaseState } from './case-state';
import type { CaseCommand, CaseCommandOf } from './commands';
import { InvalidTransition, NotAllowed, ValidationFailed } from './errors';
import type { CaseEvent } from './events';
import { canonicalEqual } from './canonical';
import { londonDate } from './calendar/working-days';
import type { FieldError } from './case-type';
import { CLOCK_SKEW_MS, instant, instantTime } from './values';

/** The service's rulebook for one case: given what has happened, what does this command cause? */

const OPEN: CaseStatus[] = ['received', 'in_progress', 'awaiting_information', 'awaiting_approval'];
const WORKABLE: CaseStatus[] = ['received', 'in_progress', 'awaiting_information'];

const requireStatus = (state: CaseState, command: CaseCommand, allowed: CaseStatus[]) => {
  if (!allowed.includes(state.status)) throw new InvalidTransition(state.status, describe(command));
};

/** Once a subject is erased, nothing new about them may be recorded on the case. */
const refuseIfErased = (state: CaseState, command: CaseCommand) => {
  if (state.personalDataErased) {
    throw new NotAllowed(`Cannot ${describe(command)}: this case's personal data has been erased`);
  }
};

const describe = (command: CaseCommand) =>
  command.type.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();

const invalid = (path: (string | number)[], message: string) =>
  new ValidationFailed([{ path, message }]);

/**
 * When an application can have been submitted: not before the service opened, and not
 * after the command is given (`at`) beyond a submitter's clock running fast.
 */
export const submissionTimeErrors = (
  caseType: CaseType,
  submittedAt: string,
  at: string,
): FieldError[] => {
  const parsed = instant().safeParse(submittedAt);
  const problem = parsed.success
    ? instantTime(submittedAt) > instantTime(at) + CLOCK_SKEW_MS
      ? 'Enter a time that is not in the future'
      : londonDate(submittedAt) < caseType.openedOn
        ? `Enter a time on or after ${caseType.openedOn}, when ${caseType.name} opened`
        : undefined
    : parsed.error.issues[0]?.message;
  return problem ? [{ path: ['submittedAt'], message: problem }] : [];
};

/** Every problem with a submission's time and answers, with paths from the submission. */
export const submissionErrors = (
  caseType: CaseType,
  submission: { submittedAt: string; at: string; answers: unknown },
): FieldError[] => {
  const timeErrors = submissionTimeErrors(caseType, submission.submittedAt, submission.at);
  // Answers are judged on the day they were given (a date of birth cannot be later).
  const today = londonDate(timeErrors.length ? submission.at : submission.submittedAt);
  const answers = validateAnswers(caseType, submission.answers, { today });
  return [
    ...timeErrors,
    ...(answers.ok ? [] : answers.errors.map((e) => ({ ...e, path: ['answers', ...e.path] }))),
  ];
};

const submit = (cmd: CaseCommandOf<'SubmitApplication'>, caseType: CaseType): CaseEvent[] => {
  const errors = submissionErrors(caseType, cmd);
  if (errors.length) throw new ValidationFailed(errors);
  const result = validateAnswers(caseType, cmd.answers, { today: londonDate(cmd.submittedAt) });
  if (!result.ok) throw new ValidationFailed(errors);
  const { answers, personal } = splitPersonal(caseType, result.answers);
  return [
    {
      type: 'ApplicationSubmitted',
      data: {
        caseId: cmd.caseId,
        reference: cmd.reference,
        caseTypeId: caseType.id,
        caseTypeVersion: caseType.version,
        channel: cmd.channel,
        answers,
        personal: { answers: personal },
        team: routeToTeam(caseType, result.answers),
        priority: caseType.defaultPriority,
        submittedAt: cmd.submittedAt,
        keyedBy: cmd.keyedBy,
        externalReference: cmd.externalReference,
        fingerprint: cmd.fingerprint,
      },
    },
  ];
};

const amend = (
  cmd: CaseCommandOf<'AmendAnswers'>,
  state: CaseState,
  caseType: CaseType,
): CaseEvent[] => {
  const result = validateAnswers(caseType, cmd.changes, {
    today: londonDate(cmd.at),
    kept: state.answers,
  });
  if (!result.ok)
    throw new ValidationFailed(result.errors.map((e) => ({ ...e, path: ['changes', ...e.path] })));
  const personalFields = new Set(caseType.fields.filter((f) => f.personal).map((f) => f.id));
  const changes = caseType.fields
    .map((f) => f.id)
    .filter((id) => !canonicalEqual(state.answers[id], result.answers[id]))
    .map((field) => ({
      field,
      before: state.answers[field] ?? null,
      after: result.answers[field] ?? null,
    }));
  if (changes.length === 0) throw invalid(['changes'], 'The amendment changes no answers');
  return [
    {
      type: 'AnswersAmended',
      data: {
        reason: cmd.reason,
        changes: changes.filter((c) => !personalFields.has(c.field)),
        personal: { changes: changes.filter((c) => personalFields.has(c.field)) },
      },
    },
  ];
};

const recordDecision = (
  cmd: CaseCommandOf<'RecordDecision'>,
  state: CaseState,
  caseType: CaseType,
): CaseEvent[] => {
  const outcome = caseType.outcomes.find((o) => o.id === cmd.outcome);
  if (!outcome) {
    throw invalid(['outcome'], `Choose one of: ${caseType.outcomes.map((o) => o.id).join(', ')}`);
  }
  if (outcome.granted) {
    const held = new Set(state.documents.map((d) => d.evidenceType));
    const missing = caseType.evidence.filter((e) => e.required && !held.has(e.id));
    if (missing.length) {
      throw invalid(['outcome'], `Cannot grant without: ${missing.map((e) => e.label).join(', ')}`);
    }
  }
  return [
    {
      type: 'DecisionRecorded',
      data: {
        decisionId: cmd.decisionId,
        outcome: outcome.id,
        reasons: cmd.reasons,
        decidedBy: cmd.actor,
        needsApproval: needsApproval(caseType, outcome.id),
      },
    },
  ];
};

/** Four-eyes: a decision that needs approval is approved or rejected by someone other than its author. */
const reviewDecision = (
  cmd: CaseCommandOf<'ApproveDecision' | 'RejectDecision'>,
  state: CaseState,
): CaseEvent[] => {
  const pending = state.pendingDecision;
  if (!pending) throw new InvalidTransition(state.status, describe(cmd));
  if (pending.decidedBy.id === cmd.actor.id) {
    throw new NotAllowed(
      'A decision must be approved or rejected by someone other than the person who made it',
    );
  }
  return cmd.type === 'ApproveDecision'
    ? [
        {
          type: 'DecisionApproved',
          data: { decisionId: pending.decisionId, approvedBy: cmd.actor },
        },
      ]
    : [
        {
          type: 'DecisionRejected',
          data: { decisionId: pending.decisionId, rejectedBy: cmd.actor, reason: cmd.reason },
        },
      ];
};

export const decide = (cmd: CaseCommand, state: CaseState, caseType: CaseType): CaseEvent[] => {
  if (cmd.type === 'SubmitApplication') {
    if (state.exists)
      throw new InvalidTransition(
        state.status,
        'submit',
        'This application has already been submitted',
      );
    return submit(cmd, caseType);
  }
  if (!state.exists)
    throw new InvalidTransition('not submitted', describe(cmd), 'There is no such case');
  switch (cmd.type) {
    case 'AmendAnswers':
      requireStatus(state, cmd, OPEN);
      refuseIfErased(state, cmd);
      return amend(cmd, state, caseType);
    case 'AttachDocument': {
      requireStatus(state, cmd, [...OPEN, 'decided']);
      if (state.documents.some((d) => d.documentId === cmd.documentId)) {
        throw invalid(['documentId'], 'This document is already attached');
      }
      const known =
        caseType.evidence.some((e) => e.id === cmd.evidenceType) || cmd.evidenceType === 'other';
      if (!known)
        throw invalid(
          ['evidenceType'],
          `Choose one of: ${[...caseType.evidence.map((e) => e.id), 'other'].join(', ')}`,
        );
      const { type: _type, actor: _actor, at: _at, ...document } = cmd;
      return [{ type: 'DocumentAttached', data: document }];
    }
    case 'TriageCase':
      requireStatus(state, cmd, WORKABLE);
      if (!caseType.teams.some((t) => t.id === cmd.team))
        throw invalid(['team'], `${cmd.team} is not a team of this service`);
      return [
        {
          type: 'CaseTriaged',
          data: { priority: cmd.priority, team: cmd.team, previousTeam: state.team },
        },
      ];
    case 'AssignCase':
      requireStatus(state, cmd, WORKABLE);
      if (state.assignee === cmd.assignee)
        throw invalid(['assignee'], `The case is already assigned to ${cmd.assignee}`);
      return [
        {
          type: 'CaseAssigned',
          data: { assignee: cmd.assignee, previousAssignee: state.assignee },
        },
      ];
    case 'UnassignCase':
      requireStatus(state, cmd, OPEN);
      if (!state.assignee)
        throw new InvalidTransition(
          state.status,
          describe(cmd),
          'The case is not assigned to anyone',
        );
      return [{ type: 'CaseUnassigned', data: { previousAssignee: state.assignee } }];
    case 'TransferTeam':
      requireStatus(state, cmd, OPEN);
      if (!caseType.teams.some((t) => t.id === cmd.team))
        throw invalid(['team'], `${cmd.team} is not a team of this service`);
      if (cmd.team === state.team) throw invalid(['team'], 'The case is already with this team');
      return [
        {
          type: 'CaseTransferred',
          data: { fromTeam: state.team, toTeam: cmd.team, reason: cmd.reason },
        },
      ];
    case 'RequestInformation':
      requireStatus(state, cmd, ['in_progress']);
      return [
        {
          type: 'InformationRequested',
          data: { requestId: cmd.requestId, items: cmd.items, message: cmd.message },
        },
      ];
    case 'RecordInformationReceived':
      requireStatus(state, cmd, ['awaiting_information']);
      return [
        {
          type: 'InformationReceived',
          data: { requestId: state.openRequest!.requestId, summary: cmd.summary },
        },
      ];
    case 'AddNote':
      refuseIfErased(state, cmd);
      return [{ type: 'NoteAdded', data: { noteId: cmd.noteId, personal: { text: cmd.text } } }];
    case 'RecordDecision':
      requireStatus(state, cmd, ['in_progress']);
      return recordDecision(cmd, state, caseType);
    case 'ApproveDecision':
    case 'RejectDecision':
      requireStatus(state, cmd, ['awaiting_approval']);
      return reviewDecision(cmd, state);
    case 'CloseCase':
      requireStatus(state, cmd, ['decided']);
      return [{ type: 'CaseClosed', data: { outcome: state.outcome ?? '' } }];
    case 'WithdrawApplication':
      requireStatus(state, cmd, OPEN);
      return [{ type: 'ApplicationWithdrawn', data: { reason: cmd.reason } }];
    case 'ReopenCase':
      requireStatus(state, cmd, ['closed', 'withdrawn']);
      return [{ type: 'CaseReopened', data: { reason: cmd.reason, previousStatus: state.status } }];
    case 'ExtendClock':
      requireStatus(state, cmd, OPEN);
      if (!caseType.sla.some((c) => c.clock === cmd.clock)) {
        throw invalid(['clock'], `Choose one of: ${caseType.sla.map((c) => c.clock).join(', ')}`);
      }
      return [
        {
          type: 'ClockExtended',
          data: { clock: cmd.clock, workingDays: cmd.workingDays, reason: cmd.reason },
        },
      ];
    case 'RecordSatisfaction':
      if (state.satisfactionRecorded)
        throw invalid(['rating'], 'Satisfaction has already been recorded for this case');
      if (cmd.comment !== null) refuseIfErased(state, cmd);
      return [
        {
          type: 'SatisfactionRecorded',
          data: { rating: cmd.rating, personal: { comment: cmd.comment } },
        },
      ];
    case 'ErasePersonalData':
      if (state.personalDataErased) {
        throw new InvalidTransition(
          state.status,
          describe(cmd),
          "This case's personal data has already been erased",
        );
      }
      return [
        {
          type: 'PersonalDataErased',
          data: { reason: cmd.reason, erasedBy: cmd.actor, retention: cmd.retention },
        },
      ];
  }
};

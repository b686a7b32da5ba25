import type { ReactNode } from 'react';
import { AssigneeChoice } from '../../components/assignee-choice';
import { Radios, Textarea } from '../../components/fields';
import { SummaryList } from '../../components/summary-list';
import { formatDateTime } from '../../format';
import type { StaffUser } from '../../session';
import { pendingDecision, type CaseDetail } from './case-data';
import type { CaseAction } from './case-actions';
import { caseMutation } from './use-case-change';

/**
 * The form of each action but amending answers (which asks the service's own questions):
 * its fields, what must be filled in before sending, and the mutation it becomes. Field
 * ids are the mutation's argument names, so the API's field errors land on them.
 */
type Values = Record<string, string>;

interface FieldsProps {
  detail: CaseDetail;
  user: StaffUser;
  values: Values;
  set: (name: string, value: string) => void;
  errors: Record<string, string>;
}

export interface ActionForm {
  initial?: (user: StaffUser) => Values;
  fields: (props: FieldsProps) => ReactNode;
  /** Messages for fields that must be filled in, by field id. */
  required: (values: Values, user: StaffUser) => Record<string, [boolean, string]>;
  mutation: (values: Values) => { query: string; variables: Record<string, unknown> };
  submit: string;
  /** Error paths shown on another element: each item of a list on the list's box. */
  targets?: Record<string, string>;
}

const blank = (value: string | undefined) => !value?.trim();
const isLeader = (user: StaffUser) => user.role !== 'caseworker';

const text =
  (name: string, label: string, hint?: string, rows = 5) =>
  (p: FieldsProps) => (
    <Textarea
      id={name}
      label={<span className="govuk-label--s">{label}</span>}
      hint={hint}
      rows={rows}
      value={p.values[name] ?? ''}
      onChange={(v) => p.set(name, v)}
      error={p.errors[name]}
    />
  );

const reasonForm = (
  field: string,
  params: Record<string, string>,
  label: string,
  message: string,
  submit: string,
): ActionForm => ({
  fields: text('reason', label),
  required: (v) => ({ reason: [blank(v.reason), message] }),
  mutation: (v) => ({
    query: caseMutation(field, params),
    variables: { reason: v.reason!.trim() },
  }),
  submit,
});

const PendingDecision = ({ detail }: { detail: CaseDetail }) => {
  const decision = pendingDecision(detail);
  if (!decision) return null;
  const outcome = detail.service.outcomes.find((o) => o.id === decision.outcome);
  return (
    <SummaryList
      rows={[
        { key: 'Outcome', value: outcome?.label ?? decision.outcome },
        { key: 'Reasons', value: decision.reasons },
        {
          key: 'Decided by',
          value: `${decision.decidedBy.id}, ${formatDateTime(decision.decidedAt)}`,
        },
      ]}
    />
  );
};

export const ACTION_FORMS: Record<Exclude<CaseAction, 'amend-answers'>, ActionForm> = {
  assign: {
    initial: (user) => ({ assignee: isLeader(user) ? '' : user.id }),
    fields: (p) =>
      isLeader(p.user) ? (
        <AssigneeChoice
          id="assignee"
          question="Who should work on this case?"
          teams={[p.detail.team]}
          value={p.values.assignee ?? ''}
          onChange={(v) => p.set('assignee', v)}
          error={p.errors.assignee}
        />
      ) : (
        <p className="govuk-body">The case will be assigned to you.</p>
      ),
    required: (v) => ({ assignee: [blank(v.assignee), 'Choose who to assign the case to'] }),
    mutation: (v) => ({
      query: caseMutation('assignCase', { assignee: 'String!' }),
      variables: { assignee: v.assignee!.trim() },
    }),
    submit: 'Assign case',
  },
  'request-information': {
    fields: (p) => (
      <>
        {text('items', 'What information do you need?', 'Put each item on its own line', 4)(p)}
        {text('message', 'Message to the applicant')(p)}
      </>
    ),
    required: (v) => ({
      items: [blank(v.items), 'Enter what information you need'],
      message: [blank(v.message), 'Enter the message to the applicant'],
    }),
    mutation: (v) => ({
      query: caseMutation('requestInformation', { items: '[String!]!', message: 'String!' }),
      variables: {
        items: v
          .items!.split('\n')
          .map((line) => line.trim())
          .filter(Boolean),
        message: v.message!.trim(),
      },
    }),
    submit: 'Request information',
    targets: Object.fromEntries(Array.from({ length: 20 }, (_, i) => [`items-${i}`, 'items'])),
  },
  'information-received': {
    fields: text('summary', 'What was received?', 'Summarise what the applicant sent'),
    required: (v) => ({
      summary: [blank(v.summary), 'Enter a summary of the information received'],
    }),
    mutation: (v) => ({
      query: caseMutation('recordInformationReceived', { summary: 'String!' }),
      variables: { summary: v.summary!.trim() },
    }),
    submit: 'Record information received',
  },
  decide: {
    fields: (p) => (
      <>
        <Radios
          id="outcome"
          legend="What is the decision?"
          legendClass="govuk-fieldset__legend--s"
          options={p.detail.service.outcomes.map((o) => ({ value: o.id, label: o.label }))}
          value={p.values.outcome ?? ''}
          onChange={(v) => p.set('outcome', v)}
          error={p.errors.outcome}
        />
        {text('reasons', 'Reasons for the decision', 'The applicant will be told these')(p)}
      </>
    ),
    required: (v) => ({
      outcome: [blank(v.outcome), 'Choose the decision'],
      reasons: [blank(v.reasons), 'Enter the reasons for the decision'],
    }),
    mutation: (v) => ({
      query: caseMutation('recordDecision', { outcome: 'String!', reasons: 'String!' }),
      variables: { outcome: v.outcome, reasons: v.reasons!.trim() },
    }),
    submit: 'Record decision',
  },
  'review-decision': {
    fields: (p) => (
      <>
        <PendingDecision detail={p.detail} />
        <Radios
          id="review"
          legend="Do you approve this decision?"
          legendClass="govuk-fieldset__legend--s"
          options={[
            { value: 'approve', label: 'Yes, approve it' },
            { value: 'reject', label: 'No, send it back to be decided again' },
          ]}
          value={p.values.review ?? ''}
          onChange={(v) => p.set('review', v)}
          error={p.errors.review}
        />
        {p.values.review === 'reject' && text('reason', 'Why are you rejecting it?')(p)}
      </>
    ),
    required: (v) => ({
      review: [blank(v.review), 'Choose whether to approve the decision'],
      reason: [
        v.review === 'reject' && blank(v.reason),
        'Enter why you are rejecting the decision',
      ],
    }),
    mutation: (v) =>
      v.review === 'approve'
        ? { query: caseMutation('approveDecision'), variables: {} }
        : {
            query: caseMutation('rejectDecision', { reason: 'String!' }),
            variables: { reason: v.reason!.trim() },
          },
    submit: 'Continue',
  },
  close: {
    fields: () => (
      <p className="govuk-body">The decision has been made. Closing the case stops work on it.</p>
    ),
    required: () => ({}),
    mutation: () => ({ query: caseMutation('closeCase'), variables: {} }),
    submit: 'Close case',
  },
  withdraw: reasonForm(
    'withdrawApplication',
    { reason: 'String!' },
    'Why is the application being withdrawn?',
    'Enter why the application is being withdrawn',
    'Withdraw application',
  ),
  reopen: reasonForm(
    'reopenCase',
    { reason: 'String!' },
    'Why is the case being reopened?',
    'Enter why the case is being reopened',
    'Reopen case',
  ),
  'add-note': {
    fields: text('text', 'Note'),
    required: (v) => ({ text: [blank(v.text), 'Enter the note'] }),
    mutation: (v) => ({
      query: caseMutation('addNote', { text: 'String!' }),
      variables: { text: v.text!.trim() },
    }),
    submit: 'Add note',
  },
};

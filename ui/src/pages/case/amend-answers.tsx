import { useState, type FormEvent } from 'react';
import { AnswerForm } from '../../components/answer-form';
import { Textarea } from '../../components/fields';
import { failing } from '../../components/form-errors';
import {
  answerErrorTargets,
  answersFrom,
  initialValues,
  type AnswerValue,
} from '../../components/service-form';
import type { CaseDetail } from './case-data';
import type { useCaseChange } from './use-case-change';

/**
 * Amending answers asks the service's own questions, filled in with the answers as they
 * are, and sends only the answers that changed, with the reason. The API checks them as it
 * checks any application, against the answers already given.
 */
const AMEND = /* GraphQL */ `
  mutation AmendAnswers($change: CaseChange!, $changes: JSON!, $reason: String!) {
    amendAnswers(change: $change, changes: $changes, reason: $reason) {
      revision
    }
  }
`;

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

export const AmendAnswers = ({
  detail,
  change,
}: {
  detail: CaseDetail;
  change: ReturnType<typeof useCaseChange>;
}) => {
  const [values, setValues] = useState(() => initialValues(detail.service, detail.answers));
  const [reason, setReason] = useState('');
  const before = answersFrom(detail.service, initialValues(detail.service, detail.answers));
  const { errors } = change;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const after = answersFrom(detail.service, values);
    const changes = Object.fromEntries(
      Object.entries(after).filter(([field, answer]) => !same(answer, before[field])),
    );
    const invalid = failing({
      'answers-changed': [Object.keys(changes).length === 0, 'Change at least one answer'],
      reason: [!reason.trim(), 'Enter why the answers are being amended'],
    });
    if (Object.keys(invalid).length) return change.refuse(invalid);
    // The API names a changed answer `changes.<field>`; the form's questions are `answers-<field>`.
    const targets = Object.fromEntries([
      ...Object.keys(after).map((field) => [`changes-${field}`, `answers-${field}`]),
      ...Object.entries(answerErrorTargets(detail.service)).map(([path, id]) => [
        path.replace(/^answers-/, 'changes-'),
        id,
      ]),
    ]);
    void change.send(
      AMEND,
      { changes, reason: reason.trim() },
      { done: 'Answers amended', targets },
    );
  };

  return (
    <form onSubmit={submit} noValidate>
      <p className="govuk-body" id="answers-changed" tabIndex={-1}>
        Change the answers that are wrong. Only the answers you change are recorded, with your
        reason.
      </p>
      <AnswerForm
        form={detail.service}
        values={values}
        onChange={(field: string, value: AnswerValue) => setValues({ ...values, [field]: value })}
        errors={errors.byField}
      />
      <Textarea
        id="reason"
        label={<span className="govuk-label--m">Why are the answers being amended?</span>}
        value={reason}
        onChange={setReason}
        error={errors.byField.reason}
      />
      <button type="submit" className="govuk-button" aria-disabled={change.busy}>
        Amend answers
      </button>
    </form>
  );
};

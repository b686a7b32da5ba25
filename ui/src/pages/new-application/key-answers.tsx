import { useState, type FormEvent } from 'react';
import { AnswerForm, useAnswers } from '../../components/answer-form';
import { FormErrorSummary } from '../../components/error-summary';
import { apiErrors, hasErrors, NO_ERRORS, type FormErrors } from '../../components/form-errors';
import { usePageTitle } from '../../components/page-title';
import { answerErrorTargets, answersFrom, type ServiceForm } from '../../components/service-form';
import { graphql } from '../../graphql/client';
import { Link, withQuery } from '../../router';
import { KEYED_CHANNELS, type KeyedChannel } from './channels';

const SUBMIT = /* GraphQL */ `
  mutation SubmitApplication($input: SubmitApplicationInput!) {
    submitApplication(input: $input) {
      caseId
      reference
    }
  }
`;

export interface Submitted {
  caseId: string;
  reference: string;
}

/**
 * The service's form, keyed by staff and sent through the same intake as a web form. The
 * idempotency key is made once per form, so pressing submit twice makes one case.
 */
export const KeyAnswers = ({
  form,
  channel,
  onSubmitted,
}: {
  form: ServiceForm;
  channel: KeyedChannel;
  onSubmitted: (submitted: Submitted) => void;
}) => {
  const answers = useAnswers(form);
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const [busy, setBusy] = useState(false);
  const [idempotencyKey] = useState(() => crypto.randomUUID());
  const channelLabel = KEYED_CHANNELS.find((c) => c.value === channel)!.label;
  usePageTitle(`New application: ${form.name}`, hasErrors(errors));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    setBusy(true);
    try {
      const { submitApplication } = await graphql<{ submitApplication: Submitted }>(SUBMIT, {
        input: {
          service: form.id,
          channel,
          answers: answersFrom(form, answers.values),
          idempotencyKey,
        },
      });
      onSubmitted(submitApplication);
    } catch (error) {
      setErrors(apiErrors(error, answerErrorTargets(form)));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <FormErrorSummary errors={errors} />
        <span className="govuk-caption-l">New application: {channelLabel}</span>
        <h1 className="govuk-heading-l">{form.name}</h1>
        <p className="govuk-body">
          <Link
            className="govuk-link"
            href={withQuery('/applications/new', { service: form.id, channel })}
          >
            Change the service or how it arrived
          </Link>
        </p>
        <form noValidate onSubmit={submit}>
          <AnswerForm form={form} {...answers} errors={errors.byField} />
          <button type="submit" className="govuk-button" aria-disabled={busy}>
            Submit application
          </button>
        </form>
      </div>
    </div>
  );
};

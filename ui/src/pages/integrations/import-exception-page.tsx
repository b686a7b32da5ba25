import { useEffect, useState, type FormEvent } from 'react';
import { AnswerForm, useAnswers } from '../../components/answer-form';
import { FormErrorSummary } from '../../components/error-summary';
import { Textarea } from '../../components/fields';
import { apiErrors, hasErrors, NO_ERRORS, type FormErrors } from '../../components/form-errors';
import { usePageTitle } from '../../components/page-title';
import { answerErrorTargets, answersFrom, type ServiceForm } from '../../components/service-form';
import { CHANNEL_LABELS } from '../../format';
import { graphql, GraphQLRequestError } from '../../graphql/client';
import { useQuery } from '../../graphql/use-query';
import { Link, navigate, withQuery } from '../../router';
import type { PageProps } from '../../routes';
import { Loading, NotFoundPage, ProblemPage } from '../problem-pages';
import {
  IMPORT_EXCEPTIONS,
  rowName,
  type ImportException,
  type ImportExceptions,
} from './import-exception-data';

const RESOLVE = /* GraphQL */ `
  mutation ResolveImportException($id: ID!, $answers: JSON!) {
    resolveImportException(id: $id, answers: $answers) {
      reference
    }
  }
`;

const DISCARD = /* GraphQL */ `
  mutation DiscardImportException($id: ID!, $reason: String!) {
    discardImportException(id: $id, reason: $reason)
  }
`;

const LIST = '/integrations/import-exceptions';

/** One refused row: its answers in the service's form, with the intake's errors, to mend or discard. */
export const ImportExceptionPage = ({ params }: PageProps) => {
  const { data, error } = useQuery<ImportExceptions>(IMPORT_EXCEPTIONS);
  if (error) return <ProblemPage title="Import exceptions unavailable" message={error.message} />;
  if (!data) return <Loading what="the imported row" />;
  const exception = data.importExceptions.find((e) => e.id === params.id);
  const form = data.services.find((s) => s.id === exception?.service);
  if (!exception || !form) return <NotFoundPage />;
  return <MendRow exception={exception} form={form} />;
};

const MendRow = ({ exception, form }: { exception: ImportException; form: ServiceForm }) => {
  const answers = useAnswers(form, exception.row);
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const name = rowName(exception);
  usePageTitle(`Mend ${name}`, hasErrors(errors));
  // The intake's reasons for refusing the row, beside the answers they are about.
  useEffect(() => {
    const refused = new GraphQLRequestError(
      'BAD_USER_INPUT',
      'The intake refused this row',
      exception.errors,
    );
    setErrors(apiErrors(refused, answerErrorTargets(form)));
  }, [exception, form]);

  const resolve = async (event: FormEvent) => {
    event.preventDefault();
    try {
      const { resolveImportException } = await graphql<{
        resolveImportException: { reference: string };
      }>(RESOLVE, { id: exception.id, answers: answersFrom(form, answers.values) });
      navigate(withQuery(LIST, { submitted: resolveImportException.reference }));
    } catch (failure) {
      setErrors(apiErrors(failure, answerErrorTargets(form)));
    }
  };
  const discard = async (event: FormEvent) => {
    event.preventDefault();
    try {
      await graphql(DISCARD, { id: exception.id, reason });
      navigate(withQuery(LIST, { discarded: name }));
    } catch (failure) {
      setErrors(apiErrors(failure));
    }
  };

  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <FormErrorSummary errors={errors} />
        <span className="govuk-caption-l">
          {form.name}: {CHANNEL_LABELS[exception.channel]}
        </span>
        <h1 className="govuk-heading-l">Mend {name}</h1>
        <p className="govuk-body">
          Correct the answers from the row and submit it, or discard it below.{' '}
          <Link className="govuk-link" href={LIST}>
            Back to import exceptions
          </Link>
        </p>
        <form noValidate onSubmit={resolve}>
          <AnswerForm form={form} {...answers} errors={errors.byField} />
          <button type="submit" className="govuk-button">
            Submit the mended application
          </button>
        </form>
        <h2 className="govuk-heading-m">Discard the row</h2>
        <form noValidate onSubmit={discard}>
          <Textarea
            id="reason"
            label="Why is it being discarded?"
            hint="For example, a duplicate of an application already made"
            value={reason}
            onChange={setReason}
            rows={3}
            error={errors.byField.reason}
          />
          <button type="submit" className="govuk-button govuk-button--warning">
            Discard the row
          </button>
        </form>
      </div>
    </div>
  );
};

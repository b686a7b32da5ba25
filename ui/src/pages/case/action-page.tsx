import { useState, type FormEvent } from 'react';
import { ErrorSummary, FormErrorSummary } from '../../components/error-summary';
import { failing, hasErrors } from '../../components/form-errors';
import { usePageTitle } from '../../components/page-title';
import { SummaryList } from '../../components/summary-list';
import { StatusTag } from '../../components/tags';
import { formatDateTime, STATUS_LABELS } from '../../format';
import { Link } from '../../router';
import type { PageProps } from '../../routes';
import { useSession, type StaffUser } from '../../session';
import { Loading, NotFoundPage, ProblemPage } from '../problem-pages';
import { ACTION_FORMS } from './action-forms';
import { AmendAnswers } from './amend-answers';
import { CASE_ACTIONS, isCaseAction, type CaseAction } from './case-actions';
import { useCase, type CaseDetail } from './case-data';
import { casePath } from './case-ids';
import { useCaseChange } from './use-case-change';

/**
 * One action on a case, on a page of its own (one thing per page, as GOV.UK forms are).
 * The page keeps the revision it loaded: a change someone else makes meanwhile is
 * refused by the API, and the page then shows the case as it now is.
 */
const SomeoneElseChangedIt = ({ detail }: { detail: CaseDetail }) => (
  <ErrorSummary errors={[]} title="Someone else changed this case first">
    <p className="govuk-body">Your change has not been saved. The case is now:</p>
    <SummaryList
      rows={[
        { key: 'Status', value: <StatusTag status={detail.status} /> },
        { key: 'Assigned to', value: detail.assignee ?? 'Nobody' },
        { key: 'Last changed', value: formatDateTime(detail.lastActivityAt) },
      ]}
    />
    <p className="govuk-body">
      Check{' '}
      <Link className="govuk-link" href={casePath(detail.caseId)}>
        the case
      </Link>
      , then send your change again if it still makes sense.
    </p>
  </ErrorSummary>
);

const SimpleAction = ({
  action,
  detail,
  user,
  change,
}: {
  action: Exclude<CaseAction, 'amend-answers'>;
  detail: CaseDetail;
  user: StaffUser;
  change: ReturnType<typeof useCaseChange>;
}) => {
  const form = ACTION_FORMS[action];
  const [values, setValues] = useState(() => form.initial?.(user) ?? {});
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const invalid = failing(form.required(values, user));
    if (Object.keys(invalid).length) return change.refuse(invalid);
    const { query, variables } = form.mutation(values);
    void change.send(query, variables, {
      done: CASE_ACTIONS[action].done,
      ...(form.targets ? { targets: form.targets } : {}),
    });
  };
  return (
    <form onSubmit={submit} noValidate>
      {form.fields({
        detail,
        user,
        values,
        set: (name, value) => setValues((v) => ({ ...v, [name]: value })),
        errors: change.errors.byField,
      })}
      <div className="govuk-button-group">
        <button type="submit" className="govuk-button" aria-disabled={change.busy}>
          {form.submit}
        </button>
        <Link className="govuk-link" href={casePath(detail.caseId)}>
          Cancel
        </Link>
      </div>
    </form>
  );
};

export const CaseActionPage = ({ params }: PageProps) => {
  const session = useSession();
  const action = params.action ?? '';
  const { data, error, reload } = useCase(params.id ?? '', { live: false });
  const detail = data?.case;
  const change = useCaseChange(detail, reload);
  const label = isCaseAction(action) ? CASE_ACTIONS[action].label : 'Not found';
  usePageTitle(detail ? `${label} – ${detail.reference}` : label, hasErrors(change.errors));

  if (!isCaseAction(action) || error?.code === 'NOT_FOUND') return <NotFoundPage />;
  if (error && !detail) return <ProblemPage title={label} message={error.message} />;
  if (!detail || !session) return <Loading what="the case" />;
  const allowed = CASE_ACTIONS[action].allowed(detail, session.user);
  return (
    <>
      <Link className="govuk-back-link" href={casePath(detail.caseId)}>
        Back to {detail.reference}
      </Link>
      {change.conflict > 0 && <SomeoneElseChangedIt key={change.conflict} detail={detail} />}
      <FormErrorSummary errors={change.errors} />
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <span className="govuk-caption-l">{detail.reference}</span>
          <h1 className="govuk-heading-l">{label}</h1>
          {!allowed ? (
            <p className="govuk-body">
              You cannot do this now: the case is {STATUS_LABELS[detail.status].toLowerCase()}
              {detail.assignee ? `, assigned to ${detail.assignee}` : ''}.
            </p>
          ) : action === 'amend-answers' ? (
            <AmendAnswers detail={detail} change={change} />
          ) : (
            <SimpleAction action={action} detail={detail} user={session.user} change={change} />
          )}
        </div>
      </div>
    </>
  );
};

import { useState } from 'react';
import { ErrorSummary } from '../../components/error-summary';
import { hasErrors, NO_ERRORS, type FormErrors } from '../../components/form-errors';
import { usePageTitle } from '../../components/page-title';
import { SummaryList } from '../../components/summary-list';
import { StatusTag } from '../../components/tags';
import { CHANNEL_LABELS, formatDateTime } from '../../format';
import { useLiveRefresh } from '../../graphql/subscriptions';
import { useQuery } from '../../graphql/use-query';
import { Link, navigate, useLocation, withQuery } from '../../router';
import type { PageProps } from '../../routes';
import { useSession } from '../../session';
import { Loading, ProblemPage } from '../problem-pages';
import { AccessLog } from './access-log';
import { AsOfControl, CaseAsOfView, type AsOf } from './as-of';
import {
  ACCESS_LOG,
  AUDIT,
  CASE_UPDATED,
  VERIFY,
  type AccessEntry,
  type AuditedCase,
  type AuditEvent,
  type Verification,
} from './audit-data';
import { downloadAudit } from './audit-export';
import { EventHistory } from './event-history';
import { VerificationResult } from './verification';
import './audit.css';

/**
 * A case's audit: whether its history is intact, the case as of any earlier point, every
 * event with who did what on which channel, who has read it, and exports of all of it.
 */
const asOfFrom = (query: URLSearchParams): AsOf | null => {
  const revision = query.get('revision');
  const time = query.get('at');
  return revision ? { revision } : time ? { time } : null;
};

export const AuditPage = ({ params }: PageProps) => {
  const caseId = params.id!;
  const location = useLocation();
  const role = useSession()?.user.role;
  const auditor = role === 'auditor' || role === 'admin';
  const variables = { caseId };
  const audit = useQuery<{ case: AuditedCase | null; auditTrail: AuditEvent[] }>(AUDIT, variables);
  const verify = useQuery<{ verifyCase: Verification }>(VERIFY, auditor ? variables : null);
  // Read once the history has been, so the log includes this very reading.
  const accessLog = useQuery<{ accessLog: AccessEntry[] }>(
    ACCESS_LOG,
    auditor && audit.data ? variables : null,
  );
  useLiveRefresh(CASE_UPDATED, variables, () => {
    void audit.reload();
    void verify.reload();
    void accessLog.reload();
  });
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const asOf = asOfFrom(location.query);
  const reference = audit.data?.case?.reference;
  usePageTitle(reference ? `Audit of ${reference}` : 'Audit', hasErrors(errors));

  if (audit.error) return <ProblemPage title="Audit unavailable" message={audit.error.message} />;
  if (!audit.data) return <Loading what="the case's history" />;
  const { case: auditedCase, auditTrail } = audit.data;
  if (!auditedCase) return <ProblemPage title="Case not found" message="There is no such case." />;
  const record = {
    auditedCase,
    events: auditTrail,
    verification: verify.data?.verifyCase ?? null,
    accessLog: accessLog.data?.accessLog ?? null,
  };
  const choose = (chosen: AsOf) => {
    setErrors(NO_ERRORS);
    navigate(
      withQuery(
        location.pathname,
        'revision' in chosen ? { revision: chosen.revision } : { at: chosen.time },
      ),
      { replace: true },
    );
  };

  return (
    <>
      <ErrorSummary errors={errors.links} attempt={errors.attempt} />
      <span className="govuk-caption-l">{auditedCase.service.name}</span>
      <h1 className="govuk-heading-l">Audit of {auditedCase.reference}</h1>
      <p className="govuk-body">
        <Link className="govuk-link" href={`/cases/${caseId}`}>
          Back to the case
        </Link>
      </p>
      <VerificationResult
        verification={record.verification}
        error={verify.error}
        forbidden={!auditor}
      />
      <SummaryList
        rows={[
          { key: 'Status now', value: <StatusTag status={auditedCase.status} /> },
          { key: 'Applied by', value: CHANNEL_LABELS[auditedCase.channel] },
          { key: 'Submitted', value: formatDateTime(auditedCase.submittedAt) },
          { key: 'Events', value: String(auditTrail.length) },
        ]}
      />
      <h2 className="govuk-heading-m">Export</h2>
      <div className="govuk-button-group">
        <button
          type="button"
          className="govuk-button govuk-button--secondary"
          onClick={() => downloadAudit(record, 'csv')}
        >
          Download the history as CSV
        </button>
        <button
          type="button"
          className="govuk-button govuk-button--secondary"
          onClick={() => downloadAudit(record, 'json')}
        >
          Download everything as JSON
        </button>
      </div>
      <h2 className="govuk-heading-m">The case at an earlier point</h2>
      <AsOfControl
        events={auditTrail}
        asOf={asOf}
        onChoose={choose}
        onErrors={setErrors}
        errors={errors.byField}
      />
      {asOf && (
        <>
          <CaseAsOfView caseId={caseId} asOf={asOf} service={auditedCase.service} />
          <p className="govuk-body">
            <Link className="govuk-link" href={location.pathname}>
              Stop showing an earlier point
            </Link>
          </p>
        </>
      )}
      <EventHistory
        events={auditTrail}
        service={auditedCase.service}
        current={asOf && 'revision' in asOf ? asOf.revision : null}
      />
      <AccessLog entries={record.accessLog} error={accessLog.error} forbidden={!auditor} />
    </>
  );
};

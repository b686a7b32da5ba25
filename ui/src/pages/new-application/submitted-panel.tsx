import { useEffect, useRef } from 'react';
import { usePageTitle } from '../../components/page-title';
import { Link, withQuery } from '../../router';
import type { Submitted } from './key-answers';

/** The GOV.UK confirmation panel: the case's reference to give the applicant. */
export const SubmittedPanel = ({
  submitted,
  service,
  channel,
}: {
  submitted: Submitted;
  service: string;
  channel: string;
}) => {
  usePageTitle('Application submitted');
  const heading = useRef<HTMLHeadingElement>(null);
  // The address does not change, so move focus here as a new page would.
  useEffect(() => heading.current?.focus(), []);
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <div className="govuk-panel govuk-panel--confirmation">
          <h1 className="govuk-panel__title" tabIndex={-1} ref={heading}>
            Application submitted
          </h1>
          <div className="govuk-panel__body">
            Reference
            <br />
            <strong>{submitted.reference}</strong>
          </div>
        </div>
        <p className="govuk-body">Give the applicant this reference.</p>
        <p className="govuk-body">
          <Link className="govuk-link" href={`/cases/${submitted.caseId}`}>
            View the case {submitted.reference}
          </Link>
        </p>
        <p className="govuk-body">
          <Link className="govuk-link" href={withQuery('/applications/new', { service, channel })}>
            Key another application
          </Link>
        </p>
      </div>
    </div>
  );
};

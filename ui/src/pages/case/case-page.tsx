import { useState } from 'react';
import { NotificationBanner } from '../../components/notification-banner';
import { usePageTitle } from '../../components/page-title';
import { takeFlash } from '../../flash';
import { formatDateTime } from '../../format';
import { Link } from '../../router';
import type { PageProps } from '../../routes';
import { useSession, type Role } from '../../session';
import { Loading, NotFoundPage, ProblemPage } from '../problem-pages';
import { availableActions } from './case-actions';
import { CaseActionsMenu } from './case-actions-menu';
import { useCase } from './case-data';
import { CaseHistory } from './case-history';
import { casePath } from './case-ids';
import {
  Answers,
  CaseSummary,
  Clocks,
  Decisions,
  Documents,
  InformationRequests,
  Notes,
} from './case-sections';

/**
 * A case as a caseworker works it: where it stands, what it needs next (the actions
 * open to this person now), the applicant's answers, evidence, notes, every service-level
 * clock and its history. Someone else's change shows here as it happens.
 */
const AUDIT_READERS: Role[] = ['auditor', 'admin'];

export const CasePage = ({ params }: PageProps) => {
  const session = useSession();
  const { data, error } = useCase(params.id ?? '', { live: true });
  const [flash] = useState(takeFlash);
  const detail = data?.case;
  usePageTitle(detail ? `${detail.reference} – ${detail.service.name}` : 'Case');

  if (error?.code === 'NOT_FOUND') return <NotFoundPage />;
  if (error && !detail) return <ProblemPage title="Case" message={error.message} />;
  if (!detail || !session) return <Loading what="the case" />;
  const actions = availableActions(detail, session.user);
  return (
    <>
      {flash && <NotificationBanner success heading={flash} />}
      <span className="govuk-caption-l">{detail.service.name}</span>
      <h1 className="govuk-heading-l">{detail.reference}</h1>
      <p className="govuk-body-s" role="status">
        Last changed {formatDateTime(detail.lastActivityAt)} (revision {detail.revision})
      </p>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <CaseSummary detail={detail} />
        </div>
        <div className="govuk-grid-column-one-third">
          {AUDIT_READERS.includes(session.user.role) && (
            <p className="govuk-body">
              <Link className="govuk-link" href={`${casePath(detail.caseId)}/audit`}>
                Audit this case
              </Link>
            </p>
          )}
          {actions.length > 0 && (
            <CaseActionsMenu key={actions.join(' ')} caseId={detail.caseId} actions={actions} />
          )}
        </div>
      </div>
      <Clocks detail={detail} />
      <InformationRequests detail={detail} />
      <Decisions detail={detail} />
      <Answers detail={detail} />
      <Documents detail={detail} />
      <Notes detail={detail} />
      <CaseHistory caseId={detail.caseId} revision={detail.revision} />
    </>
  );
};

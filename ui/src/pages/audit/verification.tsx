import type { GraphQLRequestError } from '../../graphql/client';
import type { Verification } from './audit-data';

/**
 * The hash-chain check, at the top of the page: green when every event still matches the
 * hash recorded with it, red naming the first altered or missing event when not.
 */
export const VerificationResult = ({
  verification,
  error,
  forbidden,
}: {
  verification: Verification | null;
  error: GraphQLRequestError | null;
  /** The person's role may not verify histories. */
  forbidden: boolean;
}) => {
  if (forbidden)
    return (
      <div className="govuk-inset-text">
        Only auditors and administrators can verify the history.
      </div>
    );
  if (error) {
    return (
      <div className="govuk-inset-text">The history could not be verified: {error.message}</div>
    );
  }
  if (!verification) {
    return (
      <p className="govuk-body" role="status">
        Verifying the history…
      </p>
    );
  }
  if (verification.intact) {
    return (
      <div
        className="govuk-notification-banner govuk-notification-banner--success"
        role="region"
        aria-labelledby="verification-title"
        data-verification="intact"
      >
        <div className="govuk-notification-banner__header">
          <h2 className="govuk-notification-banner__title" id="verification-title">
            Integrity verified
          </h2>
        </div>
        <div className="govuk-notification-banner__content">
          <p className="govuk-notification-banner__heading">
            The history is intact: all {verification.eventsChecked} events match their recorded
            hashes.
          </p>
        </div>
      </div>
    );
  }
  return (
    <div
      className="govuk-error-summary"
      aria-labelledby="verification-title"
      role="region"
      data-verification="altered"
    >
      <h2 className="govuk-error-summary__title" id="verification-title">
        The history has been altered
      </h2>
      <div className="govuk-error-summary__body">
        <p className="govuk-body">
          {verification.eventsChecked} events checked. Do not rely on this case's history until the
          altered events are investigated.
        </p>
        <ul className="govuk-list govuk-error-summary__list">
          {verification.altered.map((a) => (
            <li key={`${a.revision}:${a.eventId}`}>
              Revision {a.revision}: {a.reason}
            </li>
          ))}
        </ul>
      </div>
    </div>
  );
};

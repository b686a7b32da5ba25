import type { ReactNode } from 'react';

/**
 * The GOV.UK notification banner. A success banner is announced at once (role alert);
 * an important one is a labelled region the person reaches in reading order.
 */
export const NotificationBanner = ({
  title,
  heading,
  children,
  success = false,
}: {
  title?: string;
  heading: ReactNode;
  children?: ReactNode;
  success?: boolean;
}) => {
  const titleId = `banner-title-${success ? 'success' : 'important'}`;
  return (
    <div
      className={`govuk-notification-banner${success ? ' govuk-notification-banner--success' : ''}`}
      role={success ? 'alert' : 'region'}
      aria-labelledby={titleId}
    >
      <div className="govuk-notification-banner__header">
        <h2 className="govuk-notification-banner__title" id={titleId}>
          {title ?? (success ? 'Success' : 'Important')}
        </h2>
      </div>
      <div className="govuk-notification-banner__content">
        <p className="govuk-notification-banner__heading">{heading}</p>
        {children}
      </div>
    </div>
  );
};

import { NotificationBanner } from './notification-banner';

/**
 * A secret the back office keeps only as a hash (an API key) or will not show again (a
 * signing secret): shown once in a success banner, ready to copy.
 */
export const ShownOnce = ({ heading, secret }: { heading: string; secret: string }) => (
  <NotificationBanner success heading={heading}>
    <p className="govuk-body">Copy it now and store it safely: it will not be shown again.</p>
    <p className="govuk-body">
      <code className="app-secret" data-secret>
        {secret}
      </code>
    </p>
  </NotificationBanner>
);

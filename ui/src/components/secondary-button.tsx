import type { ReactNode } from 'react';

/**
 * A secondary submit button, for forms that sit beside a page's main content. `busy` marks
 * it aria-disabled rather than disabled, so it keeps focus while a request is in flight.
 */
export const SecondarySubmit = ({ busy, children }: { busy?: boolean; children: ReactNode }) => (
  <button type="submit" className="govuk-button govuk-button--secondary" aria-disabled={busy}>
    {children}
  </button>
);

import { useEffect, useState } from 'react';
import { ErrorSummary } from '../components/error-summary';
import { usePageTitle } from '../components/page-title';
import { completeSignIn, startSignIn } from '../oidc/oidc-sign-in';
import type { SignInConfig } from '../oidc/provider';
import { Link, navigate, useLocation } from '../router';
import { Loading } from './problem-pages';

/**
 * Signing in through the department's OIDC provider: a button that leaves for its sign-in
 * page, and the page it sends the browser back to (`/sign-in/callback`), which finishes
 * the sign-in or says plainly why it was refused.
 */

/** Only addresses in this service, so a crafted link cannot send someone elsewhere. */
export const safeNext = (next: string | null) =>
  next && next.startsWith('/') && !next.startsWith('//') ? next : '/';

export const OidcSignIn = ({ oidc }: { oidc: Extract<SignInConfig, { mode: 'oidc' }> }) => {
  const location = useLocation();
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  usePageTitle('Sign in', problem !== null);
  const start = () => {
    setBusy(true);
    startSignIn(oidc, safeNext(location.query.get('next'))).catch((error: Error) => {
      setBusy(false);
      setProblem(error.message);
    });
  };
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <ErrorSummary errors={[]} description={problem} />
        <h1 className="govuk-heading-l">Sign in</h1>
        <p className="govuk-body">
          Sign in with your department account. You will go to your department’s sign-in page, then
          come back to Casework.
        </p>
        <button type="button" className="govuk-button" onClick={start} aria-disabled={busy}>
          Sign in
        </button>
      </div>
    </div>
  );
};

export const SignInCallbackPage = () => {
  const location = useLocation();
  const [problem, setProblem] = useState<string | null>(null);
  usePageTitle(problem ? 'You have not been signed in' : 'Signing in');
  useEffect(() => {
    completeSignIn(location.query).then(
      (next) => navigate(next, { replace: true }),
      (error: Error) => setProblem(error.message),
    );
  }, [location.query]);
  if (!problem) return <Loading what="your sign-in" />;
  return (
    <>
      <h1 className="govuk-heading-l">You have not been signed in</h1>
      <p className="govuk-body">{problem}</p>
      <p className="govuk-body">
        <Link className="govuk-link" href="/sign-in">
          Sign in again
        </Link>
      </p>
    </>
  );
};

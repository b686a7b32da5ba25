import { usePageTitle } from '../components/page-title';
import { Link } from '../router';

/** Pages for addresses that lead nowhere, or somewhere the person may not go. */
export const NotFoundPage = () => {
  usePageTitle('Page not found');
  return (
    <>
      <h1 className="govuk-heading-l">Page not found</h1>
      <p className="govuk-body">If you typed the web address, check it is correct.</p>
      <p className="govuk-body">
        <Link className="govuk-link" href="/">
          Go to your queues
        </Link>
      </p>
    </>
  );
};

export const ForbiddenPage = () => {
  usePageTitle('You cannot see this page');
  return (
    <>
      <h1 className="govuk-heading-l">You cannot see this page</h1>
      <p className="govuk-body">Your role does not give you access to it.</p>
      <p className="govuk-body">
        <Link className="govuk-link" href="/">
          Go to the home page
        </Link>
      </p>
    </>
  );
};

/** An answer the API gave instead of what the page needs. */
export const ProblemPage = ({ title, message }: { title: string; message: string }) => {
  usePageTitle(title);
  return (
    <>
      <h1 className="govuk-heading-l">{title}</h1>
      <p className="govuk-body">{message}</p>
    </>
  );
};

export const Loading = ({ what }: { what: string }) => (
  <p className="govuk-body" role="status">
    Loading {what}…
  </p>
);

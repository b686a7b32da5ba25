import { useState } from 'react';
import { graphql } from '../../graphql/client';
import { asRequestError } from '../../graphql/use-query';
import { navigate } from '../../router';

const TAKE_NEXT = /* GraphQL */ `
  mutation TakeNextCase {
    takeNextCase {
      caseId
      reference
    }
  }
`;

/**
 * "Take next case": the server claims the most pressing unassigned case in the person's
 * teams for them, atomically, and the case opens.
 */
export const TakeNextCase = () => {
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const take = async () => {
    setBusy(true);
    setMessage(null);
    try {
      const { takeNextCase } = await graphql<{ takeNextCase: { caseId: string } | null }>(
        TAKE_NEXT,
      );
      if (takeNextCase) navigate(`/cases/${takeNextCase.caseId}`);
      else setMessage('There are no cases for you to take at the moment.');
    } catch (error) {
      setMessage(asRequestError(error).message);
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <button
        type="button"
        className="govuk-button govuk-!-margin-bottom-4"
        onClick={take}
        aria-disabled={busy}
      >
        Take next case
      </button>
      <div role="status">{message && <p className="govuk-inset-text">{message}</p>}</div>
    </>
  );
};

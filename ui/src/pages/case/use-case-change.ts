import { useState } from 'react';
import { apiErrors, localErrors, NO_ERRORS, type FormErrors } from '../../components/form-errors';
import { setFlash } from '../../flash';
import { graphql, isConflict } from '../../graphql/client';
import { navigate } from '../../router';
import type { CaseDetail } from './case-data';
import { casePath } from './case-ids';

/**
 * Sending a change to a case: it carries the revision the person saw. Success returns to
 * the case with a confirmation; invalid input shows GOV.UK errors; if someone else
 * changed the case first (CONFLICT), the case is read again so the page shows what it is
 * now, and the person decides whether their change still makes sense.
 */
export const caseMutation = (field: string, params: Record<string, string> = {}) => {
  const declared = Object.entries(params).map(([name, type]) => `, $${name}: ${type}`);
  const passed = Object.keys(params).map((name) => `, ${name}: $${name}`);
  return `mutation ($change: CaseChange!${declared.join('')}) {
    ${field}(change: $change${passed.join('')}) { revision }
  }`;
};

export const useCaseChange = (
  detail: CaseDetail | null | undefined,
  reload: () => Promise<void>,
) => {
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  /** How many times the change met someone else's first (0: it has not); each shows afresh. */
  const [conflict, setConflict] = useState(0);
  const [busy, setBusy] = useState(false);

  const send = async (
    mutation: string,
    variables: Record<string, unknown>,
    { done, targets = {} }: { done: string; targets?: Record<string, string> },
  ) => {
    if (!detail || busy) return;
    setBusy(true);
    try {
      await graphql(mutation, {
        change: { caseId: detail.caseId, expectedRevision: detail.revision },
        ...variables,
      });
      setFlash(done);
      navigate(casePath(detail.caseId));
    } catch (error) {
      if (isConflict(error)) {
        await reload();
        setConflict((n) => n + 1);
        setErrors(NO_ERRORS);
      } else {
        setConflict(0);
        setErrors(apiErrors(error, targets));
      }
    } finally {
      setBusy(false);
    }
  };

  /** Shows errors found before sending. */
  const refuse = (byField: Record<string, string>) => {
    setConflict(0);
    setErrors(localErrors(byField));
  };

  return { errors, conflict, busy, send, refuse };
};

import { useEffect, useRef, useState } from 'react';

/**
 * A button for an action that cannot be undone (revoking a key, deleting an endpoint):
 * the first press asks again beside it, and only "Yes" does it. Focus moves to the
 * question's button so keyboard users land on the choice.
 */
export const ConfirmAction = ({
  label,
  subject,
  confirmLabel,
  onConfirm,
}: {
  /** The button's text, e.g. "Revoke". */
  label: string;
  /** What it acts on, for screen readers: "Revoke council-forms". */
  subject: string;
  confirmLabel: string;
  onConfirm: () => Promise<void>;
}) => {
  const [asking, setAsking] = useState(false);
  const [busy, setBusy] = useState(false);
  const yes = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (asking) yes.current?.focus();
  }, [asking]);
  if (!asking) {
    return (
      <button
        type="button"
        className="govuk-button govuk-button--secondary govuk-!-margin-bottom-0"
        onClick={() => setAsking(true)}
      >
        {label}
        <span className="govuk-visually-hidden"> {subject}</span>
      </button>
    );
  }
  return (
    <div className="govuk-button-group govuk-!-margin-bottom-0">
      <button
        type="button"
        ref={yes}
        className="govuk-button govuk-button--warning govuk-!-margin-bottom-0"
        aria-disabled={busy}
        onClick={async () => {
          if (busy) return;
          setBusy(true);
          try {
            await onConfirm();
          } finally {
            setBusy(false);
            setAsking(false);
          }
        }}
      >
        {confirmLabel}
        <span className="govuk-visually-hidden"> {subject}</span>
      </button>
      <button
        type="button"
        className="govuk-button govuk-button--secondary govuk-!-margin-bottom-0"
        onClick={() => setAsking(false)}
      >
        Cancel
      </button>
    </div>
  );
};

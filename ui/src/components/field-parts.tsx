import type { ReactNode } from 'react';

/** The parts every GOV.UK field shares: hint, error message, error state, fieldset. */
export interface FieldProps {
  id: string;
  label: ReactNode;
  hint?: ReactNode;
  error?: string | undefined;
}

export const describedBy = (id: string, hint: unknown, error: unknown) =>
  [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;

export const groupClass = (error: unknown) =>
  `govuk-form-group${error ? ' govuk-form-group--error' : ''}`;

export const Hint = ({ id, hint }: { id: string; hint: ReactNode }) =>
  hint ? (
    <div id={`${id}-hint`} className="govuk-hint">
      {hint}
    </div>
  ) : null;

export const ErrorMessage = ({ id, error }: { id: string; error?: string | undefined }) =>
  error ? (
    <p id={`${id}-error`} className="govuk-error-message">
      <span className="govuk-visually-hidden">Error:</span> {error}
    </p>
  ) : null;

export const Fieldset = ({
  id,
  legend,
  hint,
  error,
  children,
  legendClass = 'govuk-fieldset__legend--s',
}: Omit<FieldProps, 'label'> & {
  legend: ReactNode;
  children: ReactNode;
  legendClass?: string;
}) => (
  <div className={groupClass(error)}>
    <fieldset className="govuk-fieldset" aria-describedby={describedBy(id, hint, error)}>
      <legend className={`govuk-fieldset__legend ${legendClass}`}>{legend}</legend>
      <Hint id={id} hint={hint} />
      <ErrorMessage id={id} error={error} />
      {children}
    </fieldset>
  </div>
);

/** A single-control field: the form group, label, hint and error message around its input. */
export const LabelledField = ({
  id,
  label,
  hint,
  error,
  children,
}: FieldProps & { children: ReactNode }) => (
  <div className={groupClass(error)}>
    <label className="govuk-label" htmlFor={id}>
      {label}
    </label>
    <Hint id={id} hint={hint} />
    <ErrorMessage id={id} error={error} />
    {children}
  </div>
);

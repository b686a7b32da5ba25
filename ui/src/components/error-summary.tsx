import type { ReactNode } from 'react';
import type { FormErrors } from './form-errors';
import { useDesignSystem } from './use-design-system';

export interface ErrorLink {
  /** The id of the field to move to. */
  id: string;
  text: string;
}

interface Props {
  errors: ErrorLink[];
  /** What went wrong when it is about no one field. */
  description?: string | null;
  /** Changes on every failed attempt, so the summary takes focus again. */
  attempt?: number;
  title?: string;
  children?: ReactNode;
}

/**
 * The GOV.UK error summary. GOV.UK Frontend's script moves focus to it when it appears
 * and from its links to the fields, so it is mounted afresh for each failed attempt.
 */
const Summary = ({ errors, description, title = 'There is a problem', children }: Props) => {
  const ref = useDesignSystem<HTMLDivElement>();
  return (
    <div ref={ref}>
      <div className="govuk-error-summary" data-module="govuk-error-summary">
        <div role="alert">
          <h2 className="govuk-error-summary__title">{title}</h2>
          <div className="govuk-error-summary__body">
            {description && <p className="govuk-body">{description}</p>}
            {children}
            {errors.length > 0 && (
              <ul className="govuk-list govuk-error-summary__list">
                {errors.map((e) => (
                  <li key={`${e.id}:${e.text}`}>
                    <a href={`#${e.id}`}>{e.text}</a>
                  </li>
                ))}
              </ul>
            )}
          </div>
        </div>
      </div>
    </div>
  );
};

export const ErrorSummary = (props: Props) =>
  props.errors.length > 0 || props.description || props.children ? (
    <Summary key={props.attempt ?? 0} {...props} />
  ) : null;

/** The summary of a failed form submission: its field links, anything else, and which attempt. */
export const FormErrorSummary = ({ errors }: { errors: FormErrors }) => (
  <ErrorSummary errors={errors.links} description={errors.description} attempt={errors.attempt} />
);

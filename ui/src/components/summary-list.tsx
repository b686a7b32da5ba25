import type { ReactNode } from 'react';

export interface SummaryRow {
  key: string;
  value: ReactNode;
  action?: ReactNode;
}

/** The GOV.UK summary list: a question or property and its answer on each row. */
export const SummaryList = ({
  rows,
  noBorder = false,
}: {
  rows: SummaryRow[];
  noBorder?: boolean;
}) => (
  <dl className={`govuk-summary-list${noBorder ? ' govuk-summary-list--no-border' : ''}`}>
    {rows.map((row) => (
      <div
        className={`govuk-summary-list__row${row.action ? '' : ' govuk-summary-list__row--no-actions'}`}
        key={row.key}
      >
        <dt className="govuk-summary-list__key">{row.key}</dt>
        <dd className="govuk-summary-list__value">{row.value}</dd>
        {row.action && <dd className="govuk-summary-list__actions">{row.action}</dd>}
      </div>
    ))}
  </dl>
);

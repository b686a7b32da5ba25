import type { ReactNode } from 'react';

/** A GOV.UK table with a caption; each column says how to show a row. */
export interface Column<R> {
  header: ReactNode;
  cell: (row: R) => ReactNode;
  numeric?: boolean;
  /** The cell heads its row (`<th scope="row">`). */
  rowHeader?: boolean;
  /** Set on sortable columns (MoJ sortable table). */
  ariaSort?: 'ascending' | 'descending' | 'none';
}

interface Props<R> {
  caption: ReactNode;
  captionClass?: string;
  columns: Column<R>[];
  rows: R[];
  rowKey: (row: R) => string;
  className?: string;
}

export const Table = <R,>({
  caption,
  captionClass = 'govuk-table__caption--m',
  columns,
  rows,
  rowKey,
  className,
}: Props<R>) => (
  <table className={`govuk-table${className ? ` ${className}` : ''}`}>
    <caption className={`govuk-table__caption ${captionClass}`}>{caption}</caption>
    <thead className="govuk-table__head">
      <tr className="govuk-table__row">
        {columns.map((c, i) => (
          <th
            key={i}
            scope="col"
            className={`govuk-table__header${c.numeric ? ' govuk-table__header--numeric' : ''}`}
            aria-sort={c.ariaSort}
          >
            {c.header}
          </th>
        ))}
      </tr>
    </thead>
    <tbody className="govuk-table__body">
      {rows.map((row) => (
        <tr className="govuk-table__row" key={rowKey(row)}>
          {columns.map((c, i) =>
            c.rowHeader ? (
              <th key={i} scope="row" className="govuk-table__header">
                {c.cell(row)}
              </th>
            ) : (
              <td
                key={i}
                className={`govuk-table__cell${c.numeric ? ' govuk-table__cell--numeric' : ''}`}
              >
                {c.cell(row)}
              </td>
            ),
          )}
        </tr>
      ))}
    </tbody>
  </table>
);

/** A table, or while it has no rows a sentence saying so: an empty table tells no one anything. */
export const TableOrNone = <R,>({ none, ...table }: Props<R> & { none: ReactNode }) =>
  table.rows.length === 0 ? <p className="govuk-body">{none}</p> : <Table {...table} />;

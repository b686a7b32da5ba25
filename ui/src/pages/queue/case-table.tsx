import { Table, type Column } from '../../components/table';
import { PriorityTag, SlaTag, StatusTag } from '../../components/tags';
import { formatShortDate, type CaseStatus, type Priority, type SlaState } from '../../format';
import { Link } from '../../router';
import type { QueueView, SortField } from './queue-url';

/**
 * A page of cases: the MoJ sortable table (sorted on the server: each heading is a link
 * to the same page in that order, so MoJ's SortableTable script, which sorts the rows in
 * the browser, is not used) with a checkbox per row for bulk actions. The select-all box
 * is React's rather than MoJ's MultiSelect: MultiSelect ticks rows by setting their
 * `checked` directly, which React's state (what the bulk actions act on) never hears of,
 * and it keeps the rows it found when it started, while a queue's rows change with each
 * page, order and live update.
 */
export interface CaseRow {
  caseId: string;
  reference: string;
  service: string;
  status: CaseStatus;
  applicantName: string;
  team: string;
  assignee: string | null;
  priority: Priority;
  receivedAt: string;
  nextDeadline: string | null;
  slaState: SlaState;
  revision: string;
}

interface Props {
  caption: string;
  rows: CaseRow[];
  view: QueueView;
  serviceName: (id: string) => string;
  sortHref: (field: SortField) => string;
  selected: Set<string>;
  onSelect: (caseIds: string[], selected: boolean) => void;
  selectable: boolean;
}

const Checkbox = ({
  id,
  label,
  checked,
  onChange,
}: {
  id: string;
  label: string;
  checked: boolean;
  onChange: (checked: boolean) => void;
}) => (
  <div className="govuk-checkboxes govuk-checkboxes--small">
    <div className="govuk-checkboxes__item">
      <input
        className="govuk-checkboxes__input"
        id={id}
        type="checkbox"
        checked={checked}
        onChange={(e) => onChange(e.target.checked)}
      />
      <label className="govuk-label govuk-checkboxes__label" htmlFor={id}>
        <span className="govuk-visually-hidden">{label}</span>
      </label>
    </div>
  </div>
);

export const CaseTable = ({
  caption,
  rows,
  view,
  serviceName,
  sortHref,
  selected,
  onSelect,
  selectable,
}: Props) => {
  const sortable = (
    field: SortField,
    text: string,
  ): Pick<Column<CaseRow>, 'header' | 'ariaSort'> => {
    const current = view.sort.field === field;
    return {
      ariaSort: current ? (view.sort.direction === 'asc' ? 'ascending' : 'descending') : 'none',
      header: (
        <Link
          className="govuk-link govuk-link--no-visited-state app-sort-link"
          href={sortHref(field)}
        >
          {text}
        </Link>
      ),
    };
  };
  const allSelected = rows.length > 0 && rows.every((r) => selected.has(r.caseId));
  const columns: Column<CaseRow>[] = [
    ...(selectable
      ? [
          {
            header: (
              <Checkbox
                id="select-all"
                label="Select every case on this page"
                checked={allSelected}
                onChange={(checked) =>
                  onSelect(
                    rows.map((r) => r.caseId),
                    checked,
                  )
                }
              />
            ),
            cell: (r: CaseRow) => (
              <Checkbox
                id={`select-${r.caseId}`}
                label={`Select ${r.reference}`}
                checked={selected.has(r.caseId)}
                onChange={(checked) => onSelect([r.caseId], checked)}
              />
            ),
          },
        ]
      : []),
    {
      ...sortable('reference', 'Case'),
      cell: (r) => (
        <>
          <Link className="govuk-link" href={`/cases/${r.caseId}`}>
            {r.reference}
          </Link>
          <br />
          {r.applicantName}
          <br />
          <span className="govuk-hint govuk-!-font-size-16">{serviceName(r.service)}</span>
        </>
      ),
    },
    { header: 'Status', cell: (r) => <StatusTag status={r.status} /> },
    { ...sortable('priority', 'Priority'), cell: (r) => <PriorityTag priority={r.priority} /> },
    { ...sortable('received', 'Received'), cell: (r) => formatShortDate(r.receivedAt) },
    {
      ...sortable('deadline', 'Deadline'),
      cell: (r) => (
        <>
          {r.nextDeadline ? formatShortDate(r.nextDeadline) : 'None'}
          <br />
          <SlaTag state={r.slaState} />
        </>
      ),
    },
    { header: 'Assigned to', cell: (r) => r.assignee ?? 'Nobody' },
  ];
  return (
    <Table
      caption={caption}
      captionClass="govuk-table__caption--s"
      className="app-case-table"
      columns={columns}
      rows={rows}
      rowKey={(r) => r.caseId}
    />
  );
};

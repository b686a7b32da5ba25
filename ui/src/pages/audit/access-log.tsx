import { Table } from '../../components/table';
import { formatDateTime } from '../../format';
import type { GraphQLRequestError } from '../../graphql/client';
import { spoken, type AccessEntry } from './audit-data';

/** A single read at its time; repeated reads from the first to the latest. */
const ReadTimes = ({ entry }: { entry: AccessEntry }) =>
  entry.reads === 1 ? (
    <time dateTime={entry.at}>{formatDateTime(entry.at)}</time>
  ) : (
    <>
      <time dateTime={entry.at}>{formatDateTime(entry.at)}</time> to{' '}
      <time dateTime={entry.lastAt}>{formatDateTime(entry.lastAt)}</time>
    </>
  );

/** Who has read this case's personal data, when, how and how often. */
export const AccessLog = ({
  entries,
  error,
  forbidden,
}: {
  entries: AccessEntry[] | null;
  error: GraphQLRequestError | null;
  /** The person's role may not see the access log. */
  forbidden: boolean;
}) => {
  if (forbidden || error) {
    return (
      <>
        <h2 className="govuk-heading-m">Access log</h2>
        <p className="govuk-body">
          {forbidden
            ? 'Only auditors and administrators can see who has viewed this case.'
            : error!.message}
        </p>
      </>
    );
  }
  if (!entries) return <p className="govuk-body">Loading the access log…</p>;
  if (entries.length === 0) {
    return (
      <>
        <h2 className="govuk-heading-m">Access log</h2>
        <p className="govuk-body">Nobody has read this case’s personal data.</p>
      </>
    );
  }
  return (
    <Table
      caption="Access log"
      rowKey={(e: AccessEntry & { n: number }) => String(e.n)}
      rows={entries.map((e, n) => ({ ...e, n }))}
      columns={[
        { header: 'Who', rowHeader: true, cell: (e) => e.actorId },
        { header: 'Role', cell: (e) => spoken(e.actorRole) },
        { header: 'What they read', cell: (e) => e.operation },
        { header: 'When', cell: (e) => <ReadTimes entry={e} /> },
        { header: 'Reads', cell: (e) => e.reads, numeric: true },
      ]}
    />
  );
};

import { Table } from '../../components/table';
import { formatDateTime } from '../../format';
import type { GraphQLRequestError } from '../../graphql/client';
import { spoken, type AccessEntry } from './audit-data';

/** Who has read this case's personal data, when and how. */
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
        { header: 'When', cell: (e) => <time dateTime={e.at}>{formatDateTime(e.at)}</time> },
      ]}
    />
  );
};

import { NotificationBanner } from '../../components/notification-banner';
import { TableOrNone } from '../../components/table';
import { CHANNEL_LABELS, formatDateTime } from '../../format';
import { useQuery } from '../../graphql/use-query';
import { Link, useLocation } from '../../router';
import { Loading } from '../problem-pages';
import {
  IMPORT_EXCEPTIONS,
  rowName,
  type ImportException,
  type ImportExceptions as Data,
} from './import-exception-data';

/**
 * Rows of bulk imports the intake refused, each with what was wrong. Each is mended and
 * submitted, or discarded with a reason, on a page of its own; the outcome comes back
 * here in the address (`?submitted=REF` or `?discarded=…`).
 */
export const ImportExceptions = () => {
  const { query } = useLocation();
  const { data, error } = useQuery<Data>(IMPORT_EXCEPTIONS);
  const submitted = query.get('submitted');
  const discarded = query.get('discarded');
  if (error) return <p className="govuk-body">{error.message}</p>;
  if (!data) return <Loading what="import exceptions" />;
  const serviceName = (id: string) => data.services.find((s) => s.id === id)?.name ?? id;
  return (
    <>
      {submitted && (
        <NotificationBanner
          success
          heading={`The mended application was submitted as ${submitted}.`}
        />
      )}
      {discarded && <NotificationBanner success heading={`${discarded} was discarded.`} />}
      <TableOrNone
        none="No imported rows are waiting to be mended."
        caption="Rows to mend or discard"
        rowKey={(e: ImportException) => e.id}
        rows={data.importExceptions}
        columns={[
          {
            header: 'Row',
            rowHeader: true,
            cell: (e) => (
              <Link className="govuk-link" href={`/integrations/import-exceptions/${e.id}`}>
                {rowName(e)}
              </Link>
            ),
          },
          { header: 'Service', cell: (e) => serviceName(e.service) },
          { header: 'Channel', cell: (e) => CHANNEL_LABELS[e.channel] },
          {
            header: 'Problems',
            cell: (e) => (
              <ul className="govuk-list govuk-!-font-size-16">
                {e.errors.map((f) => (
                  <li key={f.path.join('.')}>{f.message}</li>
                ))}
              </ul>
            ),
          },
          { header: 'Imported', cell: (e) => formatDateTime(e.createdAt) },
        ]}
      />
    </>
  );
};

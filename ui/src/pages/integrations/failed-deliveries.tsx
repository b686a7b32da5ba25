import { useState } from 'react';
import { apiErrors, NO_ERRORS } from '../../components/form-errors';
import { NotificationBanner } from '../../components/notification-banner';
import { TableOrNone } from '../../components/table';
import { formatDateTime } from '../../format';
import { graphql } from '../../graphql/client';
import { useQuery } from '../../graphql/use-query';
import { Link } from '../../router';
import { Loading } from '../problem-pages';
import type { SectionProps } from './integrations-page';

const FAILED = /* GraphQL */ `
  query FailedDeliveries {
    failedDeliveries {
      id
      endpointId
      caseId
      reference
      service
      error
      attempts
      failedAt
    }
  }
`;

const RETRY = /* GraphQL */ `
  mutation RetryFailedDelivery($id: ID!) {
    retryFailedDelivery(id: $id) {
      reference
    }
  }
`;

interface FailedDelivery {
  id: string;
  endpointId: string;
  caseId: string;
  reference: string;
  service: string;
  error: string;
  attempts: number;
  failedAt: string;
}

/** Webhook deliveries that failed every attempt: once the receiving system is mended, send them again. */
export const FailedDeliveries = ({ report }: SectionProps) => {
  const { data, error, reload } = useQuery<{ failedDeliveries: FailedDelivery[] }>(FAILED);
  const [retried, setRetried] = useState<string | null>(null);
  const retry = async (delivery: FailedDelivery) => {
    try {
      await graphql(RETRY, { id: delivery.id });
      report(NO_ERRORS);
      setRetried(delivery.reference);
      await reload();
    } catch (failure) {
      setRetried(null);
      report(apiErrors(failure));
    }
  };
  if (error) return <p className="govuk-body">{error.message}</p>;
  if (!data) return <Loading what="failed deliveries" />;
  return (
    <>
      {retried && (
        <NotificationBanner success heading={`The delivery for ${retried} is being sent again.`} />
      )}
      <TableOrNone
        none="No deliveries are waiting to be retried."
        caption="Deliveries that failed every attempt"
        rowKey={(d: FailedDelivery) => d.id}
        rows={data.failedDeliveries}
        columns={[
          {
            header: 'Case',
            rowHeader: true,
            cell: (d) => (
              <Link className="govuk-link" href={`/cases/${d.caseId}`}>
                {d.reference}
              </Link>
            ),
          },
          {
            header: 'Endpoint',
            cell: (d) => <code className="app-integration-id">{d.endpointId}</code>,
          },
          { header: 'Last error', cell: (d) => d.error },
          { header: 'Attempts', numeric: true, cell: (d) => String(d.attempts) },
          { header: 'Failed', cell: (d) => formatDateTime(d.failedAt) },
          {
            header: 'Action',
            cell: (d) => (
              <button
                type="button"
                className="govuk-button govuk-button--secondary govuk-!-margin-bottom-0"
                onClick={() => retry(d)}
              >
                Retry
                <span className="govuk-visually-hidden"> the delivery for {d.reference}</span>
              </button>
            ),
          },
        ]}
      />
    </>
  );
};

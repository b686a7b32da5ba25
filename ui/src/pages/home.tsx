import { useState, type FormEvent } from 'react';
import { TextInput } from '../components/fields';
import { usePageTitle } from '../components/page-title';
import { Table } from '../components/table';
import { StatusTag } from '../components/tags';
import { useLiveRefresh } from '../graphql/subscriptions';
import { useQuery } from '../graphql/use-query';
import type { CaseStatus } from '../format';
import { Link } from '../router';
import { STAFF } from '../routes';
import { useSession } from '../session';
import { Loading } from './problem-pages';
import { QUEUE_CHANGED, queuePath } from './queue/queue-names';
import { TakeNextCase } from './queue/take-next';

const COUNTS = /* GraphQL */ `
  query QueueCounts {
    queueCounts {
      queue
      label
      count
    }
  }
`;

const SEARCH = /* GraphQL */ `
  query FindCase($query: String!) {
    search(query: $query, first: 20) {
      nodes {
        caseId
        reference
        applicantName
        service
        status
      }
    }
  }
`;

interface QueueCount {
  queue: string;
  label: string;
  count: number;
}

interface Found {
  caseId: string;
  reference: string;
  applicantName: string;
  service: string;
  status: CaseStatus;
}

const MyQueues = () => {
  const { data, error, reload } = useQuery<{ queueCounts: QueueCount[] }>(COUNTS);
  useLiveRefresh(QUEUE_CHANGED, {}, reload);
  if (error) return <p className="govuk-body">{error.message}</p>;
  if (!data) return <Loading what="your queues" />;
  return (
    <Table
      caption="Queues"
      columns={[
        {
          header: 'Queue',
          cell: (q: QueueCount) => (
            <Link className="govuk-link" href={queuePath(q.queue)}>
              {q.label}
            </Link>
          ),
        },
        { header: 'Cases', cell: (q) => q.count, numeric: true },
      ]}
      rows={data.queueCounts}
      rowKey={(q) => q.queue}
    />
  );
};

const EveryCase = () => (
  <p className="govuk-body">
    <Link className="govuk-link" href={queuePath('all')}>
      All cases in your teams
    </Link>
  </p>
);

const FindCase = () => {
  const [text, setText] = useState('');
  const [query, setQuery] = useState<string | null>(null);
  const { data } = useQuery<{ search: { nodes: Found[] } }>(SEARCH, query ? { query } : null);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (text.trim()) setQuery(text.trim());
  };
  return (
    <>
      <form onSubmit={submit} role="search">
        <TextInput
          id="find"
          label={<span className="govuk-heading-m govuk-!-margin-bottom-0">Find a case</span>}
          hint="Reference, applicant's name or postcode"
          value={text}
          onChange={setText}
          width={20}
          type="search"
        />
        <button type="submit" className="govuk-button govuk-button--secondary">
          Search
        </button>
      </form>
      {data && (
        <Table
          caption={`${data.search.nodes.length} cases found`}
          captionClass="govuk-table__caption--s"
          columns={[
            {
              header: 'Reference',
              cell: (c: Found) => (
                <Link className="govuk-link" href={`/cases/${c.caseId}`}>
                  {c.reference}
                </Link>
              ),
            },
            { header: 'Applicant', cell: (c) => c.applicantName },
            { header: 'Status', cell: (c) => <StatusTag status={c.status} /> },
          ]}
          rows={data.search.nodes}
          rowKey={(c) => c.caseId}
        />
      )}
    </>
  );
};

export const HomePage = () => {
  const session = useSession();
  usePageTitle('Home');
  const worksQueues = session ? STAFF.includes(session.user.role) : false;
  return (
    <>
      <span className="govuk-caption-l">{session?.user.name}</span>
      <h1 className="govuk-heading-l">{worksQueues ? 'Your queues' : 'Home'}</h1>
      {worksQueues && (
        <>
          <TakeNextCase />
          <MyQueues />
          <EveryCase />
        </>
      )}
      <FindCase />
    </>
  );
};

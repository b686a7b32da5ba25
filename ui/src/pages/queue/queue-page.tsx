import { useEffect, useMemo, useRef, useState } from 'react';
import { FormErrorSummary } from '../../components/error-summary';
import { FilterLayout } from '../../components/filter-layout';
import {
  apiErrors,
  hasErrors,
  localErrors,
  NO_ERRORS,
  type FormErrors,
} from '../../components/form-errors';
import { usePageTitle } from '../../components/page-title';
import { Pagination } from '../../components/pagination';
import { useLiveRefresh } from '../../graphql/subscriptions';
import { useQuery } from '../../graphql/use-query';
import { navigate, useLocation } from '../../router';
import type { PageProps } from '../../routes';
import { useSession } from '../../session';
import { Loading, NotFoundPage } from '../problem-pages';
import { BulkActions, BulkResults, type BulkOutcome } from './bulk-actions';
import { CaseTable, type CaseRow } from './case-table';
import { QUEUE_CHANGED, queueOfPath } from './queue-names';
import { QueueFilter } from './queue-filter';
import {
  apiFilter,
  firstPage,
  nextPage,
  previousPage,
  queueViewHref,
  readQueueView,
  type SortField,
} from './queue-url';
import { TakeNextCase } from './take-next';

const QUEUE = /* GraphQL */ `
  query Queue($queue: QueueId, $filter: CaseFilter, $sort: CaseSort, $after: String) {
    queue(queue: $queue, filter: $filter, sort: $sort, first: 25, after: $after) {
      totalCount
      pageInfo {
        endCursor
        hasNextPage
      }
      nodes {
        caseId
        reference
        service
        status
        applicantName
        team
        assignee
        priority
        receivedAt
        nextDeadline
        slaState
        revision
      }
    }
    services {
      id
      name
      teams {
        id
        name
      }
    }
  }
`;

interface QueueData {
  queue: {
    totalCount: number;
    pageInfo: { endCursor: string | null; hasNextPage: boolean };
    nodes: CaseRow[];
  };
  services: { id: string; name: string; teams: { id: string; name: string }[] }[];
}

/** Queues by their address; `all` is every case in the person's teams. */
const QUEUE_NAMES: Record<string, string> = {
  all: 'All cases',
  my_cases: 'My cases',
  team_unallocated: 'Unallocated',
  awaiting_information: 'Awaiting information',
  due_soon: 'Due soon',
  overdue: 'Overdue',
  awaiting_approval: 'Awaiting approval',
  exceptions: 'Exceptions',
};

/** Live messages can come in bursts (a bulk action): one refetch for each burst. */
const useDebounced = (action: () => void, ms: number) => {
  const timer = useRef<number | undefined>(undefined);
  useEffect(() => () => window.clearTimeout(timer.current), []);
  return () => {
    window.clearTimeout(timer.current);
    timer.current = window.setTimeout(action, ms);
  };
};

export const QueuePage = ({ params }: PageProps) => {
  const location = useLocation();
  const session = useSession();
  const queue = queueOfPath(params.queue ?? '');
  const name = QUEUE_NAMES[queue];
  const view = useMemo(() => readQueueView(location.query), [location.query]);
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [outcome, setOutcome] = useState<BulkOutcome | null>(null);
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const variables = name
    ? {
        ...(queue === 'all' ? {} : { queue }),
        filter: apiFilter(view.filter),
        sort: view.sort,
        ...(view.after ? { after: view.after } : {}),
      }
    : null;
  const { data, error, reload } = useQuery<QueueData>(QUEUE, variables);
  const refresh = useDebounced(() => void reload(), 300);
  useLiveRefresh(QUEUE_CHANGED, {}, refresh);
  // A filter the server refused (a range that ends before it starts, say) is shown at its field.
  const apiProblem = error?.code === 'BAD_USER_INPUT' ? error : null;
  const refused = useMemo(
    () => (apiProblem ? apiErrors(apiProblem, { 'filter-assignee-0': 'filter-assignee' }) : null),
    [apiProblem],
  );
  const shownErrors = hasErrors(errors) ? errors : (refused ?? NO_ERRORS);
  usePageTitle(name ?? 'Queue not found', hasErrors(shownErrors));

  if (!name || !session) return <NotFoundPage />;
  const go = (href: string) => {
    setErrors(NO_ERRORS);
    navigate(href);
  };
  const leader = session.user.role !== 'caseworker';
  const services = data?.services ?? [];
  const teams = services.flatMap((s) =>
    s.teams.map((t) => ({ value: t.id, label: `${t.name} (${s.name})` })),
  );
  const rows = data?.queue.nodes ?? [];
  const sortHref = (field: SortField) =>
    queueViewHref(
      location.pathname,
      firstPage({
        ...view,
        sort: {
          field,
          direction: view.sort.field === field && view.sort.direction === 'asc' ? 'desc' : 'asc',
        },
      }),
    );
  const select = (caseIds: string[], on: boolean) => {
    const next = new Set(selected);
    for (const id of caseIds) {
      if (on) next.add(id);
      else next.delete(id);
    }
    setSelected(next);
  };
  const done = (result: BulkOutcome) => {
    setErrors(NO_ERRORS);
    setOutcome(result);
    setSelected(new Set(result.results.filter((r) => !r.ok).map((r) => r.caseId)));
    void reload();
  };

  return (
    <>
      <FormErrorSummary errors={shownErrors} />
      {outcome && <BulkResults outcome={outcome} />}
      <span className="govuk-caption-l">Queue</span>
      <h1 className="govuk-heading-l">{name}</h1>
      <TakeNextCase />
      <FilterLayout
        filter={
          <QueueFilter
            resetKey={location.href}
            filter={view.filter}
            choices={{ services: services.map((s) => ({ value: s.id, label: s.name })), teams }}
            hrefWith={(filter) => queueViewHref(location.pathname, firstPage({ ...view, filter }))}
            onApply={(filter) =>
              go(queueViewHref(location.pathname, firstPage({ ...view, filter })))
            }
            onInvalid={(byField) => setErrors(localErrors(byField))}
            errors={shownErrors}
          />
        }
      >
        {error && !apiProblem && <p className="govuk-body">{error.message}</p>}
        {!data ? (
          !error && <Loading what="cases" />
        ) : (
          <>
            <BulkActions
              selectedRows={rows.filter((r) => selected.has(r.caseId))}
              leader={leader}
              me={session.user.id}
              teams={teams}
              onDone={done}
              onErrors={setErrors}
              errors={shownErrors}
            />
            <div className="moj-scrollable-pane">
              <CaseTable
                caption={`${data.queue.totalCount} ${data.queue.totalCount === 1 ? 'case' : 'cases'}`}
                rows={rows}
                view={view}
                serviceName={(id) => services.find((s) => s.id === id)?.name ?? id}
                sortHref={sortHref}
                selected={selected}
                onSelect={select}
                selectable
              />
            </div>
            {rows.length === 0 && <p className="govuk-body">There are no cases to show.</p>}
            <Pagination
              label="Pages of cases"
              previous={view.after ? queueViewHref(location.pathname, previousPage(view)) : null}
              next={
                data.queue.pageInfo.hasNextPage && data.queue.pageInfo.endCursor
                  ? queueViewHref(location.pathname, nextPage(view, data.queue.pageInfo.endCursor))
                  : null
              }
            />
          </>
        )}
      </FilterLayout>
    </>
  );
};

import type { CaseStatus, Channel, SlaState } from '../../format';
import { withQuery } from '../../router';

/**
 * A queue page's state lives in its address — filters, order and page — so it survives
 * a reload, can be bookmarked, and the back button undoes a filter.
 */
export interface CaseFilter {
  service: string[];
  status: CaseStatus[];
  channel: Channel[];
  team: string[];
  slaState: SlaState[];
  assignee: string;
  receivedFrom: string;
  receivedTo: string;
  text: string;
}

export type SortField = 'priority' | 'deadline' | 'received' | 'lastActivity' | 'reference';
export type SortDirection = 'asc' | 'desc';

export interface QueueView {
  filter: CaseFilter;
  sort: { field: SortField; direction: SortDirection };
  /** The cursor this page starts after, and those of the pages before it (for "Previous"). */
  after: string | null;
  trail: string[];
}

export const EMPTY_FILTER: CaseFilter = {
  service: [],
  status: [],
  channel: [],
  team: [],
  slaState: [],
  assignee: '',
  receivedFrom: '',
  receivedTo: '',
  text: '',
};

const LISTS = ['service', 'status', 'channel', 'team', 'slaState'] as const;
const TEXTS = ['assignee', 'receivedFrom', 'receivedTo', 'text'] as const;
const SORT_FIELDS: SortField[] = ['priority', 'deadline', 'received', 'lastActivity', 'reference'];
export const DEFAULT_SORT = { field: 'priority', direction: 'asc' } as const;

export const readQueueView = (query: URLSearchParams): QueueView => {
  const filter = { ...EMPTY_FILTER };
  for (const key of LISTS) (filter[key] as string[]) = query.getAll(key);
  for (const key of TEXTS) filter[key] = query.get(key) ?? '';
  const field = SORT_FIELDS.find((f) => f === query.get('sort')) ?? DEFAULT_SORT.field;
  const direction = query.get('direction') === 'desc' ? 'desc' : 'asc';
  const trail = query.get('trail');
  return {
    filter,
    sort: { field, direction },
    after: query.get('after'),
    trail: trail ? trail.split(' ') : [],
  };
};

/** The address of a view; a changed filter or order starts again from the first page. */
export const queueViewHref = (pathname: string, view: QueueView) =>
  withQuery(pathname, {
    ...view.filter,
    sort: view.sort.field === DEFAULT_SORT.field ? undefined : view.sort.field,
    direction: view.sort.direction === 'asc' ? undefined : view.sort.direction,
    after: view.after ?? undefined,
    trail: view.trail.length ? view.trail.join(' ') : undefined,
  });

export const firstPage = (view: QueueView): QueueView => ({ ...view, after: null, trail: [] });

export const nextPage = (view: QueueView, endCursor: string): QueueView => ({
  ...view,
  after: endCursor,
  trail: [...view.trail, view.after ?? ''],
});

export const previousPage = (view: QueueView): QueueView => ({
  ...view,
  after: view.trail[view.trail.length - 1] || null,
  trail: view.trail.slice(0, -1),
});

/** The filter as the API takes it (assignees are a list there), empty choices left out. */
export const apiFilter = ({ assignee, ...filter }: CaseFilter) =>
  Object.fromEntries(
    Object.entries({ ...filter, assignee: assignee ? [assignee] : [] }).filter(([, value]) =>
      Array.isArray(value) ? value.length : value,
    ),
  );

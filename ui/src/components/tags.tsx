import type { ReactNode } from 'react';
import {
  PRIORITY_LABELS,
  SLA_LABELS,
  STATUS_LABELS,
  type CaseStatus,
  type Priority,
  type SlaState,
} from '../format';

type Colour =
  | 'grey'
  | 'green'
  | 'turquoise'
  | 'blue'
  | 'light-blue'
  | 'purple'
  | 'pink'
  | 'red'
  | 'orange'
  | 'yellow';

export const Tag = ({ colour, children }: { colour?: Colour; children: ReactNode }) => (
  <strong className={`govuk-tag${colour ? ` govuk-tag--${colour}` : ''}`}>{children}</strong>
);

const STATUS_COLOURS: Record<CaseStatus, Colour> = {
  received: 'blue',
  in_progress: 'light-blue',
  awaiting_information: 'yellow',
  awaiting_approval: 'purple',
  decided: 'turquoise',
  closed: 'grey',
  withdrawn: 'grey',
};

const SLA_COLOURS: Record<SlaState, Colour> = {
  on_track: 'green',
  warning: 'orange',
  overdue: 'red',
  paused: 'yellow',
  none: 'grey',
};

const PRIORITY_COLOURS: Record<Priority, Colour> = {
  urgent: 'red',
  high: 'orange',
  normal: 'blue',
  low: 'grey',
};

export const StatusTag = ({ status }: { status: CaseStatus }) => (
  <Tag colour={STATUS_COLOURS[status]}>{STATUS_LABELS[status]}</Tag>
);

export const SlaTag = ({ state }: { state: SlaState }) => (
  <Tag colour={SLA_COLOURS[state]}>{SLA_LABELS[state]}</Tag>
);

export const PriorityTag = ({ priority }: { priority: Priority }) => (
  <Tag colour={PRIORITY_COLOURS[priority]}>{PRIORITY_LABELS[priority]}</Tag>
);

/** How the back office writes dates, times and the API's codes for people (GOV.UK style, London time). */
const dateTime = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  hour: 'numeric',
  minute: '2-digit',
  timeZone: 'Europe/London',
});
const date = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  timeZone: 'UTC',
});

const shortDate = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  timeZone: 'UTC',
});

export const formatDateTime = (iso: string) => dateTime.format(new Date(iso));

/** A calendar date (`2026-03-02`) as "2 March 2026". */
export const formatDate = (day: string) => date.format(new Date(`${day.slice(0, 10)}T00:00:00Z`));

/** For tables: "2 Mar 2026". */
export const formatShortDate = (day: string) =>
  shortDate.format(new Date(`${day.slice(0, 10)}T00:00:00Z`));

export type CaseStatus =
  | 'received'
  | 'in_progress'
  | 'awaiting_information'
  | 'awaiting_approval'
  | 'decided'
  | 'closed'
  | 'withdrawn';
export type Channel = 'web' | 'phone' | 'post' | 'assisted_digital';
export type Priority = 'urgent' | 'high' | 'normal' | 'low';
export type SlaState = 'on_track' | 'warning' | 'overdue' | 'paused' | 'none';

export const STATUS_LABELS: Record<CaseStatus, string> = {
  received: 'Received',
  in_progress: 'In progress',
  awaiting_information: 'Awaiting information',
  awaiting_approval: 'Awaiting approval',
  decided: 'Decided',
  closed: 'Closed',
  withdrawn: 'Withdrawn',
};

export const CHANNEL_LABELS: Record<Channel, string> = {
  web: 'Online',
  phone: 'Phone',
  post: 'Post',
  assisted_digital: 'Assisted digital',
};

export const PRIORITY_LABELS: Record<Priority, string> = {
  urgent: 'Urgent',
  high: 'High',
  normal: 'Normal',
  low: 'Low',
};

export const SLA_LABELS: Record<SlaState, string> = {
  on_track: 'On track',
  warning: 'Due soon',
  overdue: 'Overdue',
  paused: 'Paused',
  none: 'No deadline',
};

/** An identifier the API uses (`new-claim`, `back_office`) as words: "New claim", "Back office". */
export const humanise = (id: string) => {
  const words = id.replace(/[-_]/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
};

export const optionsOf = <K extends string>(labels: Record<K, string>) =>
  (Object.entries(labels) as [K, string][]).map(([value, label]) => ({ value, label }));

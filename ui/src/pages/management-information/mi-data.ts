import type { Channel } from '../../format';

/**
 * What the management information page reads: each service's figures per channel over
 * the range, digital take-up per day, and how long decisions took.
 */
export const MANAGEMENT_INFORMATION = /* GraphQL */ `
  query ManagementInformation($from: String!, $to: String!, $service: String, $channel: Channel) {
    managementInformation(from: $from, to: $to, service: $service, channel: $channel) {
      days {
        service
        channel
        day
        digitalTakeUp
      }
      totals {
        service
        channel
        started
        submitted
        completed
        withdrawn
        decisions
        granted
        decisionsByOutcome
        workingDaysToDecisionP50
        workingDaysToDecisionP90
        clocksStopped
        clocksMet
        slaMetRate
        satisfactionResponses
        satisfactionAverage
        satisfiedRate
        completionRate
        digitalTakeUp
        assistedDigitalShare
        costPerTransaction
      }
    }
    timeToDecision(from: $from, to: $to, service: $service, channel: $channel) {
      fromWorkingDays
      toWorkingDays
      decisions
    }
  }
`;

export const SERVICES = /* GraphQL */ `
  query MiServices {
    services {
      id
      name
      outcomes {
        id
        label
      }
    }
  }
`;

export interface MiService {
  id: string;
  name: string;
  outcomes: { id: string; label: string }[];
}

export interface MiTotal {
  service: string;
  channel: Channel;
  started: number;
  submitted: number;
  completed: number;
  withdrawn: number;
  decisions: number;
  granted: number;
  decisionsByOutcome: Record<string, number>;
  workingDaysToDecisionP50: number | null;
  workingDaysToDecisionP90: number | null;
  clocksStopped: number;
  clocksMet: number;
  slaMetRate: number | null;
  satisfactionResponses: number;
  satisfactionAverage: number | null;
  satisfiedRate: number | null;
  completionRate: number | null;
  digitalTakeUp: number | null;
  assistedDigitalShare: number | null;
  costPerTransaction: number | null;
}

export interface MiDay {
  service: string;
  channel: Channel;
  day: string;
  digitalTakeUp: number | null;
}

export interface DecisionTimeBand {
  fromWorkingDays: number;
  toWorkingDays: number | null;
  decisions: number;
}

export interface ManagementInformation {
  managementInformation: { days: MiDay[]; totals: MiTotal[] };
  timeToDecision: DecisionTimeBand[];
}

export const CHANNEL_ORDER: Channel[] = ['web', 'phone', 'post', 'assisted_digital'];

/** Every London date from `from` to `to`, inclusive. */
export const daysBetween = (from: string, to: string): string[] => {
  const days: string[] = [];
  for (let t = Date.parse(`${from}T00:00:00Z`); t <= Date.parse(`${to}T00:00:00Z`); t += 86_400_000)
    days.push(new Date(t).toISOString().slice(0, 10));
  return days;
};

export const byChannel = (totals: MiTotal[]) =>
  [...totals].sort((a, b) => CHANNEL_ORDER.indexOf(a.channel) - CHANNEL_ORDER.indexOf(b.channel));

const percentFormat = new Intl.NumberFormat('en-GB', {
  style: 'percent',
  maximumFractionDigits: 0,
});
const pounds = new Intl.NumberFormat('en-GB', { style: 'currency', currency: 'GBP' });
const decimal = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 1 });

export const NO_DATA = 'No data';
export const percent = (rate: number | null) =>
  rate === null ? NO_DATA : percentFormat.format(rate);
export const money = (amount: number | null) => (amount === null ? NO_DATA : pounds.format(amount));
export const oneDecimal = (n: number | null) => (n === null ? NO_DATA : decimal.format(n));
export const bandLabel = (band: DecisionTimeBand) =>
  band.toWorkingDays === null
    ? `${band.fromWorkingDays} or more`
    : `${band.fromWorkingDays} to ${band.toWorkingDays}`;

import { Table, type Column } from '../../components/table';
import { CHANNEL_LABELS } from '../../format';
import {
  byChannel,
  money,
  NO_DATA,
  oneDecimal,
  percent,
  type MiService,
  type MiTotal,
} from './mi-data';

/**
 * One table per service: a row per measure (the GOV.UK Service Manual's KPIs and the
 * back office's own), a column per channel. Digital take-up and cost per transaction
 * describe the service's whole mix of channels, so every column shows the same figure.
 */
interface Measure {
  name: string;
  value: (total: MiTotal) => string;
}

const count = (n: number) => n.toLocaleString('en-GB');

const measures = (service: MiService): Measure[] => [
  { name: 'Started', value: (t) => count(t.started) },
  { name: 'Submitted', value: (t) => count(t.submitted) },
  { name: 'Completed (closed)', value: (t) => count(t.completed) },
  { name: 'Withdrawn', value: (t) => count(t.withdrawn) },
  { name: 'Decisions', value: (t) => count(t.decisions) },
  ...service.outcomes.map((o) => ({
    name: `Decisions: ${o.label}`,
    value: (t: MiTotal) => count(t.decisionsByOutcome[o.id] ?? 0),
  })),
  {
    name: 'Time to decision, median (working days)',
    value: (t) => oneDecimal(t.workingDaysToDecisionP50),
  },
  {
    name: 'Time to decision, 90th percentile (working days)',
    value: (t) => oneDecimal(t.workingDaysToDecisionP90),
  },
  {
    name: 'Service levels met',
    value: (t) =>
      t.clocksStopped === 0 ? NO_DATA : `${percent(t.slaMetRate)} of ${count(t.clocksStopped)}`,
  },
  { name: 'Completion rate', value: (t) => percent(t.completionRate) },
  { name: 'Digital take-up (whole service)', value: (t) => percent(t.digitalTakeUp) },
  { name: 'Assisted digital share (whole service)', value: (t) => percent(t.assistedDigitalShare) },
  { name: 'Cost per transaction (whole service)', value: (t) => money(t.costPerTransaction) },
  {
    name: 'User satisfaction (satisfied or very satisfied)',
    value: (t) =>
      t.satisfactionResponses === 0
        ? NO_DATA
        : `${percent(t.satisfiedRate)} of ${count(t.satisfactionResponses)}`,
  },
  {
    name: 'User satisfaction, average rating (1 to 5)',
    value: (t) => oneDecimal(t.satisfactionAverage),
  },
];

export const KpiTables = ({ services, totals }: { services: MiService[]; totals: MiTotal[] }) => {
  const shown = services.filter((s) => totals.some((t) => t.service === s.id));
  if (shown.length === 0) {
    return <p className="govuk-body">There was no activity in this period.</p>;
  }
  return (
    <>
      {shown.map((service) => {
        const columns = byChannel(totals.filter((t) => t.service === service.id));
        return (
          <Table
            key={service.id}
            caption={`${service.name}: key performance indicators`}
            rowKey={(m: Measure) => m.name}
            rows={measures(service)}
            columns={[
              { header: 'Measure', rowHeader: true, cell: (m) => m.name },
              ...columns.map((total): Column<Measure> => ({
                header: CHANNEL_LABELS[total.channel],
                numeric: true,
                cell: (m) => m.value(total),
              })),
            ]}
          />
        );
      })}
    </>
  );
};

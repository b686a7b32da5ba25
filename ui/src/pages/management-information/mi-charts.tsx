import { BarChart } from '../../components/charts/bar-chart';
import { ChartFigure } from '../../components/charts/chart-figure';
import { LineChart, type LineSeries } from '../../components/charts/line-chart';
import { CHANNEL_LABELS, formatDate } from '../../format';
import {
  bandLabel,
  byChannel,
  daysBetween,
  NO_DATA,
  percent,
  type DecisionTimeBand,
  type MiDay,
  type MiService,
  type MiTotal,
} from './mi-data';

/**
 * The three charts of the management information page, each with its message in words
 * and its figures in a table: digital take-up by day, the spread of time to decision,
 * and the share of service-level clocks met per service and channel.
 */
export const DigitalTakeUpChart = ({
  from,
  to,
  days,
  services,
  totals,
}: {
  from: string;
  to: string;
  days: MiDay[];
  services: MiService[];
  totals: MiTotal[];
}) => {
  const dayList = daysBetween(from, to);
  const series: (LineSeries & { service: MiService })[] = services
    .map((service) => {
      // Take-up is the service's, repeated on each channel's row: one value per day.
      const byDay = new Map(
        days.filter((d) => d.service === service.id).map((d) => [d.day, d.digitalTakeUp]),
      );
      return { service, label: service.name, values: dayList.map((day) => byDay.get(day) ?? null) };
    })
    .filter((s) => s.values.some((v) => v !== null));
  const overall = (service: MiService) =>
    percent(totals.find((t) => t.service === service.id)?.digitalTakeUp ?? null);
  const summary = series.length
    ? `Share of applications made online, by day. Over the whole period: ${series
        .map((s) => `${s.label} ${overall(s.service)}`)
        .join('; ')}.`
    : 'No applications were submitted in this period.';
  return (
    <ChartFigure
      id="digital-take-up"
      caption="Digital take-up over time"
      summary={summary}
      figures={{
        rowKey: (day: string) => day,
        rows: dayList.filter((_, i) => series.some((s) => s.values[i] !== null)),
        columns: [
          { header: 'Day', rowHeader: true, cell: (day) => formatDate(day) },
          ...series.map((s) => ({
            header: s.label,
            numeric: true,
            cell: (day: string) => percent(s.values[dayList.indexOf(day)] ?? null),
          })),
        ],
      }}
    >
      {(labelledBy) => <LineChart days={dayList} series={series} labelledBy={labelledBy} />}
    </ChartFigure>
  );
};

export const TimeToDecisionChart = ({ bands }: { bands: DecisionTimeBand[] }) => {
  const total = bands.reduce((sum, b) => sum + b.decisions, 0);
  const commonest = bands.reduce((a, b) => (b.decisions > a.decisions ? b : a), bands[0]!);
  const summary = total
    ? `${total} decisions. The most, ${commonest.decisions}, took ${bandLabel(commonest)} working days.`
    : 'No decisions were made in this period.';
  return (
    <ChartFigure
      id="time-to-decision"
      caption="Time to decision, in working days"
      summary={summary}
      figures={{
        rowKey: (b: DecisionTimeBand) => String(b.fromWorkingDays),
        rows: bands,
        columns: [
          { header: 'Working days', rowHeader: true, cell: (b) => bandLabel(b) },
          { header: 'Decisions', numeric: true, cell: (b) => String(b.decisions) },
        ],
      }}
    >
      {(labelledBy) => (
        <BarChart
          labelledBy={labelledBy}
          groups={[
            {
              bars: bands.map((b) => ({
                label: `${bandLabel(b)} days`,
                value: b.decisions,
                text: String(b.decisions),
              })),
            },
          ]}
        />
      )}
    </ChartFigure>
  );
};

export const SlaComplianceChart = ({
  services,
  totals,
}: {
  services: MiService[];
  totals: MiTotal[];
}) => {
  const measured = totals.filter((t) => t.clocksStopped > 0);
  const groups = services
    .map((service) => ({
      service,
      rows: byChannel(measured.filter((t) => t.service === service.id)),
    }))
    .filter((g) => g.rows.length > 0);
  const stopped = measured.reduce((sum, t) => sum + t.clocksStopped, 0);
  const met = measured.reduce((sum, t) => sum + t.clocksMet, 0);
  const summary = stopped
    ? `${percent(met / stopped)} of ${stopped} service-level clocks stopped in time, across everything shown.`
    : 'No service-level clocks stopped in this period.';
  const rows = groups.flatMap((g) => g.rows.map((t) => ({ ...t, serviceName: g.service.name })));
  return (
    <ChartFigure
      id="sla-compliance"
      caption="Service levels met, by service and channel"
      summary={summary}
      figures={{
        rowKey: (t: (typeof rows)[number]) => `${t.service}:${t.channel}`,
        rows,
        columns: [
          { header: 'Service', rowHeader: true, cell: (t) => t.serviceName },
          { header: 'Channel', cell: (t) => CHANNEL_LABELS[t.channel] },
          { header: 'Clocks stopped', numeric: true, cell: (t) => String(t.clocksStopped) },
          { header: 'Met', numeric: true, cell: (t) => String(t.clocksMet) },
          { header: 'Met (%)', numeric: true, cell: (t) => percent(t.slaMetRate) },
        ],
      }}
    >
      {(labelledBy) => (
        <BarChart
          labelledBy={labelledBy}
          max={1}
          colour="#00703c"
          groups={groups.map((g) => ({
            heading: g.service.name,
            bars: g.rows.map((t) => ({
              label: CHANNEL_LABELS[t.channel],
              value: t.slaMetRate,
              text: t.slaMetRate === null ? NO_DATA : percent(t.slaMetRate),
            })),
          }))}
        />
      )}
    </ChartFigure>
  );
};

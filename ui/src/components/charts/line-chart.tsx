import { CHART_TEXT, CHART_WIDTH, ChartDrawing, seriesStyle } from './chart-figure';

/**
 * Rates over time, one line per series, 0% to 100%. Days without a value break the line
 * rather than drawing it down to zero: "no applications" is not "0% online". A legend
 * shows each series' colour and dash pattern.
 */
export interface LineSeries {
  label: string;
  /** One value per day of `days`, from 0 to 1, or null where there is none. */
  values: (number | null)[];
}

const HEIGHT = 300;
const LEFT = 48;
const RIGHT = 16;
const TOP = 12;
const BOTTOM = 36;
const LEGEND_ROW = 24;
const Y_TICKS = [0, 0.25, 0.5, 0.75, 1];
const X_TICKS = 6;
/** Fewer days than this and each day's value is also marked with a dot. */
const MOST_DOTS = 62;

const shortDate = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'short',
  timeZone: 'UTC',
});
const dayLabel = (day: string) => shortDate.format(new Date(`${day}T00:00:00Z`));

/** Runs of consecutive days that have a value. */
const runs = (values: (number | null)[]) => {
  const found: { start: number; values: number[] }[] = [];
  values.forEach((v, i) => {
    if (v === null) return;
    const last = found[found.length - 1];
    if (last && last.start + last.values.length === i) last.values.push(v);
    else found.push({ start: i, values: [v] });
  });
  return found;
};

export const LineChart = ({
  days,
  series,
  labelledBy,
}: {
  days: string[];
  series: LineSeries[];
  labelledBy: string;
}) => {
  const plotWidth = CHART_WIDTH - LEFT - RIGHT;
  const plotHeight = HEIGHT - TOP - BOTTOM;
  const x = (i: number) =>
    LEFT + (days.length <= 1 ? plotWidth / 2 : (i / (days.length - 1)) * plotWidth);
  const y = (v: number) => TOP + (1 - v) * plotHeight;
  const step = Math.max(1, Math.ceil(days.length / X_TICKS));
  const ticks = days.map((day, i) => ({ day, i })).filter(({ i }) => i % step === 0);
  const legendTop = HEIGHT + 8;
  return (
    <ChartDrawing labelledBy={labelledBy} height={legendTop + series.length * LEGEND_ROW}>
      {Y_TICKS.map((t) => (
        <g key={t}>
          <line x1={LEFT} x2={CHART_WIDTH - RIGHT} y1={y(t)} y2={y(t)} stroke="#b1b4b6" />
          <text x={LEFT - 6} y={y(t) + 5} textAnchor="end" {...CHART_TEXT}>
            {`${t * 100}%`}
          </text>
        </g>
      ))}
      {ticks.map(({ day, i }) => (
        <text key={day} x={x(i)} y={HEIGHT - BOTTOM + 22} textAnchor="middle" {...CHART_TEXT}>
          {dayLabel(day)}
        </text>
      ))}
      {series.map((s, n) => {
        const style = seriesStyle(n);
        return (
          <g key={s.label} stroke={style.colour} fill={style.colour}>
            {runs(s.values).map((run) => (
              <polyline
                key={run.start}
                fill="none"
                strokeWidth={2.5}
                strokeDasharray={style.dash}
                points={run.values.map((v, k) => `${x(run.start + k)},${y(v)}`).join(' ')}
              />
            ))}
            {days.length < MOST_DOTS &&
              s.values.map((v, i) =>
                v === null ? null : <circle key={i} cx={x(i)} cy={y(v)} r={3.5} />,
              )}
          </g>
        );
      })}
      {series.map((s, n) => {
        const style = seriesStyle(n);
        const top = legendTop + n * LEGEND_ROW;
        return (
          <g key={s.label}>
            <line
              x1={LEFT}
              x2={LEFT + 36}
              y1={top + 8}
              y2={top + 8}
              stroke={style.colour}
              strokeWidth={3}
              strokeDasharray={style.dash}
            />
            <text x={LEFT + 44} y={top + 13} {...CHART_TEXT}>
              {s.label}
            </text>
          </g>
        );
      })}
    </ChartDrawing>
  );
};

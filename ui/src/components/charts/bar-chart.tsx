import { CHART_TEXT, CHART_WIDTH, ChartDrawing } from './chart-figure';

/**
 * Horizontal bars with their value written beside each, so no value has to be read off
 * an axis; bars can be grouped under a heading (a service, with a bar per channel).
 */
export interface Bar {
  label: string;
  value: number | null;
  /** The value as written, e.g. "87%" or "12 decisions". */
  text: string;
}

export interface BarGroup {
  heading?: string;
  bars: Bar[];
}

const LABEL_WIDTH = 180;
const VALUE_WIDTH = 120;
const ROW = 30;
const BAR = 18;
const BASELINE = 5;

export const BarChart = ({
  groups,
  max,
  labelledBy,
  colour = '#1d70b8',
}: {
  groups: BarGroup[];
  /** The value a full-length bar stands for (1 for rates); by default the largest value. */
  max?: number;
  labelledBy: string;
  colour?: string;
}) => {
  const values = groups.flatMap((g) => g.bars.map((b) => b.value ?? 0));
  const top = max ?? Math.max(1, ...values);
  const room = CHART_WIDTH - LABEL_WIDTH - VALUE_WIDTH;
  let y = 0;
  const rows = groups.flatMap((group, g) => {
    const drawn = [];
    if (group.heading) {
      drawn.push(
        <text key={`h${g}`} x={0} y={y + ROW / 2 + BASELINE} fontWeight="bold" {...CHART_TEXT}>
          {group.heading}
        </text>,
      );
      y += ROW;
    }
    for (const bar of group.bars) {
      const length = bar.value === null ? 0 : Math.max(1, (bar.value / top) * room);
      drawn.push(
        <g key={`${g}:${bar.label}`}>
          <text x={LABEL_WIDTH - 8} y={y + ROW / 2 + BASELINE} textAnchor="end" {...CHART_TEXT}>
            {bar.label}
          </text>
          <rect x={LABEL_WIDTH} y={y + (ROW - BAR) / 2} width={length} height={BAR} fill={colour} />
          <text x={LABEL_WIDTH + length + 6} y={y + ROW / 2 + BASELINE} {...CHART_TEXT}>
            {bar.text}
          </text>
        </g>,
      );
      y += ROW;
    }
    return drawn;
  });
  const height = Math.max(ROW, y);
  return (
    <ChartDrawing labelledBy={labelledBy} height={height}>
      {rows}
      <line x1={LABEL_WIDTH} x2={LABEL_WIDTH} y1={0} y2={height} stroke="#0b0c0c" />
    </ChartDrawing>
  );
};

import type { ReactNode } from 'react';
import { Table, type Column } from '../table';

/**
 * A chart as a figure people can use without seeing it: a caption, a sentence saying
 * what it shows (which also names the drawing for screen readers), the drawing itself,
 * and the figures behind it in a table under "Show the figures".
 */
export interface ChartFigureProps<R> {
  id: string;
  caption: string;
  /** The chart's message in words, e.g. "Digital take-up rose from 40% to 55%". */
  summary: string;
  figures: { columns: Column<R>[]; rows: R[]; rowKey: (row: R) => string };
  children: (labelledBy: string) => ReactNode;
}

export const ChartFigure = <R,>({
  id,
  caption,
  summary,
  figures,
  children,
}: ChartFigureProps<R>) => (
  <figure className="app-chart" aria-labelledby={`${id}-caption`} data-chart={id}>
    <figcaption className="govuk-heading-s govuk-!-margin-bottom-1" id={`${id}-caption`}>
      {caption}
    </figcaption>
    <p className="govuk-body-s" id={`${id}-summary`}>
      {summary}
    </p>
    {children(`${id}-caption ${id}-summary`)}
    <details className="govuk-details govuk-!-margin-top-2">
      <summary className="govuk-details__summary">
        <span className="govuk-details__summary-text">Show the figures</span>
      </summary>
      <div className="govuk-details__text">
        <Table
          caption={caption}
          captionClass="govuk-table__caption--s"
          columns={figures.columns}
          rows={figures.rows}
          rowKey={figures.rowKey}
        />
      </div>
    </details>
  </figure>
);

/**
 * Series colours from the GOV.UK palette, each at least 3:1 against white, with a dash
 * pattern each so lines can be told apart without colour.
 */
export const SERIES_STYLES = [
  { colour: '#1d70b8', dash: undefined },
  { colour: '#00703c', dash: '8 4' },
  { colour: '#4c2c92', dash: '2 3' },
  { colour: '#d4351c', dash: '10 3 2 3' },
  { colour: '#505a5f', dash: '4 4' },
] as const;

export const seriesStyle = (index: number) => SERIES_STYLES[index % SERIES_STYLES.length]!;

/** Text in charts: the GOV.UK text colour and typeface. */
export const CHART_TEXT = { fill: '#0b0c0c', fontSize: 14 } as const;

/** Every chart is drawn this wide and scaled to its column, so text sizes match across charts. */
export const CHART_WIDTH = 720;

/** The drawing: an image named by the figure's caption and summary, scaled to fit. */
export const ChartDrawing = ({
  labelledBy,
  height,
  children,
}: {
  labelledBy: string;
  height: number;
  children: ReactNode;
}) => (
  <svg
    className="app-chart__drawing"
    role="img"
    aria-labelledby={labelledBy}
    viewBox={`0 0 ${CHART_WIDTH} ${height}`}
    width="100%"
    preserveAspectRatio="xMinYMin meet"
  >
    {children}
  </svg>
);

import { percentile } from './stats';

/** Latencies in milliseconds, gathered under one name: a query kind, a projection. */
export interface LatencySeries {
  name: string;
  latencies: number[];
}

export interface LatencySummary {
  name: string;
  count: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
}

export const summarise = ({ name, latencies }: LatencySeries): LatencySummary => {
  const sorted = [...latencies].sort((a, b) => a - b);
  return {
    name,
    count: sorted.length,
    p50Ms: percentile(sorted, 50),
    p99Ms: percentile(sorted, 99),
    maxMs: percentile(sorted, 100),
  };
};

/**
 * A fixed-width table for stderr, one row per series; with a target, rows whose p99 misses
 * it are marked so a person skimming the output sees them first.
 */
export const latencyTable = (
  heading: string,
  summaries: readonly LatencySummary[],
  targetP99Ms?: number,
): string => {
  const width = Math.max(heading.length, ...summaries.map((s) => s.name.length));
  const ms = (n: number) => n.toFixed(2).padStart(9);
  const lines = [
    `${heading.padEnd(width)}  ${'n'.padStart(6)}  ${'p50 ms'.padStart(9)}  ${'p99 ms'.padStart(9)}  ${'max ms'.padStart(9)}`,
    ...summaries.map((s) => {
      const missed = targetP99Ms !== undefined && s.p99Ms > targetP99Ms ? '  > target' : '';
      return `${s.name.padEnd(width)}  ${String(s.count).padStart(6)}  ${ms(s.p50Ms)}  ${ms(s.p99Ms)}  ${ms(s.maxMs)}${missed}`;
    }),
  ];
  return lines.join('\n');
};

/** Nearest-rank percentile of latencies in milliseconds, rounded to microseconds. */
export const percentile = (sorted: readonly number[], p: number): number => {
  if (sorted.length === 0) return 0;
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return Math.round(sorted[index]! * 1000) / 1000;
};

export const round = (value: number, places = 1) => Math.round(value * 10 ** places) / 10 ** places;

/**
 * Auditors give times as UK clock time; the API wants an instant. The offset of London
 * from UTC (0 or 1 hour) is read from the browser's time zone data for that moment.
 */
const parts = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/London',
  hourCycle: 'h23',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
});

const londonOffsetMs = (instant: number) => {
  const p = Object.fromEntries(parts.formatToParts(instant).map((x) => [x.type, x.value]));
  const asUtc = Date.UTC(+p.year!, +p.month! - 1, +p.day!, +p.hour!, +p.minute!, +p.second!);
  return asUtc - Math.floor(instant / 1000) * 1000;
};

/**
 * `2026-03-29` and `14:30` (UK time) as an ISO instant, or null if the time is not HH:MM.
 * The instant is the end of that minute: times are shown to the minute, so an event
 * listed at 14:30 is part of the case as of 14:30.
 */
export const londonInstant = (date: string, time: string): string | null => {
  const hm = /^([01]?\d|2[0-3])[:.]([0-5]\d)$/.exec(time.trim());
  if (!hm) return null;
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  const wall = Date.UTC(year, month - 1, day, Number(hm[1]), Number(hm[2]), 59, 999);
  // The offset at the wall time read as UTC is right except within an hour of a change.
  const guess = wall - londonOffsetMs(wall);
  return new Date(wall - londonOffsetMs(guess)).toISOString();
};

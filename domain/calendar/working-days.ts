import { CALENDARS, type CalendarRegion } from '../case-type';
import holidays from './bank-holidays.json';

/**
 * Working days for service-level deadlines: Monday to Friday, less the bank holidays of the
 * service's region. Dates are plain ISO dates ('2026-04-06'), handled as UTC midnights so the
 * host's time zone never matters. Outside the years the holiday data covers every function
 * throws a RangeError: an unknown year is not an ordinary year with no holidays.
 */

export interface BankHoliday {
  readonly date: string;
  readonly title: string;
}

const DAY_MS = 86_400_000;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Whether the text is a real date written YYYY-MM-DD (so not '2026-02-30'). */
const isIsoDate = (text: string): boolean => {
  const match = ISO_DATE.exec(text);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
};

const allDates = CALENDARS.flatMap((region) => holidays[region].map((h) => h.date)).sort();
const FIRST_YEAR = Number(allDates[0]?.slice(0, 4));
const LAST_YEAR = Number(allDates[allDates.length - 1]?.slice(0, 4));
const FIRST_DAY = Date.UTC(FIRST_YEAR, 0, 1);
const DAY_COUNT = (Date.UTC(LAST_YEAR + 1, 0, 1) - FIRST_DAY) / DAY_MS;

/** Every covered date as an ISO string, and back: one Map lookup parses a date. */
const isoDates: string[] = [];
const dayIndex = new Map<string, number>();
for (let i = 0; i < DAY_COUNT; i++) {
  const iso = new Date(FIRST_DAY + i * DAY_MS).toISOString().slice(0, 10);
  isoDates.push(iso);
  dayIndex.set(iso, i);
}

/**
 * Per region, precomputed once so every question is O(1): `workedUpTo[i]` counts the working
 * days from the first covered day up to and including day i, and `workingDays` lists the day
 * indexes of the working days in order.
 */
interface RegionCalendar {
  readonly holidays: readonly BankHoliday[];
  readonly workedUpTo: Int32Array;
  readonly workingDays: Int32Array;
}

const buildCalendar = (entries: readonly BankHoliday[]): RegionCalendar => {
  const holidayIndexes = new Set(entries.map((h) => dayIndex.get(h.date)));
  const workedUpTo = new Int32Array(DAY_COUNT);
  const working: number[] = [];
  for (let i = 0; i < DAY_COUNT; i++) {
    const weekday = new Date(FIRST_DAY + i * DAY_MS).getUTCDay();
    if (weekday !== 0 && weekday !== 6 && !holidayIndexes.has(i)) working.push(i);
    workedUpTo[i] = working.length;
  }
  const frozen = Object.freeze(entries.map((h) => Object.freeze({ date: h.date, title: h.title })));
  return { holidays: frozen, workedUpTo, workingDays: Int32Array.from(working) };
};

const calendars = new Map<string, RegionCalendar>(
  CALENDARS.map((region) => [region, buildCalendar(holidays[region])]),
);

const calendarFor = (region: CalendarRegion): RegionCalendar => {
  const calendar = calendars.get(region);
  if (!calendar) throw new RangeError(`Unknown calendar region '${region}'`);
  return calendar;
};

const outsideCoverage = (what: string): RangeError =>
  new RangeError(
    `${what} is outside the bank holiday data, which covers ${FIRST_YEAR}-${LAST_YEAR}; ` +
      'extend domain/calendar/bank-holidays.json',
  );

const assertIsoDate = (text: string): void => {
  if (!isIsoDate(text))
    throw new RangeError(`'${text}' is not a calendar date in the form YYYY-MM-DD`);
};

const indexOf = (isoDate: string): number => {
  const index = dayIndex.get(isoDate);
  if (index !== undefined) return index;
  assertIsoDate(isoDate);
  throw outsideCoverage(isoDate);
};

const isWorkingIndex = (calendar: RegionCalendar, index: number): boolean =>
  calendar.workedUpTo[index] !== (index === 0 ? 0 : calendar.workedUpTo[index - 1]);

/** Whether the holiday data covers the date's year. Throws on a string that is no date. */
export const calendarCovers = (isoDate: string): boolean => {
  if (dayIndex.has(isoDate)) return true;
  assertIsoDate(isoDate);
  return false;
};

/** The region's bank holidays in date order, substitute days included. */
export const bankHolidays = (region: CalendarRegion): readonly BankHoliday[] =>
  calendarFor(region).holidays;

/** Monday to Friday and not one of the region's bank holidays. */
export const isWorkingDay = (region: CalendarRegion, isoDate: string): boolean =>
  isWorkingIndex(calendarFor(region), indexOf(isoDate));

/**
 * The date `n` working days after `isoDate`: the first working day after it is day 1, whether
 * or not `isoDate` is itself a working day. With n = 0 it is `isoDate` if that is a working
 * day, else the next working day.
 */
export const addWorkingDays = (region: CalendarRegion, isoDate: string, n: number): string => {
  if (!Number.isInteger(n) || n < 0) {
    throw new RangeError(`A number of working days must be a whole number >= 0, got ${n}`);
  }
  const calendar = calendarFor(region);
  const index = indexOf(isoDate);
  if (n === 0 && isWorkingIndex(calendar, index)) return isoDate;
  const target = calendar.workingDays[(calendar.workedUpTo[index] ?? 0) + Math.max(n, 1) - 1];
  if (target === undefined) throw outsideCoverage(`${n} working days after ${isoDate}`);
  return isoDates[target]!;
};

/**
 * The working days after `fromIsoDate` up to and including `toIsoDate`; negative (the working
 * days after `to` up to and including `from`) when `to` is before `from`.
 */
export const workingDaysBetween = (
  region: CalendarRegion,
  fromIsoDate: string,
  toIsoDate: string,
): number => {
  const { workedUpTo } = calendarFor(region);
  return (workedUpTo[indexOf(toIsoDate)] ?? 0) - (workedUpTo[indexOf(fromIsoDate)] ?? 0);
};

/** One formatter for the module: building an Intl formatter per call is slow. */
const londonFormatter = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/London',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** An instant written as text must say its offset, or Date.parse would read it in host time. */
const INSTANT_WITH_OFFSET = /T.*(Z|[+-]\d{2}:?\d{2})$/i;

const instantTime = (instant: Date | string): number => {
  if (instant instanceof Date) return instant.getTime();
  return INSTANT_WITH_OFFSET.test(instant) ? Date.parse(instant) : NaN;
};

/** The calendar date in London (GMT or BST) at an instant. */
export const londonDate = (instant: Date | string): string => {
  const time = instantTime(instant);
  if (Number.isNaN(time)) {
    throw new RangeError(`'${String(instant)}' is not an instant with a time and UTC offset`);
  }
  const parts = londonFormatter.formatToParts(time);
  const part = (type: Intl.DateTimeFormatPartTypes) =>
    parts.find((p) => p.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}-${part('day')}`;
};

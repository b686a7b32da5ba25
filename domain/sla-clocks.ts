import type { CalendarRegion, CaseType } from './case-type';
import {
  addWorkingDays,
  calendarCovers,
  isWorkingDay,
  londonDate,
  workingDaysBetween,
} from './calendar/working-days';
import type { CaseEvent } from './events';

/**
 * Service-level clocks: each case runs every clock its case type lists, all visible at once.
 * A clock starts on the London date the application was submitted and counts working days in
 * the service's calendar; a request for information pauses it, an extension lengthens it, and
 * it stops at its lifecycle moment (or when the application is withdrawn). Dates are ISO
 * dates, so comparing them as strings compares them as dates.
 */

export interface ClockState {
  clock: string;
  label: string;
  /** ISO date. */
  startedOn: string;
  workingDays: number;
  warningWorkingDays: number;
  extendedWorkingDays: number;
  /** Working days spent in completed pauses. */
  pausedWorkingDays: number;
  /** ISO date the current pause began. */
  pausedSince: string | null;
  /** Null while paused. */
  warningOn: string | null;
  /** Null while paused. */
  deadlineOn: string | null;
  stoppedOn: string | null;
  /** Null while running, paused or withdrawn. */
  met: boolean | null;
  withdrawn: boolean;
}

export interface SlaSummary {
  /** Earliest deadline among running (not paused, not stopped) clocks. */
  nextDeadline: string | null;
  /** Earliest warning date among running clocks. */
  nextWarning: string | null;
  /** From this working day on, the case is "due within 5 working days". */
  dueSoonFrom: string | null;
  /** Some clock is paused. */
  paused: boolean;
}

export type SlaState = 'on_track' | 'warning' | 'overdue' | 'paused' | 'met' | 'missed' | 'none';

const DUE_SOON_WORKING_DAYS = 5;

/*
 * The calendar refuses dates outside its bank holiday data, rightly for planning; but a clock
 * must never crash a projection, so past the data's edges a clock counts Monday to Friday.
 */

const DAY_MS = 86_400_000;
const dayNumber = (isoDate: string): number => Date.parse(isoDate) / DAY_MS;
const isoOf = (day: number): string => new Date(day * DAY_MS).toISOString().slice(0, 10);
/** Day 0 (1970-01-01) was a Thursday. */
const isMondayToFriday = (day: number): boolean => {
  const weekday = (((day + 4) % 7) + 7) % 7;
  return weekday !== 0 && weekday !== 6;
};

const worksOn = (calendar: CalendarRegion, day: number): boolean => {
  const iso = isoOf(day);
  return calendarCovers(iso) ? isWorkingDay(calendar, iso) : isMondayToFriday(day);
};

/** The working day `n` working days from `isoDate` (`step` 1 forwards, -1 backwards), day by day. */
const stepWorkingDays = (calendar: CalendarRegion, isoDate: string, n: number, step: 1 | -1) => {
  let day = dayNumber(isoDate);
  if (n === 0 && worksOn(calendar, day)) return isoDate;
  for (let left = Math.max(n, 1); left > 0;) {
    day += step;
    if (worksOn(calendar, day)) left -= 1;
  }
  return isoOf(day);
};

const addWorkingDaysSafely = (calendar: CalendarRegion, isoDate: string, n: number): string => {
  if (calendarCovers(isoDate)) {
    try {
      return addWorkingDays(calendar, isoDate, n);
    } catch (error) {
      if (!(error instanceof RangeError)) throw error;
    }
  }
  return stepWorkingDays(calendar, isoDate, n, 1);
};

const workingDaysBetweenSafely = (calendar: CalendarRegion, from: string, to: string): number => {
  if (calendarCovers(from) && calendarCovers(to)) return workingDaysBetween(calendar, from, to);
  const [first, last, sign] = from <= to ? [from, to, 1] : [to, from, -1];
  let count = 0;
  for (let day = dayNumber(first) + 1, end = dayNumber(last); day <= end; day++) {
    if (worksOn(calendar, day)) count += 1;
  }
  return sign * count;
};

/**
 * The date `n` working days before `isoDate`: the last working day before it is day 1. Counted
 * as an index from a year earlier so the covered case is a few lookups, not a walk.
 */
const subtractWorkingDays = (calendar: CalendarRegion, isoDate: string, n: number): string => {
  const anchor = `${Number(isoDate.slice(0, 4)) - 1}-01-01`;
  if (calendarCovers(anchor) && calendarCovers(isoDate)) {
    const working = isWorkingDay(calendar, isoDate);
    if (n === 0 && working) return isoDate;
    const before = workingDaysBetween(calendar, anchor, isoDate) - (working ? 1 : 0);
    const index = before - Math.max(n, 1) + 1;
    if (index >= 1) return addWorkingDays(calendar, anchor, index);
  }
  return stepWorkingDays(calendar, isoDate, n, -1);
};

/** An instant written in UTC, as the event store writes them. */
const UTC_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?Z$/;

/**
 * London is never behind UTC and at most an hour ahead, so before 23:00 UTC its date is the
 * UTC date; only the last hour needs the time-zone rules, which are slow to apply.
 */
const dateInLondon = (instant: string): string =>
  UTC_INSTANT.test(instant) && instant.slice(11, 13) < '23'
    ? instant.slice(0, 10)
    : londonDate(instant);

const isRunning = (c: ClockState): boolean => c.stoppedOn === null && c.pausedSince === null;
const isPaused = (c: ClockState): boolean => c.pausedSince !== null;
const isOpen = (c: ClockState): boolean => c.stoppedOn === null;

/** A running clock with its dates worked out from its inputs: the one place they are. */
const running = (
  c: ClockState,
  calendar: CalendarRegion,
  extendedWorkingDays: number,
  pausedWorkingDays: number,
): ClockState => {
  const extra = extendedWorkingDays + pausedWorkingDays;
  return {
    ...c,
    extendedWorkingDays,
    pausedWorkingDays,
    pausedSince: null,
    warningOn: addWorkingDaysSafely(calendar, c.startedOn, c.warningWorkingDays + extra),
    deadlineOn: addWorkingDaysSafely(calendar, c.startedOn, c.workingDays + extra),
  };
};

/** Ends a clock's pause on `on`; the working days it lasted push its dates back. */
const resumed = (c: ClockState, calendar: CalendarRegion, on: string): ClockState => {
  if (c.pausedSince === null) return c;
  // Never negative: events a little out of order must not pull a deadline forward.
  const pause = Math.max(0, workingDaysBetweenSafely(calendar, c.pausedSince, on));
  return running(c, calendar, c.extendedWorkingDays, c.pausedWorkingDays + pause);
};

const stopped = (c: ClockState, calendar: CalendarRegion, on: string, withdrawn: boolean) => {
  const settled = resumed(c, calendar, on);
  const met = withdrawn || settled.deadlineOn === null ? null : on <= settled.deadlineOn;
  return { ...settled, stoppedOn: on, met, withdrawn };
};

/**
 * Changes the clocks `applies` picks, copying the array only when one does and working out
 * the event's London date only then: most events change no clock.
 */
const changeClocks = (
  clocks: ClockState[],
  occurredAt: string,
  applies: (c: ClockState) => boolean,
  change: (c: ClockState, on: string) => ClockState,
): ClockState[] => {
  let changed: ClockState[] | null = null;
  let on = '';
  for (let i = 0; i < clocks.length; i++) {
    const c = clocks[i]!;
    if (!applies(c)) continue;
    if (changed === null) {
      changed = clocks.slice();
      on = dateInLondon(occurredAt);
    }
    changed[i] = change(c, on);
  }
  return changed ?? clocks;
};

type Moment = CaseType['sla'][number]['stopsWhen'];

const stopAt = (clocks: ClockState[], caseType: CaseType, moment: Moment, occurredAt: string) =>
  changeClocks(
    clocks,
    occurredAt,
    (c) => isOpen(c) && caseType.sla.find((d) => d.clock === c.clock)?.stopsWhen === moment,
    (c, on) => stopped(c, caseType.calendar, on, false),
  );

/** Every clock of the case type, started on the London date of `submittedAt`. */
export const startClocks = (caseType: CaseType, submittedAt: string): ClockState[] => {
  const startedOn = dateInLondon(submittedAt);
  return caseType.sla.map((d) =>
    running(
      {
        clock: d.clock,
        label: d.label,
        startedOn,
        workingDays: d.workingDays,
        warningWorkingDays: d.warningWorkingDays,
        extendedWorkingDays: 0,
        pausedWorkingDays: 0,
        pausedSince: null,
        warningOn: null,
        deadlineOn: null,
        stoppedOn: null,
        met: null,
        withdrawn: false,
      },
      caseType.calendar,
      0,
      0,
    ),
  );
};

/** The clocks after one event; the same array when the event changes none of them. */
export const advanceClocks = (
  clocks: ClockState[],
  caseType: CaseType,
  event: CaseEvent,
  occurredAt: string,
): ClockState[] => {
  const { calendar } = caseType;
  switch (event.type) {
    case 'ApplicationSubmitted':
      // A case is submitted once; a repeated delivery must not restart its clocks.
      return clocks.length ? clocks : startClocks(caseType, event.data.submittedAt);
    case 'InformationRequested':
      return changeClocks(clocks, occurredAt, isRunning, (c, on) => ({
        ...c,
        pausedSince: on,
        warningOn: null,
        deadlineOn: null,
      }));
    case 'InformationReceived':
      return changeClocks(clocks, occurredAt, isPaused, (c, on) => resumed(c, calendar, on));
    case 'ClockExtended': {
      const { clock, workingDays } = event.data;
      return changeClocks(
        clocks,
        occurredAt,
        (c) => c.clock === clock && isOpen(c),
        (c) =>
          isPaused(c)
            ? { ...c, extendedWorkingDays: c.extendedWorkingDays + workingDays }
            : running(c, calendar, c.extendedWorkingDays + workingDays, c.pausedWorkingDays),
      );
    }
    case 'ApplicationWithdrawn':
      return changeClocks(clocks, occurredAt, isOpen, (c, on) => stopped(c, calendar, on, true));
    case 'CaseTriaged':
      return stopAt(clocks, caseType, 'triaged', occurredAt);
    case 'CaseAssigned':
      return stopAt(clocks, caseType, 'assigned', occurredAt);
    case 'DecisionRecorded':
      return event.data.needsApproval ? clocks : stopAt(clocks, caseType, 'decided', occurredAt);
    case 'DecisionApproved':
      return stopAt(clocks, caseType, 'decided', occurredAt);
    case 'CaseClosed':
      return stopAt(clocks, caseType, 'closed', occurredAt);
    default:
      return clocks;
  }
};

/** The clocks of a case from its history, which starts with ApplicationSubmitted. */
export const clocksOf = (
  caseType: CaseType,
  history: { event: CaseEvent; occurredAt: string }[],
): ClockState[] =>
  history.reduce<ClockState[]>(
    (clocks, { event, occurredAt }) => advanceClocks(clocks, caseType, event, occurredAt),
    [],
  );

const earlier = (a: string | null, b: string | null): string | null =>
  a === null || (b !== null && b < a) ? b : a;

/** What a queue sorts and filters on: the next dates among the running clocks. */
export const slaSummary = (clocks: readonly ClockState[], calendar: CalendarRegion): SlaSummary => {
  let nextDeadline: string | null = null;
  let nextWarning: string | null = null;
  let paused = false;
  for (const c of clocks) {
    if (isPaused(c)) paused = true;
    if (!isRunning(c)) continue;
    nextDeadline = earlier(nextDeadline, c.deadlineOn);
    nextWarning = earlier(nextWarning, c.warningOn);
  }
  const dueSoonFrom =
    nextDeadline === null
      ? null
      : subtractWorkingDays(calendar, nextDeadline, DUE_SOON_WORKING_DAYS);
  return { nextDeadline, nextWarning, dueSoonFrom, paused };
};

/** Worse states win when clocks disagree; any running clock outranks every stopped one. */
const SEVERITY: Record<SlaState, number> = {
  none: 0,
  met: 1,
  missed: 2,
  on_track: 3,
  warning: 4,
  overdue: 5,
  paused: 6,
};

/** A deadline is met on the day itself, so a clock is overdue only from the day after. */
const clockStateOn = (c: ClockState, today: string): SlaState => {
  if (isPaused(c)) return 'paused';
  if (c.stoppedOn !== null) return c.met === null ? 'none' : c.met ? 'met' : 'missed';
  if (c.deadlineOn !== null && c.deadlineOn < today) return 'overdue';
  if (c.warningOn !== null && c.warningOn <= today) return 'warning';
  return 'on_track';
};

/** How the case stands against its service levels on `today` (a London ISO date). */
export const slaStateOn = (clocks: readonly ClockState[], today: string): SlaState => {
  let worst: SlaState = 'none';
  for (const c of clocks) {
    const state = clockStateOn(c, today);
    if (SEVERITY[state] > SEVERITY[worst]) worst = state;
  }
  return worst;
};

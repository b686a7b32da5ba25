import { z } from 'zod';

/**
 * What the back office accepts as a value, wherever it arrives: the REST intake, GraphQL,
 * every command, import rows and the forms staff key. The event log cannot be changed, so
 * a value let in today must be readable by every projection, export and screen for ever;
 * anything that could stop one is refused here, at the door, with words a person can act on.
 *
 * - Text is well-formed Unicode (no lone UTF-16 surrogates, which PostgreSQL's jsonb
 *   refuses), free of control characters (multi-line text keeps line breaks and tabs),
 *   NFC-normalised, trimmed and limited in length.
 * - Dates are real calendar dates, and instants strict ISO 8601 with an offset, each in a
 *   window that makes sense for it: never year 0, never 9999.
 * - JSON is bounded in depth and size before anything walks it recursively.
 */

const BROKEN_TEXT =
  'Contains a broken character (half of an emoji or symbol, often from copying and pasting): retype it';

// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROL_IN_LINE = /[\u0000-\u001f\u007f-\u009f]/;
// eslint-disable-next-line no-control-regex -- as above, less line feed and tab
const CONTROL_IN_LINES = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/;

export interface TextRules {
  /** Longest accepted, in characters (UTF-16 code units, as stored). */
  max: number;
  /** Multi-line text (notes, reasons, messages) may hold line breaks and tabs. */
  multiLine?: boolean;
  /** Whether blank text (after trimming) is refused. */
  required?: boolean;
  /** What to say when required text is blank. */
  blank?: string;
}

/** Text as the back office stores it: well-formed, normalised, trimmed, free of control characters. */
export const text = ({
  max,
  multiLine = false,
  required = true,
  blank = 'Enter some text',
}: TextRules) => {
  const checked = z
    .string({ error: 'Enter text' })
    .refine((s) => s.isWellFormed(), { error: BROKEN_TEXT, abort: true })
    .overwrite((s) => s.replace(/\r\n?/g, '\n'))
    .normalize('NFC')
    .trim()
    .refine((s) => !(multiLine ? CONTROL_IN_LINES : CONTROL_IN_LINE).test(s), {
      error: multiLine
        ? 'Remove control characters: only line breaks and tabs can be kept'
        : 'Remove line breaks, tabs and other control characters',
      abort: true,
    });
  return (required ? checked.min(1, blank) : checked).max(
    max,
    `Enter no more than ${max} characters`,
  );
};

/** One line of text: names, references, filenames, identifiers. */
export const line = (max: number, required = true) => text({ max, required });

/** Several lines of text: notes, reasons, messages, summaries. */
export const paragraphs = (max: number, required = true) =>
  text({ max, multiLine: true, required });

/** Whether a string is text the back office could store (for values it does not otherwise check). */
export const isStorableText = (s: string): boolean => s.isWellFormed() && !CONTROL_IN_LINES.test(s);

// Dates and instants.

/** The widest window of any calendar date in an answer: no year 0, no 9999. */
export const EARLIEST_DATE = '1900-01-01';
export const LATEST_DATE = '2100-12-31';

/** The widest window of any instant the back office records. */
export const EARLIEST_INSTANT = '2000-01-01T00:00:00Z';
export const LATEST_INSTANT = '2100-12-31T23:59:59Z';

/** How far ahead of our clock a submitter's clock may run. */
export const CLOCK_SKEW_MS = 5 * 60_000;

export interface DateWindow {
  earliest?: string;
  latest?: string;
}

/** A real calendar date written YYYY-MM-DD, inside the window (both ends inclusive). */
export const calendarDate = ({ earliest = EARLIEST_DATE, latest = LATEST_DATE }: DateWindow = {}) =>
  z
    .string({ error: 'Enter a date, like 2026-03-27' })
    .refine((s) => /^\d{4}-\d{2}-\d{2}$/.test(s) && isRealDate(s), {
      error: 'Enter a real date as YYYY-MM-DD, like 2026-03-27',
      abort: true,
    })
    .refine((d) => d >= earliest, `Enter a date on or after ${earliest}`)
    .refine((d) => d <= latest, `Enter a date on or before ${latest}`);

const isRealDate = (isoDate: string): boolean => {
  const [year = 0, month = 0, day = 0] = isoDate.split('-').map(Number);
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day); // Date.UTC would read years 0-99 as 1900-1999
  return (
    date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day
  );
};

/**
 * YYYY-MM-DDTHH:MM:SS, optional fraction, then Z or ±HH:MM. Strict on purpose: `Date.parse`
 * also reads years 0 and 275760, `+`/`-` extended years and local times in the host's zone.
 */
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$/;

/** Milliseconds since the epoch of a strict ISO 8601 instant, or NaN. */
export const instantTime = (s: string): number => {
  if (!INSTANT.test(s) || !isRealDate(s.slice(0, 10))) return NaN;
  const [hours = 99, minutes = 99, seconds = 99] = s.slice(11, 19).split(':').map(Number);
  const offset = s.endsWith('Z') ? '00:00' : s.slice(-5);
  if (hours > 23 || minutes > 59 || seconds > 59) return NaN;
  if (Number(offset.slice(0, 2)) > 14 || Number(offset.slice(3)) > 59) return NaN;
  return Date.parse(s);
};

export interface InstantWindow {
  /** Instants, ISO 8601 with offset, both inclusive. */
  earliest?: string;
  latest?: string;
}

/** A moment written as strict ISO 8601 with its offset, inside the window. */
export const instant = ({
  earliest = EARLIEST_INSTANT,
  latest = LATEST_INSTANT,
}: InstantWindow = {}) =>
  z
    .string({ error: 'Enter a date and time, like 2026-03-27T09:30:00Z' })
    .refine((s) => !Number.isNaN(instantTime(s)), {
      error:
        'Enter a real date and time in ISO 8601 with its offset from UTC, like 2026-03-27T09:30:00Z',
      abort: true,
    })
    .refine((s) => instantTime(s) >= Date.parse(earliest), `Enter a time on or after ${earliest}`)
    .refine((s) => instantTime(s) <= Date.parse(latest), `Enter a time on or before ${latest}`);

// JSON.

/** Deepest nesting of JSON accepted anywhere (a form's answers need four or five). */
export const MAX_JSON_DEPTH = 32;
/** Most values (objects, arrays, strings, numbers…) in one JSON document. */
export const MAX_JSON_NODES = 100_000;

/**
 * What is wrong with a JSON value's shape, if anything: too deep or too large. Walks the
 * value without recursion, so a hostile document cannot overflow the stack here either.
 */
export const jsonShapeProblem = (
  value: unknown,
  { depth = MAX_JSON_DEPTH, nodes = MAX_JSON_NODES } = {},
): string | undefined => {
  const stack: [unknown, number][] = [[value, 1]];
  let seen = 0;
  for (let top = stack.pop(); top; top = stack.pop()) {
    const [current, level] = top;
    if (++seen > nodes) return `The JSON holds more than ${nodes} values`;
    if (current === null || typeof current !== 'object') continue;
    if (level > depth) return `The JSON is nested more than ${depth} levels deep`;
    for (const child of Array.isArray(current) ? current : Object.values(current)) {
      stack.push([child, level + 1]);
    }
  }
  return undefined;
};

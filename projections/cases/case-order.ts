import { z } from 'zod';
import { calendarDate, instant, line } from '../../domain/values';
import { ValidationFailed } from '../../domain/errors';
import { isoInstant } from './case-summary';
import { allOf, anyOf, join, sql, trusted, type Sql } from './sql';

/**
 * The orders a case list can be sorted in, and keyset pagination over them. Each order is
 * a list of non-null sort keys ending with `case_id`, so every row has exactly one place
 * and a page starts strictly after the last row of the one before, however many rows
 * share a priority or a deadline and whatever is added meanwhile.
 *
 * The direction applies to the field chosen; ties are always broken most-urgent first
 * (higher priority, earlier deadline, older application), then by case id. Cases with no
 * deadline come last whichever way deadlines are sorted.
 */

export const CASE_SORT_FIELDS = [
  'priority',
  'deadline',
  'received',
  'lastActivity',
  'reference',
] as const;

export const caseSortSchema = z.strictObject({
  field: z.enum(CASE_SORT_FIELDS).default('priority'),
  direction: z.enum(['asc', 'desc']).default('asc'),
});
export type CaseSort = z.infer<typeof caseSortSchema>;
type Direction = CaseSort['direction'];

export const DEFAULT_SORT: CaseSort = { field: 'priority', direction: 'asc' };

/** How each key's value is written in a cursor, and what a well-formed value looks like. */
const KEY_TYPES = {
  smallint: z
    .string()
    .regex(/^-?\d{1,5}$/)
    .refine((n) => Math.abs(Number(n)) <= 32767),
  // Sort keys of cases the back office holds: dates and instants in the windows it accepts.
  date: z.union([calendarDate({ latest: '2200-12-31' }), z.literal('infinity')]),
  boolean: z.enum(['true', 'false']),
  timestamptz: instant(),
  text: line(200, false),
  uuid: z.uuid(),
};
type KeyType = keyof typeof KEY_TYPES;

interface SortKey {
  expression: Sql;
  /** The value as text, exactly: it goes into the cursor and comes back cast to `type`. */
  asText: Sql;
  type: KeyType;
  direction: Direction;
}

const key =
  (expression: string, type: KeyType, asText: Sql = trusted(`${expression}::text`)) =>
  (direction: Direction): SortKey => ({ expression: trusted(expression), asText, type, direction });

const rank = key('priority_rank', 'smallint');
const deadline = key(
  'deadline_sort',
  'date',
  trusted(`coalesce(to_char(deadline_sort, 'YYYY-MM-DD'), 'infinity')`),
);
const noDeadline = key('(next_deadline is null)', 'boolean');
const received = key('received_at', 'timestamptz', isoInstant('received_at', 'US'));
const lastActivity = key('last_activity_at', 'timestamptz', isoInstant('last_activity_at', 'US'));
const reference = key('reference', 'text');
const caseId = key('case_id', 'uuid');

export const sortKeys = ({ field, direction }: CaseSort): SortKey[] => {
  switch (field) {
    case 'priority':
      return [rank(direction), deadline('asc'), received('asc'), caseId('asc')];
    case 'deadline':
      return [
        ...(direction === 'desc' ? [noDeadline('asc')] : []),
        deadline(direction),
        rank('asc'),
        received('asc'),
        caseId('asc'),
      ];
    case 'received':
      return [received(direction), caseId('asc')];
    case 'lastActivity':
      return [lastActivity(direction), caseId('asc')];
    case 'reference':
      return [reference(direction), caseId('asc')];
  }
};

export const orderBy = (keys: readonly SortKey[]): Sql =>
  join(
    keys.map((k) => sql`${k.expression} ${trusted(k.direction)}`),
    ', ',
  );

/** The row's sort values as a text[] column, to build the cursor from. */
export const sortValues = (keys: readonly SortKey[]): Sql =>
  sql`array[${join(
    keys.map((k) => k.asText),
    ', ',
  )}]`;

const valueOf = (k: SortKey, text: string) => sql`${text}::${trusted(k.type)}`;

/** Rows strictly after the row with these sort values, in this order. */
export const keysetAfter = (keys: readonly SortKey[], values: readonly string[]): Sql => {
  const beyond = (k: SortKey) => trusted(k.direction === 'asc' ? '>' : '<');
  const [first] = keys;
  if (first && keys.every((k) => k.direction === first.direction)) {
    // One row comparison, which an index in the same order can serve.
    const row = (parts: Sql[]) => sql`(${join(parts, ', ')})`;
    return sql`${row(keys.map((k) => k.expression))} ${beyond(first)} ${row(
      keys.map((k, i) => valueOf(k, values[i]!)),
    )}`;
  }
  return anyOf(
    keys.map((k, i) =>
      allOf([
        ...keys.slice(0, i).map((p, j) => sql`${p.expression} = ${valueOf(p, values[j]!)}`),
        sql`${k.expression} ${beyond(k)} ${valueOf(k, values[i]!)}`,
      ]),
    ),
  );
};

/**
 * A cursor is base64url of `{"sort":"<field>:<direction>","after":[<sort values as text>]}`:
 * opaque to clients, and refused with a different sort, since its values would be
 * positions in another order.
 */
const cursorSchema = z.strictObject({ sort: z.string(), after: z.array(z.string()) });

const sortName = (sort: CaseSort) => `${sort.field}:${sort.direction}`;

export const encodeCursor = (sort: CaseSort, values: readonly string[]): string =>
  Buffer.from(JSON.stringify({ sort: sortName(sort), after: values })).toString('base64url');

const badCursor = (message: string) => new ValidationFailed([{ path: ['after'], message }]);

/** The sort values a cursor holds, checked against the sort it is used with. */
export const decodeCursor = (cursor: string, sort: CaseSort): string[] => {
  const unreadable = badCursor('This is not a cursor from this list; start again from the top');
  if (!/^[A-Za-z0-9_-]+$/.test(cursor)) throw unreadable;
  let payload: unknown;
  try {
    payload = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw unreadable;
  }
  const parsed = cursorSchema.safeParse(payload);
  if (!parsed.success) throw unreadable;
  if (parsed.data.sort !== sortName(sort)) {
    throw badCursor(
      `This cursor is for a list sorted by ${parsed.data.sort}, not ${sortName(sort)}; ` +
        'start again from the top',
    );
  }
  const { after } = parsed.data;
  const keys = sortKeys(sort);
  const wellFormed =
    after.length === keys.length &&
    keys.every((k, i) => KEY_TYPES[k.type].safeParse(after[i]).success);
  if (!wellFormed) throw unreadable;
  return after;
};

/**
 * SQL fragments that carry their parameters with them, so queue conditions, filters and
 * sort orders compose without anyone counting `$n` by hand. Every interpolated value
 * becomes a numbered parameter when the query is rendered; only `trusted` text (column
 * names and keywords we wrote ourselves, picked from fixed lists) is spliced in as SQL.
 */

const FRAGMENT = Symbol('sql fragment');

export interface Sql {
  readonly [FRAGMENT]: true;
  readonly strings: readonly string[];
  /** Parameter values, or nested fragments rendered in place. */
  readonly values: readonly unknown[];
}

const fragment = (strings: readonly string[], values: readonly unknown[]): Sql => ({
  [FRAGMENT]: true,
  strings,
  values,
});

const isSql = (value: unknown): value is Sql =>
  typeof value === 'object' && value !== null && FRAGMENT in value;

export const sql = (strings: TemplateStringsArray, ...values: unknown[]): Sql =>
  fragment([...strings], values);

/** SQL text of our own making (a column, a direction from a fixed list); never user input. */
export const trusted = (text: string): Sql => fragment([text], []);

export const join = (parts: readonly Sql[], separator: string): Sql =>
  fragment(['', ...parts.slice(1).map(() => separator), ...(parts.length ? [''] : [])], parts);

/** Every condition must hold; no conditions at all is `true`. */
export const allOf = (conditions: readonly Sql[]): Sql =>
  conditions.length
    ? join(
        conditions.map((c) => sql`(${c})`),
        ' and ',
      )
    : sql`true`;

/** At least one condition holds; no conditions at all is `false`. */
export const anyOf = (conditions: readonly Sql[]): Sql =>
  conditions.length
    ? join(
        conditions.map((c) => sql`(${c})`),
        ' or ',
      )
    : sql`false`;

/** Numbers the parameters in order of appearance, as `pg` expects. */
export const render = (query: Sql): { text: string; values: unknown[] } => {
  const values: unknown[] = [];
  const text = (q: Sql): string =>
    q.values.reduce<string>(
      (out, value, i) =>
        out + (isSql(value) ? text(value) : `$${values.push(value)}`) + (q.strings[i + 1] ?? ''),
      q.strings[0] ?? '',
    );
  return { text: text(query), values };
};

/** Text to match literally inside a LIKE pattern: its wildcards and escapes are escaped. */
export const likeLiteral = (text: string): string => text.replace(/[\\%_]/g, (c) => `\\${c}`);

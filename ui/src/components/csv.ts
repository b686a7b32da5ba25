/**
 * CSV as RFC 4180 has it: every cell quoted when it holds a comma, quote or line break,
 * quotes doubled, lines ended CRLF. A cell that a spreadsheet would run as a formula
 * (starting =, +, -, @, tab or carriage return) is led by an apostrophe, so opening an
 * export can never run what someone typed into a case.
 */
const FORMULA = /^[=+\-@\t\r]/;

export const csvCell = (value: unknown): string => {
  const text = value === null || value === undefined ? '' : String(value);
  const safe = FORMULA.test(text) ? `'${text}` : text;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
};

export const toCsv = (rows: readonly (readonly unknown[])[]): string =>
  rows.map((row) => row.map(csvCell).join(',')).join('\r\n') + '\r\n';

import { createHash } from 'node:crypto';
import type { CaseType } from '../../domain/case-type';
import { jsonShapeProblem } from '../../domain/values';
import { canonicalJson } from '../../eventstore/hash-chain';

/**
 * Rows of a paper or legacy backlog, as CSV (a header row of field ids; `address.line1`
 * style columns for the parts of an address) or JSON Lines (one object of answers per
 * line). Each row becomes the answers the intake validates, exactly as a web form's are.
 */
export type Row = Record<string, unknown>;

export interface NumberedRow {
  /** 1-based line of the file the row came from (the header is line 1 of a CSV). */
  line: number;
  row: Row;
}

/** Splits CSV text into records, honouring quotes, doubled quotes and newlines inside quotes. */
const csvRecords = (text: string): string[][] => {
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"' && field === '') quoted = true;
    else if (c === ',') {
      record.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      record.push(field);
      records.push(record);
      record = [];
      field = '';
    } else field += c;
  }
  if (field !== '' || record.length > 0) {
    record.push(field);
    records.push(record);
  }
  return records.filter((r) => r.some((f) => f.trim() !== ''));
};

export class UnreadableFile extends Error {
  override readonly name = 'UnreadableFile';
}

export const parseRows = (text: string, format: 'csv' | 'jsonl'): NumberedRow[] => {
  if (format === 'jsonl') {
    return text.split(/\r?\n/).flatMap((line, i) => {
      if (line.trim() === '') return [];
      // A line that is not JSON, or JSON too deep or large to walk safely, is kept (cut to
      // its start) for the exception a person mends, rather than stopping the import.
      const unparsed = [{ line: i + 1, row: { unparsed: line.slice(0, 500).toWellFormed() } }];
      try {
        const row: unknown = JSON.parse(line);
        if (jsonShapeProblem(row)) return unparsed;
        return [
          {
            line: i + 1,
            row:
              typeof row === 'object' && row !== null && !Array.isArray(row)
                ? (row as Row)
                : { value: row },
          },
        ];
      } catch {
        return unparsed;
      }
    });
  }
  const [header, ...records] = csvRecords(text);
  if (!header) throw new UnreadableFile('The file has no header row');
  const columns = header.map((h) => h.trim());
  return records.map((values, i) => {
    const row: Row = {};
    columns.forEach((column, c) => {
      const value = values[c]?.trim() ?? '';
      if (value === '') return;
      const [outer, inner] = column.split('.', 2);
      if (inner) row[outer!] = { ...((row[outer!] as Row | undefined) ?? {}), [inner]: value };
      else row[column] = value;
    });
    return { line: i + 2, row };
  });
};

/** The row's answers: CSV text made into numbers where the service asks for a number. */
export const answersOf = (caseType: CaseType, row: Row, keyColumn: string | undefined): Row => {
  const answers: Row = { ...row };
  if (keyColumn) delete answers[keyColumn];
  for (const field of caseType.fields) {
    const value = answers[field.id];
    if (
      field.type === 'number' &&
      typeof value === 'string' &&
      value.trim() !== '' &&
      !Number.isNaN(Number(value))
    ) {
      answers[field.id] = Number(value);
    }
  }
  return answers;
};

/** The row's key: its key column, or a digest of the whole row, so a re-run imports nothing twice. */
export const rowKeyOf = (row: Row, keyColumn: string | undefined): string =>
  keyColumn && typeof row[keyColumn] === 'string' && row[keyColumn]
    ? String(row[keyColumn])
    : createHash('sha256').update(canonicalJson(row)).digest('hex').slice(0, 32);

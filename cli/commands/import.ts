import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import { APPLICATION_CHANNELS, type ApplicationChannel } from '../../domain/channels';
import { importApplications } from '../../workers/import/import';
import { parseRows } from '../../workers/import/rows';
import { ProgressBar } from '../progress';
import type { Runtime } from '../runtime';
import { cliOperator } from '../config';

/** `casework import <file.csv|file.jsonl> --service S --channel C [--key column]`. */
export const importFile = async (
  runtime: Runtime,
  file: string,
  options: { service?: string; channel?: string; key?: string },
): Promise<string> => {
  const format = { '.csv': 'csv', '.jsonl': 'jsonl', '.ndjson': 'jsonl' }[
    extname(file).toLowerCase()
  ] as 'csv' | 'jsonl' | undefined;
  if (!format) throw new RangeError('import takes a .csv or .jsonl file');
  if (!options.service)
    throw new RangeError('import needs --service, e.g. --service carers-support-payment');
  if (!APPLICATION_CHANNELS.includes(options.channel as ApplicationChannel)) {
    throw new RangeError(`import needs --channel, one of: ${APPLICATION_CHANNELS.join(', ')}`);
  }
  const text = await readFile(file, 'utf8').catch(() => {
    throw new RangeError(`Cannot read ${file}`);
  });
  const rows = parseRows(text, format);
  const progress = new ProgressBar(rows.length, 'rows');
  const operator = cliOperator(runtime.config, 'caseworker');
  const summary = await importApplications(runtime, {
    source: file,
    service: options.service,
    channel: options.channel as ApplicationChannel,
    rows,
    ...(options.key ? { keyColumn: options.key } : {}),
    operator,
    onProgress: () => progress.tick(),
  });
  progress.finish();
  return [
    `Imported ${summary.imported} of ${summary.rows} rows (${summary.alreadyImported} already imported, ${summary.exceptions} exceptions).`,
    ...(summary.exceptions
      ? [`Exceptions for caseworkers to mend, at lines: ${summary.exceptionLines.join(', ')}`]
      : []),
  ].join('\n');
};

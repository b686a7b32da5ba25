import { createHash } from 'node:crypto';
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { applicantName, applicantPostcode } from '../../domain/case-type';
import type { CaseTypeRegistry } from '../../domain/case-types';
import { CASE_STREAM_PREFIX } from '../../domain/events';
import { asCaseEvent, loadCase } from '../../eventstore/case-history';
import { foldCase } from '../../domain/case-state';
import type { EventStore, StoredEvent } from '../../eventstore/port';
import { reactorOf, type Projection } from '../../projections/projection';

/**
 * File drops for legacy systems that only read files. Each drop names a directory, the
 * services and events it takes, and a format: CSV or fixed-width records. Every batch of
 * the log with matching events becomes one file, named after the batch's last position,
 * written under a temporary name and renamed into place, then a manifest (record count
 * and SHA-256) beside it: a reader takes a file only once its manifest is there. A batch
 * written again after a crash produces the same file under the same name.
 */
export const fileDropSchema = z.object({
  name: z.string().regex(/^[a-z][a-z0-9-]{0,40}$/),
  directory: z.string().min(1),
  format: z.enum(['csv', 'fixed-width']),
  services: z.array(z.string()).default([]),
  events: z
    .array(z.string())
    .default(['ApplicationSubmitted', 'DecisionRecorded', 'DecisionApproved', 'CaseClosed']),
});
export type FileDrop = z.infer<typeof fileDropSchema>;

/** The record every format carries, with each fixed-width column's width. */
const COLUMNS = [
  ['event_id', 36],
  ['event_type', 24],
  ['occurred_at', 24],
  ['case_id', 36],
  ['reference', 16],
  ['service', 32],
  ['channel', 16],
  ['status', 24],
  ['outcome', 32],
  ['applicant_name', 60],
  ['postcode', 8],
] as const;
type DropRecord = Record<(typeof COLUMNS)[number][0], string>;

const csvField = (value: string) =>
  /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;

/**
 * A fixed-width column counts characters (code points), so an emoji or a letter outside
 * the Basic Multilingual Plane is never cut in half at the column's edge.
 */
const toWidth = (value: string, width: number) => {
  const characters = Array.from(value.replace(/[\r\n\t]/g, ' '));
  return characters.slice(0, width).join('') + ' '.repeat(Math.max(0, width - characters.length));
};

export const formatRecords = (format: FileDrop['format'], records: DropRecord[]): string =>
  format === 'csv'
    ? [COLUMNS.map(([c]) => c), ...records.map((r) => COLUMNS.map(([c]) => r[c]))]
        .map((row) => row.map(csvField).join(','))
        .join('\r\n') + '\r\n'
    : records.map((r) => COLUMNS.map(([c, width]) => toWidth(r[c], width)).join('')).join('\n') +
      '\n';

/** Writes `name` atomically: a reader never sees half a file. */
const writeAtomically = async (directory: string, name: string, content: string) => {
  const temporary = join(directory, `.${name}.tmp`);
  await writeFile(temporary, content);
  await rename(temporary, join(directory, name));
};

export const fileDropReactor = (
  store: EventStore,
  caseTypes: CaseTypeRegistry,
  drops: readonly FileDrop[],
): Projection =>
  reactorOf('file-drop', async (events) => {
    const caseEvents = events.filter((e) => e.streamId.startsWith(CASE_STREAM_PREFIX));
    // Each case's history is read once per batch, and each event's record made once for
    // every drop that takes it.
    const histories = new Map<string, Promise<StoredEvent[]>>();
    const records = new Map<string, Promise<DropRecord | undefined>>();
    const recordOf = (event: StoredEvent) => {
      let record = records.get(event.id);
      if (!record) records.set(event.id, (record = makeRecord(event)));
      return record;
    };
    const makeRecord = async (event: StoredEvent): Promise<DropRecord | undefined> => {
      const caseId = event.streamId.slice(CASE_STREAM_PREFIX.length);
      let history = histories.get(caseId);
      if (!history)
        histories.set(caseId, (history = loadCase(store, caseId).then((c) => c.events)));
      // The case as it stood at this event, so each record says what was true then.
      const state = foldCase(
        (await history)
          .filter((e) => e.revision <= event.revision)
          .flatMap((e) => asCaseEvent(e) ?? []),
      );
      const caseType = caseTypes.byId(state.caseTypeId);
      if (!caseType) return undefined;
      return {
        event_id: event.id,
        event_type: event.type,
        occurred_at: event.metadata.occurredAt,
        case_id: caseId,
        reference: state.reference,
        service: state.caseTypeId,
        channel: state.channel,
        status: state.status,
        outcome: state.outcome ?? String(event.data.outcome ?? ''),
        applicant_name: applicantName(caseType, state.answers),
        postcode: applicantPostcode(caseType, state.answers) ?? '',
      };
    };
    const last = events[events.length - 1];
    if (!last) return;
    const batchName = last.position.replace(/\W/g, '-');
    for (const drop of drops) {
      const wanted = caseEvents.filter((e) => drop.events.includes(e.type));
      const records: DropRecord[] = [];
      for (const event of wanted) {
        const record = await recordOf(event);
        if (record && (drop.services.length === 0 || drop.services.includes(record.service))) {
          records.push(record);
        }
      }
      if (records.length === 0) continue;
      const content = formatRecords(drop.format, records);
      const name = `${drop.name}-${batchName}.${drop.format === 'csv' ? 'csv' : 'txt'}`;
      await mkdir(drop.directory, { recursive: true });
      await writeAtomically(drop.directory, name, content);
      const manifest = {
        file: name,
        format: drop.format,
        records: records.length,
        sha256: createHash('sha256').update(content).digest('hex'),
        columns: COLUMNS.map(([column, width]) => ({ column, width })),
      };
      await writeAtomically(
        drop.directory,
        `${name}.manifest.json`,
        `${JSON.stringify(manifest, null, 2)}\n`,
      );
    }
  });

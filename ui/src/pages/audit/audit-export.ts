import { toCsv } from '../../components/csv';
import { downloadFile } from '../../components/download';
import type { AccessEntry, AuditedCase, AuditEvent, Verification } from './audit-data';

/**
 * Exports of what the audit page shows, made in the browser from the same data: CSV (the
 * event history, one row per event, field changes as JSON in their column) and JSON (the
 * history with the verification result and access log). Named after the case and the time.
 */
export interface AuditRecord {
  auditedCase: AuditedCase;
  events: AuditEvent[];
  verification: Verification | null;
  accessLog: AccessEntry[] | null;
}

const CSV_COLUMNS = [
  'revision',
  'eventId',
  'type',
  'summary',
  'actorId',
  'actorRole',
  'channel',
  'occurredAt',
  'recordedAt',
  'correlationId',
  'changes',
] as const;

export const auditCsv = (events: AuditEvent[]) =>
  toCsv([
    CSV_COLUMNS,
    ...events.map((e) =>
      CSV_COLUMNS.map((column) =>
        column === 'changes' ? (e.changes.length ? JSON.stringify(e.changes) : '') : e[column],
      ),
    ),
  ]);

export const auditJson = (record: AuditRecord, exportedAt: Date) =>
  JSON.stringify(
    {
      case: {
        caseId: record.auditedCase.caseId,
        reference: record.auditedCase.reference,
        service: record.auditedCase.service.id,
      },
      exportedAt: exportedAt.toISOString(),
      verification: record.verification,
      events: record.events,
      accessLog: record.accessLog,
    },
    null,
    2,
  );

/** `CSP-2026-000123-audit-20260329T1430Z.csv`: sorts by time and names no personal data. */
const filename = (reference: string, at: Date, extension: string) =>
  `${reference}-audit-${at.toISOString().slice(0, 16).replace(/[-:]/g, '')}Z.${extension}`;

export const downloadAudit = (record: AuditRecord, format: 'csv' | 'json') => {
  const now = new Date();
  const name = filename(record.auditedCase.reference, now, format);
  if (format === 'csv') downloadFile(name, 'text/csv;charset=utf-8', auditCsv(record.events));
  else downloadFile(name, 'application/json', auditJson(record, now));
};

import type { Pool } from 'pg';
import type { ApplicationChannel } from '../../domain/channels';
import { DomainError, ValidationFailed } from '../../domain/errors';
import type { FieldError } from '../../domain/case-type';
import { nameBasedId } from '../../eventstore/ids';
import { submitApplication, type IntakeContext } from '../../eventstore/intake';
import type { Migration } from '../../eventstore/postgres/migrate';
import { subjectKeysOf } from '../../eventstore/personal-data/protected-store';
import { open, seal, type SealedPersonal } from '../../eventstore/personal-data/seal';
import type { Actor } from '../../eventstore/port';
import { answersOf, rowKeyOf, type NumberedRow, type Row } from './rows';

/**
 * Bulk import: every row of a backlog goes through the same intake as a web form,
 * idempotent by its row key (a re-run imports nothing twice). A row the intake refuses
 * becomes an exception for a caseworker to mend and submit, or discard. The row is kept
 * sealed under a key of its own, destroyed once the exception is dealt with.
 */
export const importMigrations: Migration[] = [
  {
    id: '001-import-exceptions',
    sql: `
create table import_exceptions (
  id uuid primary key,
  source text not null,
  line integer not null,
  row_key text not null,
  service text not null,
  channel text not null,
  errors jsonb not null,
  sealed_row jsonb not null,
  created_at timestamptz not null default now(),
  resolved_at timestamptz,
  resolved_by text,
  resolution text,
  case_id uuid
);
create index on import_exceptions (service, created_at) where resolved_at is null;`,
  },
];

/** Imported applications are submitted by the importer, so their keys never meet a portal's. */
export const IMPORT_ACTOR: Actor = { id: 'bulk-import', role: 'system' };

export interface ImportContext extends IntakeContext {
  pool: Pool;
}

export interface ImportRequest {
  source: string;
  service: string;
  channel: ApplicationChannel;
  rows: readonly NumberedRow[];
  /** Column holding each row's own key; without it, a digest of the row is its key. */
  keyColumn?: string;
  /** The person who ran the import: recorded as having keyed each application. */
  operator: Actor;
  onProgress?: (done: number) => void;
}

export interface ImportSummary {
  rows: number;
  imported: number;
  alreadyImported: number;
  exceptions: number;
  exceptionLines: number[];
}

const subjectOf = (id: string) => `import-exception:${id}`;

const recordException = async (
  context: ImportContext,
  request: ImportRequest,
  { line, row }: NumberedRow,
  key: string,
  errors: FieldError[],
) => {
  const id = nameBasedId('import-exception', request.service, key);
  const subject = subjectOf(id);
  const keys = subjectKeysOf(context.store);
  const sealed = seal(await keys.forWriting(subject), subject, { id, type: 'ImportRow' }, row);
  await context.pool.query(
    `insert into import_exceptions (id, source, line, row_key, service, channel, errors, sealed_row)
     values ($1, $2, $3, $4, $5, $6, $7, $8)
     on conflict (id) do update set errors = excluded.errors, line = excluded.line
       where import_exceptions.resolved_at is null`,
    [
      id,
      request.source,
      line,
      key,
      request.service,
      request.channel,
      JSON.stringify(errors),
      sealed,
    ],
  );
};

const submitRow = (
  context: ImportContext,
  request: Pick<ImportRequest, 'service' | 'channel' | 'operator'>,
  key: string,
  answers: Row,
) =>
  submitApplication(context, {
    service: request.service,
    channel: request.channel,
    answers,
    idempotencyKey: `import:${key}`,
    actor: IMPORT_ACTOR,
    keyedBy: request.operator,
  });

export const importApplications = async (
  context: ImportContext,
  request: ImportRequest,
): Promise<ImportSummary> => {
  const caseType = context.caseTypes.byId(request.service);
  if (!caseType) {
    const services = context.caseTypes.all.map((t) => t.id).join(', ');
    throw new ValidationFailed([{ path: ['service'], message: `Choose one of: ${services}` }]);
  }
  const summary: ImportSummary = {
    rows: request.rows.length,
    imported: 0,
    alreadyImported: 0,
    exceptions: 0,
    exceptionLines: [],
  };
  for (const [i, numbered] of request.rows.entries()) {
    const key = rowKeyOf(numbered.row, request.keyColumn);
    try {
      const result = await submitRow(
        context,
        request,
        key,
        answersOf(caseType, numbered.row, request.keyColumn),
      );
      if (result.created) summary.imported++;
      else summary.alreadyImported++;
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      const errors =
        error instanceof ValidationFailed ? error.errors : [{ path: [], message: error.message }];
      await recordException(context, request, numbered, key, errors);
      summary.exceptions++;
      summary.exceptionLines.push(numbered.line);
    }
    request.onProgress?.(i + 1);
  }
  return summary;
};

export interface ImportException {
  id: string;
  source: string;
  line: number;
  service: string;
  channel: string;
  errors: FieldError[];
  /** The row as it was in the file (personal data: read only by staff who may fix it). */
  row: Row;
  createdAt: string;
}

/** Exceptions still to deal with, oldest first, with their rows opened. */
export const openImportExceptions = async (
  context: ImportContext,
  service: string | null,
  limit = 100,
  /** Only these services' exceptions (none given: every service's). */
  services?: readonly string[],
): Promise<ImportException[]> => {
  const { rows } = await context.pool.query<
    Omit<ImportException, 'row' | 'createdAt'> & { sealed_row: SealedPersonal; created_at: Date }
  >(
    `select * from import_exceptions where resolved_at is null and ($1::text is null or service = $1)
       and ($3::text[] is null or service = any($3::text[]))
     order by created_at, line limit $2`,
    [service, limit, services ?? null],
  );
  const keys = await subjectKeysOf(context.store).forReading(
    rows.map((r) => subjectOf(r.id)),
    true,
  );
  return rows.map((r) => ({
    id: r.id,
    source: r.source,
    line: r.line,
    service: r.service,
    channel: r.channel,
    errors: r.errors,
    row: open(keys.get(subjectOf(r.id)) ?? null, { id: r.id, type: 'ImportRow' }, r.sealed_row),
    createdAt: r.created_at.toISOString(),
  }));
};

export class ImportExceptionNotFound extends DomainError {
  override readonly name = 'ImportExceptionNotFound';
  readonly code = 'NOT_FOUND';
}

/** An open exception, of one of `services` where given: anything else is no exception at all. */
const unresolved = async (context: ImportContext, id: string, services?: readonly string[]) => {
  const { rows } = await context.pool.query<{
    row_key: string;
    service: string;
    channel: ApplicationChannel;
  }>(
    `select row_key, service, channel from import_exceptions
     where id = $1 and resolved_at is null and ($2::text[] is null or service = any($2::text[]))`,
    [id, services ?? null],
  );
  if (!rows[0]) throw new ImportExceptionNotFound(`No open import exception ${id}`);
  return rows[0];
};

const close = async (
  context: ImportContext,
  id: string,
  by: string,
  resolution: string,
  caseId: string | null,
) => {
  await context.pool.query(
    `update import_exceptions set resolved_at = now(), resolved_by = $2, resolution = $3, case_id = $4,
       sealed_row = '{}'::jsonb where id = $1`,
    [id, by, resolution, caseId],
  );
  await subjectKeysOf(context.store).erase(subjectOf(id), `import exception ${resolution}`);
};

/** Submits mended answers for an exception's row, under the row's own key. */
export const resolveImportException = async (
  context: ImportContext,
  id: string,
  answers: Row,
  operator: Actor,
  services?: readonly string[],
) => {
  const exception = await unresolved(context, id, services);
  const result = await submitRow(context, { ...exception, operator }, exception.row_key, answers);
  await close(context, id, operator.id, 'submitted', result.caseId);
  return result;
};

export const discardImportException = async (
  context: ImportContext,
  id: string,
  reason: string,
  operator: Actor,
  services?: readonly string[],
) => {
  await unresolved(context, id, services);
  await close(context, id, operator.id, `discarded: ${reason}`, null);
};

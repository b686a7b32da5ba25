import type { Pool } from 'pg';
import type { Migration } from './migrate';
import { StatementBatcher } from './statement-batcher';

/**
 * Human case references (e.g. CSP-2026-000123): one PostgreSQL sequence per service
 * prefix, so numbers are unique without any lock, and a register from reference to case
 * id so a reference typed by a person finds its stream. A reference is reserved before
 * the case's first event is appended; a reservation whose append never happened simply
 * points at a stream that does not exist, and readers check the stream's own reference.
 */
export const referenceRegisterMigrations: readonly Migration[] = [
  {
    id: '001-case-references',
    sql: `
create table case_references (
  reference text primary key,
  case_id uuid not null,
  reserved_at timestamptz not null default now()
);
create index case_references_case on case_references (case_id);`,
  },
];

export interface ReferenceRegister {
  reserve(prefix: string, year: number, caseId: string): Promise<string>;
  /** Gives back a reservation whose case turned out to exist already under another reference. */
  release(reference: string, caseId: string): Promise<void>;
  caseIdOf(reference: string): Promise<string | undefined>;
}

const PREFIX = /^[A-Z]{2,3}$/;

interface Reservation {
  prefix: string;
  year: number;
  caseId: string;
}

export class PostgresReferenceRegister implements ReferenceRegister {
  private readonly sequences = new Map<string, Promise<void>>();

  constructor(private readonly pool: Pool) {}

  private sequenceFor(prefix: string): Promise<void> {
    if (!PREFIX.test(prefix)) throw new RangeError(`Not a reference prefix: ${prefix}`);
    let ready = this.sequences.get(prefix);
    if (!ready) {
      ready = this.pool
        .query(`create sequence if not exists case_reference_${prefix.toLowerCase()}`)
        .then(() => undefined)
        .catch((error: { code?: string }) => {
          // Two processes creating the same sequence at once: the loser sees a duplicate.
          if (error.code === '23505' || error.code === '42P07') return;
          // Anything else (the database away, say) is tried again by the next reservation,
          // rather than remembered as this service's answer until a restart.
          this.sequences.delete(prefix);
          throw error;
        });
      this.sequences.set(prefix, ready);
    }
    return ready;
  }

  async reserve(prefix: string, year: number, caseId: string): Promise<string> {
    await this.sequenceFor(prefix);
    return this.reservations.submit({ prefix, year, caseId });
  }

  /** Reservations arriving together share one statement and one commit. */
  private readonly reservations = new StatementBatcher<Reservation, string>(async (wanted) => {
    const { rows } = await this.pool.query<{ reference: string }>(
      `with numbered as (
           select w.ord, w.case_id, w.prefix || '-' || w.year || '-' || lpad(n::text, greatest(6, length(n::text)), '0') as reference
           from (select *, nextval(('case_reference_' || lower(prefix))::regclass) as n
                 from unnest($1::text[], $2::text[], $3::uuid[]) with ordinality as w(prefix, year, case_id, ord)) w),
         stored as (insert into case_references (reference, case_id) select reference, case_id from numbered)
         select reference from numbered order by ord`,
      [wanted.map((w) => w.prefix), wanted.map((w) => String(w.year)), wanted.map((w) => w.caseId)],
    );
    return rows.map(({ reference }) => ({ value: reference }));
  });

  async release(reference: string, caseId: string): Promise<void> {
    await this.pool.query('delete from case_references where reference = $1 and case_id = $2', [
      reference,
      caseId,
    ]);
  }

  async caseIdOf(reference: string): Promise<string | undefined> {
    const { rows } = await this.pool.query<{ case_id: string }>(
      'select case_id from case_references where reference = $1',
      [reference.trim().toUpperCase()],
    );
    return rows[0]?.case_id;
  }
}

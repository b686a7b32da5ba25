import { randomBytes } from 'node:crypto';
import type { Pool } from 'pg';
import { NotAllowed } from '../../domain/errors';
import type { Migration } from '../postgres/migrate';
import { StatementBatcher } from '../postgres/statement-batcher';
import type { KeyProvider } from './key-provider';

/**
 * One data key per data subject, wrapped by the master key, in a table of its own.
 * Erasing a subject destroys the wrapped key and leaves a tombstone, so their ciphertext
 * (in events, backups, replicas) can never be read again and no new key is ever issued.
 */
export const subjectKeyMigrations: Migration[] = [
  {
    id: '001-personal-data-keys',
    sql: `
create table personal_data_keys (
  subject_id text primary key,
  master_key_id text,
  wrapped_key bytea,
  created_at timestamptz not null default now(),
  erased_at timestamptz,
  erasure_reason text,
  check ((wrapped_key is null) = (erased_at is not null))
);`,
  },
];

export class PersonalDataErased extends NotAllowed {
  constructor(readonly subject: string) {
    super('This applicant’s personal data has been erased: nothing personal can be added');
  }
}

/** A subject's data key, or null once the subject is erased (or never had one). */
export type SubjectKey = Buffer | null;

const CACHE_LIMIT = 500_000;

interface NewKey {
  subject: string;
  wrapped: Buffer;
}

interface StoredKey {
  wrapped_key: Buffer | null;
  master_key_id: string | null;
}

export class SubjectKeys {
  /** Unwrapped keys this process has used. See `forReading` for why caching is safe. */
  private readonly cache = new Map<string, SubjectKey>();

  constructor(
    private readonly pool: Pool,
    private readonly provider: KeyProvider,
  ) {}

  /** The key to seal a subject's new personal data with, created on first use. */
  async forWriting(subject: string): Promise<Buffer> {
    const cached = this.cache.get(subject);
    if (cached) return cached;
    if (cached === null) throw new PersonalDataErased(subject);
    const fresh = randomBytes(32);
    const wrapped = await this.provider.wrap(fresh, subject);
    const row =
      (await this.keysCreated.submit({ subject, wrapped })) ??
      // A key a concurrent writer committed during the batch's statement is invisible to
      // its snapshot: the insert then did nothing, and the key is read in a statement of its own.
      (
        await this.pool.query<StoredKey>(
          'select wrapped_key, master_key_id from personal_data_keys where subject_id = $1',
          [subject],
        )
      ).rows[0]!;
    if (!row.wrapped_key) {
      this.remember(subject, null);
      throw new PersonalDataErased(subject);
    }
    const key = row.wrapped_key.equals(wrapped)
      ? fresh
      : await this.provider.unwrap(row.wrapped_key, row.master_key_id!, subject);
    this.remember(subject, key);
    return key;
  }

  /**
   * New subjects' keys, inserted a batch per statement (each new application has a new
   * subject): each caller gets the stored key — its own, or one stored earlier — or
   * undefined when the key was committed by someone else during the statement.
   */
  private readonly keysCreated = new StatementBatcher<NewKey, StoredKey | undefined>(
    async (keys) => {
      const { rows } = await this.pool.query<StoredKey & { found: boolean }>(
        `with wanted as (
           select * from unnest($1::text[], $2::bytea[]) with ordinality as w(subject_id, wrapped_key, ord)),
         created as (
           insert into personal_data_keys (subject_id, master_key_id, wrapped_key)
           select subject_id, $3, wrapped_key from wanted order by ord
           on conflict (subject_id) do nothing
           returning subject_id, wrapped_key, master_key_id)
         select coalesce(c.subject_id, k.subject_id) is not null as found,
                case when c.subject_id is null then k.wrapped_key else c.wrapped_key end as wrapped_key,
                coalesce(c.master_key_id, k.master_key_id) as master_key_id
         from wanted w
         left join created c on c.subject_id = w.subject_id
         left join personal_data_keys k on k.subject_id = w.subject_id
         order by w.ord`,
        [keys.map((k) => k.subject), keys.map((k) => k.wrapped), this.provider.keyId],
      );
      return rows.map(({ found, ...row }) => ({ value: found ? row : undefined }));
    },
  );

  /**
   * Keys to open stored personal data. `fresh` reads them from the table (replay, case
   * reads: an erasure elsewhere shows at once). Cached keys serve the projections' reads
   * of the log: a key erased since it was cached can only affect events before the
   * erasure event, and applying that event scrubs whatever they wrote.
   */
  async forReading(subjects: Iterable<string>, fresh: boolean): Promise<Map<string, SubjectKey>> {
    const keys = new Map<string, SubjectKey>();
    const wanted: string[] = [];
    for (const subject of new Set(subjects)) {
      const cached = fresh ? undefined : this.cache.get(subject);
      if (cached === undefined) wanted.push(subject);
      else keys.set(subject, cached);
    }
    if (wanted.length === 0) return keys;
    const { rows } = await this.pool.query<{
      subject_id: string;
      wrapped_key: Buffer | null;
      master_key_id: string | null;
    }>(
      'select subject_id, wrapped_key, master_key_id from personal_data_keys where subject_id = any($1)',
      [wanted],
    );
    const found = new Map(rows.map((r) => [r.subject_id, r]));
    for (const subject of wanted) {
      const row = found.get(subject);
      const key =
        row?.wrapped_key && row.master_key_id
          ? await this.provider.unwrap(row.wrapped_key, row.master_key_id, subject)
          : null;
      this.remember(subject, key);
      keys.set(subject, key);
    }
    return keys;
  }

  /** Destroys the subject's key. Idempotent: erasing twice keeps the first time and reason. */
  async erase(subject: string, reason: string): Promise<void> {
    await this.pool.query(
      `insert into personal_data_keys (subject_id, erased_at, erasure_reason) values ($1, now(), $2)
       on conflict (subject_id) do update set wrapped_key = null, master_key_id = null,
         erased_at = coalesce(personal_data_keys.erased_at, now()),
         erasure_reason = coalesce(personal_data_keys.erasure_reason, $2)`,
      [subject, reason],
    );
    this.remember(subject, null);
  }

  /**
   * An update leaves the old row version — with the wrapped key — on disk until vacuum
   * reclaims it; vacuuming now makes the shredding final rather than eventual.
   */
  async reclaim(): Promise<void> {
    await this.pool.query('vacuum personal_data_keys');
  }

  private remember(subject: string, key: SubjectKey) {
    this.cache.delete(subject);
    this.cache.set(subject, key);
    if (this.cache.size > CACHE_LIMIT) this.cache.delete(this.cache.keys().next().value!);
  }
}

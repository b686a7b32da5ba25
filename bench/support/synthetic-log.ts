import { randomBytes } from 'node:crypto';
import type { Pool } from 'pg';
import { carriesPersonalData } from '../../domain/personal-data';
import {
  DEVELOPMENT_MASTER_KEY,
  localKeyProvider,
} from '../../eventstore/personal-data/key-provider';
import { seal } from '../../eventstore/personal-data/seal';
import { evolve, initialCaseState } from '../../domain/case-state';
import { caseTypeRegistry } from '../../domain/case-types';
import { decide } from '../../domain/decide';
import { caseStreamId, CASE_EVENT_SCHEMA_VERSIONS } from '../../domain/events';
import { chainLink, contentHash, GENESIS } from '../../eventstore/hash-chain';
import { nameBasedId } from '../../eventstore/ids';
import type { EventMetadata } from '../../eventstore/port';
import { fakeAnswers, seededRandom } from '../../cli/seed/fake-answers';
import { seededLifecycle } from '../../cli/seed/lifecycle';

/**
 * A large, realistic event log written fast: cases are decided in memory by the real
 * domain (the same answers and lifecycles as `casework seed`), then their events are
 * inserted in bulk with correct revisions and hash chains — skipping the append path,
 * which `bench/append` measures on its own. Personal data is sealed under per-applicant
 * keys (wrapped by the development master key) exactly as the intake seals it. For
 * benchmarks only.
 */
const ROW = [
  'event_id uuid',
  'stream_id text',
  'revision bigint',
  'type text',
  'schema_version integer',
  'data jsonb',
  'metadata jsonb',
  'hash text',
];

export const writeSyntheticLog = async (
  pool: Pool,
  {
    events: target,
    seed = 1,
    onProgress,
  }: { events: number; seed?: number; onProgress?: (written: number) => void },
): Promise<number> => {
  const caseTypes = caseTypeRegistry.all;
  const now = new Date('2026-11-01T00:00:00Z');
  let written = 0;
  let rows: Record<string, unknown>[] = [];
  let heads: { stream_id: string; revision: string; last_hash: string }[] = [];
  let keys: { subject_id: string; master_key_id: string; wrapped_key: string }[] = [];
  const keyProvider = localKeyProvider(DEVELOPMENT_MASTER_KEY);
  const flush = async () => {
    if (rows.length === 0) return;
    const client = await pool.connect();
    try {
      await client.query('begin');
      await client.query(
        `insert into events (event_id, stream_id, revision, type, schema_version, data, metadata, hash)
         select event_id, stream_id, revision, type, schema_version, data, metadata, decode(hash, 'hex')
         from jsonb_to_recordset($1::jsonb) as x(${ROW.join(', ')})`,
        [JSON.stringify(rows)],
      );
      await client.query(
        `insert into streams (stream_id, revision, last_hash)
         select stream_id, revision, decode(last_hash, 'hex')
         from jsonb_to_recordset($1::jsonb) as x(stream_id text, revision bigint, last_hash text)`,
        [JSON.stringify(heads)],
      );
      await client.query(
        `insert into personal_data_keys (subject_id, master_key_id, wrapped_key)
         select subject_id, master_key_id, decode(wrapped_key, 'hex')
         from jsonb_to_recordset($1::jsonb) as x(subject_id text, master_key_id text, wrapped_key text)`,
        [JSON.stringify(keys)],
      );
      await client.query('commit');
    } finally {
      client.release();
    }
    written += rows.length;
    rows = [];
    heads = [];
    keys = [];
    onProgress?.(written);
  };

  for (let n = 0; written + rows.length < target; n++) {
    const random = seededRandom(seed * 1_000_003 + n);
    const caseType = caseTypes[n % caseTypes.length]!;
    const caseId = nameBasedId('bench-case', String(seed), String(n));
    const streamId = caseStreamId(caseId);
    const channel = (
      [
        'web',
        'web',
        'web',
        'web',
        'web',
        'web',
        'web',
        'phone',
        'post',
        'assisted_digital',
      ] as const
    )[n % 10]!;
    const submittedAt = new Date(now.getTime() - random() * 365 * 86_400_000).toISOString();
    const applicant = { id: 'bench-intake', role: 'integrator' };
    let state = initialCaseState();
    // Personal parts are sealed under the applicant's own key, as the intake stores them.
    const dataKey = randomBytes(32);
    keys.push({
      subject_id: caseId,
      master_key_id: keyProvider.keyId,
      wrapped_key: (await keyProvider.wrap(dataKey, caseId)).toString('hex'),
    });
    let link: Buffer = GENESIS;
    let revision = 0n;
    const record = (decided: ReturnType<typeof decide>, metadata: EventMetadata) => {
      for (const event of decided) {
        const id = nameBasedId('bench-event', caseId, String(revision));
        const stored = { ...metadata, recordedAt: metadata.occurredAt };
        const plain = event.data as Record<string, unknown>;
        const data = carriesPersonalData(event.type, plain)
          ? {
              ...plain,
              personal: seal(dataKey, caseId, { id, type: event.type }, plain.personal as never),
            }
          : plain;
        link = chainLink(
          link,
          revision,
          contentHash({
            id,
            streamId,
            type: event.type,
            schemaVersion: CASE_EVENT_SCHEMA_VERSIONS[event.type],
            data,
            metadata: stored,
          }),
        );
        rows.push({
          event_id: id,
          stream_id: streamId,
          revision: String(revision),
          type: event.type,
          schema_version: CASE_EVENT_SCHEMA_VERSIONS[event.type],
          data,
          metadata: stored,
          hash: link.toString('hex'),
        });
        state = evolve(state, event);
        revision++;
      }
    };
    const submit = {
      type: 'SubmitApplication' as const,
      actor: applicant,
      at: submittedAt,
      caseId,
      reference: `${caseType.referencePrefix}-2026-${String(n).padStart(7, '0')}`,
      caseTypeId: caseType.id,
      channel,
      answers: fakeAnswers(caseType, random),
      submittedAt,
      keyedBy: null,
      externalReference: null,
      fingerprint: caseId,
    };
    record(decide(submit, state, caseType), {
      actor: applicant,
      channel,
      correlationId: caseId,
      causationId: null,
      occurredAt: submittedAt,
    });
    for (const command of seededLifecycle(caseType, caseId, new Date(submittedAt), now, random)) {
      record(decide(command, state, caseType), {
        actor: command.actor,
        channel: 'back_office',
        correlationId: nameBasedId(caseId, command.type),
        causationId: null,
        occurredAt: command.at,
      });
    }
    heads.push({
      stream_id: streamId,
      revision: String(revision - 1n),
      last_hash: link.toString('hex'),
    });
    if (rows.length >= 5000) await flush();
  }
  await flush();
  return written;
};

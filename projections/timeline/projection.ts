import type { PoolClient } from 'pg';
import type { CaseTypeRegistry } from '../../domain/case-types';
import { CASE_STREAM_PREFIX, type CaseEvent } from '../../domain/events';
import { asCaseEvent } from '../../eventstore/case-history';
import type { StoredEvent } from '../../eventstore/port';
import type { Projection, Tables } from '../projection';
import { copyRows } from '../copy-rows';
import { describeEvent } from './describe';
import { ERASED } from '../../domain/personal-data';

/**
 * The audit trail: one row per case event — what happened, field-level before and after,
 * who (and in what role), through which channel, when it happened and when it was
 * recorded, and the correlation that ties it to the request or job that caused it.
 */
const createTables = (t: Tables) => `
create table ${t.case_timeline} (
  case_id uuid not null,
  revision bigint not null,
  service text not null,
  event_id uuid not null,
  type text not null,
  summary text not null,
  changes jsonb not null,
  actor_id text not null,
  actor_role text not null,
  channel text not null,
  occurred_at timestamptz not null,
  recorded_at timestamptz not null,
  correlation_id text not null,
  causation_id text,
  primary key (case_id, revision)
);
`;
const createIndexes = (t: Tables) => `create index on ${t.case_timeline} (actor_id, occurred_at);`;

const COLUMNS = [
  'case_id',
  'revision',
  'service',
  'event_id',
  'type',
  'summary',
  'changes',
  'actor_id',
  'actor_role',
  'channel',
  'occurred_at',
  'recorded_at',
  'correlation_id',
  'causation_id',
];

export const timelineProjection = (caseTypes: CaseTypeRegistry): Projection => ({
  name: 'timeline',
  version: 1,
  tables: ['case_timeline'],
  createTables,
  createIndexes,
  async apply(tx: PoolClient, events: readonly StoredEvent[], t: Tables) {
    const services = new Map<string, string>();
    const rows: unknown[][] = [];
    const caseEvents = events.filter((e) => e.streamId.startsWith(CASE_STREAM_PREFIX));
    const unknown = [
      ...new Set(
        caseEvents.filter((e) => e.type !== 'ApplicationSubmitted').map((e) => e.streamId),
      ),
    ];
    for (const e of caseEvents) {
      if (e.type === 'ApplicationSubmitted') services.set(e.streamId, String(e.data.caseTypeId));
    }
    const missing = unknown.filter((s) => !services.has(s));
    if (missing.length > 0) {
      // The service of cases submitted in earlier batches, to label amended fields.
      const { rows: found } = await tx.query<{ case_id: string; service: string }>(
        `select case_id, service from ${t.case_timeline} where case_id = any($1::uuid[]) and revision = 0`,
        [missing.map((s) => s.slice(CASE_STREAM_PREFIX.length))],
      );
      for (const f of found) services.set(`${CASE_STREAM_PREFIX}${f.case_id}`, f.service);
    }
    for (const stored of caseEvents) {
      const event: CaseEvent | undefined = asCaseEvent(stored);
      if (!event) continue;
      const service = services.get(stored.streamId) ?? '';
      const { summary, changes } = describeEvent(event, caseTypes.byId(service));
      const m = stored.metadata;
      rows.push([
        stored.streamId.slice(CASE_STREAM_PREFIX.length),
        stored.revision,
        service,
        stored.id,
        stored.type,
        summary,
        changes,
        m.actor.id,
        m.actor.role,
        m.channel,
        m.occurredAt,
        m.recordedAt,
        m.correlationId,
        m.causationId,
      ]);
    }
    // Each (case, revision) is written once, so the rows go in by COPY.
    await copyRows(tx, t.case_timeline!, COLUMNS, rows);
    const erased = caseEvents.filter((e) => e.type === 'PersonalDataErased');
    if (erased.length > 0) await eraseFromTimeline(tx, t, erased);
  },
});

const ERASED_NOTE = describeEvent(
  { type: 'NoteAdded', data: { noteId: '', personal: { text: ERASED } } },
  undefined,
).summary;

/** Rows written before the erasure lose what the applicant's key protected. */
const eraseFromTimeline = async (tx: PoolClient, t: Tables, events: readonly StoredEvent[]) => {
  const caseIds = events.map((e) => e.streamId.slice(CASE_STREAM_PREFIX.length));
  await tx.query(
    `update ${t.case_timeline} set summary = $2 where case_id = any($1::uuid[]) and type = 'NoteAdded'`,
    [caseIds, ERASED_NOTE],
  );
  await tx.query(
    `update ${t.case_timeline} set changes = (
       select jsonb_agg(case when (c->>'personal')::boolean
         then c || jsonb_build_object('before', $2::text, 'after', $2::text) else c end
         order by ord)
       from jsonb_array_elements(changes) with ordinality as x(c, ord))
     where case_id = any($1::uuid[]) and type = 'AnswersAmended'`,
    [caseIds, ERASED],
  );
};

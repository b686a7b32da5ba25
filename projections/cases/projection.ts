import type { PoolClient } from 'pg';
import type { CaseTypeRegistry } from '../../domain/case-types';
import { CASE_STREAM_PREFIX } from '../../domain/events';
import { asCaseEvent } from '../../eventstore/case-history';
import type { StoredEvent } from '../../eventstore/port';
import { readCheckpoint } from '../checkpoints';
import type { Projection, Tables } from '../projection';
import { retallyNames } from './applicant-names';
import { countedNow, recount } from './case-counts';
import { caseRowOf, type CaseRow } from './case-row';
import { evolveView, openView, type CaseView } from './case-view';
import { casesTables, createCasesIndexes, createCasesTables } from './schema';

/**
 * Cases, queues and case views. A batch is applied with a fixed number of queries
 * whatever its size: load the views of the cases it touches that already exist and the
 * combinations and names they are counted under, fold the events in memory, then upsert every
 * changed row, view and count in one statement each.
 */
const ROW_COLUMNS = [
  'case_id uuid',
  'reference text',
  'service text',
  'case_type_version integer',
  'status text',
  'stage text',
  'channel text',
  'applicant_name text',
  'applicant_name_search text',
  'postcode text',
  'nino_hash text',
  'team text',
  'assignee text',
  'priority text',
  'priority_rank smallint',
  'received_at timestamptz',
  'next_deadline date',
  'next_warning date',
  'due_soon_from date',
  'sla_paused boolean',
  'clocks jsonb',
  'exception text',
  'outcome text',
  'last_activity_at timestamptz',
  'closed_at timestamptz',
  'personal_data_erased_at timestamptz',
  'revision bigint',
];
const NAMES = ROW_COLUMNS.map((c) => c.split(' ')[0]!);

const upsertRows = (t: Tables) => `
  insert into ${t.cases} (${NAMES.join(', ')})
  select ${NAMES.join(', ')} from jsonb_to_recordset($1::jsonb) as x(${ROW_COLUMNS.join(', ')})
  on conflict (case_id) do update set ${NAMES.filter((n) => n !== 'case_id')
    .map((n) => `${n} = excluded.${n}`)
    .join(', ')}`;

const upsertViews = (t: Tables) => `
  insert into ${t.case_views} (case_id, view)
  select (v->>'caseId')::uuid, v from jsonb_array_elements($1::jsonb) v
  on conflict (case_id) do update set view = excluded.view`;

/** Bumped whenever the cases read model changes shape: the runner then rebuilds it. */
export const CASES_VERSION = 8;

/**
 * Whether the cases read model is built at the current version — not still being built
 * for the first time or rebuilt after an upgrade — so work that reads it may act on it.
 */
export const casesReadModelReady = async (db: Pick<PoolClient, 'query'>) =>
  (await readCheckpoint(db, 'cases'))?.version === CASES_VERSION;

export const casesProjection = (
  caseTypes: CaseTypeRegistry,
  searchSecret?: Buffer,
): Projection => ({
  name: 'cases',
  version: CASES_VERSION,
  tables: casesTables,
  createTables: createCasesTables,
  createIndexes: createCasesIndexes,
  async apply(tx: PoolClient, events: readonly StoredEvent[], t: Tables) {
    const caseEvents = events.filter((e) => e.streamId.startsWith(CASE_STREAM_PREFIX));
    if (caseEvents.length === 0) return;
    const opened = new Set(
      caseEvents.filter((e) => e.type === 'ApplicationSubmitted').map((e) => e.streamId),
    );
    const existing = [...new Set(caseEvents.map((e) => e.streamId))].filter((s) => !opened.has(s));
    const views = new Map<string, CaseView>();
    const existingIds = existing.map((s) => s.slice(CASE_STREAM_PREFIX.length));
    const counted = await countedNow(tx, t, existingIds);
    if (existing.length > 0) {
      const { rows } = await tx.query<{ view: CaseView }>(
        `select view from ${t.case_views} where case_id = any($1::uuid[])`,
        [existingIds],
      );
      for (const { view } of rows) views.set(`${CASE_STREAM_PREFIX}${view.caseId}`, view);
    }
    for (const stored of caseEvents) {
      const event = asCaseEvent(stored);
      if (!event) continue;
      const at = {
        occurredAt: stored.metadata.occurredAt,
        actor: stored.metadata.actor,
        revision: stored.revision,
      };
      const current = views.get(stored.streamId);
      if (event.type === 'ApplicationSubmitted') {
        const caseType = caseTypes.byId(event.data.caseTypeId);
        if (caseType) views.set(stored.streamId, openView(caseType, event, at));
        continue;
      }
      const caseType = current && caseTypes.byId(current.service);
      if (current && caseType) views.set(stored.streamId, evolveView(current, event, caseType, at));
    }
    if (views.size === 0) return;
    const rows: CaseRow[] = [];
    for (const view of views.values())
      rows.push(caseRowOf(view, caseTypes.byId(view.service)!, searchSecret));
    await tx.query(upsertRows(t), [JSON.stringify(rows)]);
    await tx.query(upsertViews(t), [JSON.stringify([...views.values()])]);
    await recount(tx, t, counted, rows);
    await retallyNames(tx, t, counted, rows);
  },
});

import type { PoolClient } from 'pg';
import type { ApplicationChannel } from '../../domain/channels';
import type { CaseTypeRegistry } from '../../domain/case-types';
import { CASE_STREAM_PREFIX } from '../../domain/events';
import type { ClockState } from '../../domain/sla-clocks';
import type { StoredEvent } from '../../eventstore/port';
import type { Projection, Tables } from '../projection';
import { createMiIndexes, createMiTables, miTables, RATINGS } from './schema';
import { tallyEvents, type CaseFact } from './tally';

/**
 * Management information for service owners (see README.md). A batch costs at most five
 * queries whatever its size: load the facts of cases submitted in earlier batches, fold
 * the batch in memory, then add the counters and write decisions, clock results and facts
 * in one statement each.
 */

const COUNTERS = [
  'started',
  'submitted',
  'completed',
  'withdrawn',
  ...RATINGS.map((r) => `rated_${r}`),
];

const addToDaily = (t: Tables) => `
  insert into ${t.mi_daily} as d (service, channel, day, ${COUNTERS.join(', ')})
  select service, channel, day, ${COUNTERS.join(', ')}
  from jsonb_to_recordset($1::jsonb)
    as x(service text, channel text, day date, ${COUNTERS.map((c) => `${c} integer`).join(', ')})
  on conflict (service, channel, day) do update set
    ${COUNTERS.map((c) => `${c} = d.${c} + excluded.${c}`).join(', ')}`;

const insertRows = (table: string, columns: readonly string[], key: string) => {
  const names = columns.map((c) => c.split(' ')[0]!).join(', ');
  return `
  insert into ${table} (${names})
  select ${names} from jsonb_to_recordset($1::jsonb) as x(${columns.join(', ')})
  on conflict (${key}) do nothing`;
};

const DECISION_COLUMNS = [
  'decision_event_id uuid',
  'case_id uuid',
  'service text',
  'channel text',
  'day date',
  'outcome text',
  'granted boolean',
  'submitted_at timestamptz',
  'decided_at timestamptz',
  'working_days integer',
];

const CLOCK_RESULT_COLUMNS = [
  'case_id uuid',
  'clock text',
  'service text',
  'channel text',
  'day date',
  'deadline_on date',
  'met boolean',
];

const upsertFacts = (t: Tables) => `
  insert into ${t.mi_case_facts} (case_id, service, channel, submitted_at, clocks, pending_decision)
  select (f->>'caseId')::uuid, f->>'service', f->>'channel', (f->>'submittedAt')::timestamptz,
    f->'clocks', nullif(f->'pendingDecision', 'null'::jsonb)
  from jsonb_array_elements($1::jsonb) f
  on conflict (case_id) do update set clocks = excluded.clocks,
    pending_decision = excluded.pending_decision`;

interface FactRow {
  case_id: string;
  service: string;
  channel: ApplicationChannel;
  submitted_at: string;
  clocks: ClockState[];
  pending_decision: CaseFact['pendingDecision'];
}

/** Facts of the batch's cases that were submitted in an earlier batch. */
const loadFacts = async (tx: PoolClient, t: Tables, events: readonly StoredEvent[]) => {
  const caseEvents = events.filter((e) => e.streamId.startsWith(CASE_STREAM_PREFIX));
  const opened = new Set(
    caseEvents.filter((e) => e.type === 'ApplicationSubmitted').map((e) => e.streamId),
  );
  const earlier = [...new Set(caseEvents.map((e) => e.streamId))].filter((s) => !opened.has(s));
  const facts = new Map<string, CaseFact>();
  if (earlier.length === 0) return facts;
  const { rows } = await tx.query<FactRow>(
    // The time as text to the microsecond, as stored: a JS Date would cut it to milliseconds
    // and the fact would then differ from the one a rebuild makes in one batch.
    `select case_id, service, channel, clocks, pending_decision,
       to_char(submitted_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as submitted_at
     from ${t.mi_case_facts} where case_id = any($1::uuid[])`,
    [earlier.map((s) => s.slice(CASE_STREAM_PREFIX.length))],
  );
  for (const r of rows) {
    facts.set(`${CASE_STREAM_PREFIX}${r.case_id}`, {
      caseId: r.case_id,
      service: r.service,
      channel: r.channel,
      submittedAt: r.submitted_at,
      clocks: r.clocks,
      pendingDecision: r.pending_decision,
    });
  }
  return facts;
};

export const miProjection = (caseTypes: CaseTypeRegistry): Projection => ({
  name: 'mi',
  version: 1,
  tables: miTables,
  createTables: createMiTables,
  createIndexes: createMiIndexes,
  async apply(tx: PoolClient, events: readonly StoredEvent[], t: Tables) {
    const relevant = events.filter(
      (e) => e.type === 'ApplicationStarted' || e.streamId.startsWith(CASE_STREAM_PREFIX),
    );
    if (relevant.length === 0) return;
    const tally = tallyEvents(caseTypes, relevant, await loadFacts(tx, t, relevant));
    const writes: [string, unknown[]][] = [
      [addToDaily(t), tally.daily],
      [insertRows(t.mi_decisions!, DECISION_COLUMNS, 'decision_event_id'), tally.decisions],
      [insertRows(t.mi_clock_results!, CLOCK_RESULT_COLUMNS, 'case_id, clock'), tally.clockResults],
      [upsertFacts(t), tally.facts],
    ];
    for (const [query, rows] of writes) {
      if (rows.length > 0) await tx.query(query, [JSON.stringify(rows)]);
    }
  },
});

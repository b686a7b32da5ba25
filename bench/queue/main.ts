import { parseArgs } from 'node:util';
import type { Pool, QueryConfig } from 'pg';
import { londonDate } from '../../domain/calendar/working-days';
import { caseTypes } from '../../domain/case-types';
import { createPool, ensureDatabase } from '../../eventstore/postgres';
import { CASES_VERSION } from '../../projections/cases/projection';
import { queueCounts } from '../../projections/cases/queues';
import { latencyTable, summarise, type LatencySummary } from '../support/latency-table';
import { percentile } from '../support/stats';
import { fillCases } from './fill';
import { population, type Population } from './population';
import {
  allCasesKind,
  queueCursors,
  queueKinds,
  searchKinds,
  type BenchUser,
  type Db,
  type Kind,
  type Samples,
} from './workload';

/**
 * Queue and search latency over a large `cases` read model: fills it with `--cases` cases
 * (default 1,000,000), then, as a caseworker in one team and a team leader over three, runs
 * every kind of queue page, filter, count and search `--runs` times each after `--warmup`
 * rounds, one query at a time on one pool, kinds interleaved so a noisy neighbour hurts
 * all alike. With `--explain`, kinds whose p99 misses the target have the plan of their
 * slowest run printed. With `--keep`, the filled schema is kept and reused by the next
 * `--keep` run of the same size and read-model version, so only the first pays for the fill.
 * Last line: one JSON object of figures.
 */
const TARGET_P99_MS = 10;

const { values } = parseArgs({
  options: {
    cases: { type: 'string', default: '1000000' },
    runs: { type: 'string', default: '300' },
    warmup: { type: 'string', default: '20' },
    explain: { type: 'boolean', default: false },
    keep: { type: 'boolean', default: false },
    'database-url': {
      type: 'string',
      default: process.env.BENCH_DATABASE_URL ?? 'postgres://127.0.0.1:5432/casework_bench',
    },
  },
});
const cases = Number(values.cases);
const runs = Number(values.runs);
const warmup = Number(values.warmup);
const url = values['database-url']!;
const log = (message: string) => console.error(message);

const sampleValues = async (pool: Pool): Promise<Samples> => {
  const percent = Math.min(100, (100 * 2000) / cases);
  const { rows } = await pool.query<{
    reference: string;
    name: string;
    postcode: string;
    nino: string | null;
  }>(
    `select reference, applicant_name as name, postcode,
       case when nino_hash is not null then bench_nino(reference) end as nino
     from cases tablesample bernoulli ($1) repeatable (42)`,
    [percent],
  );
  return {
    references: rows.map((r) => r.reference),
    names: rows.map((r) => r.name),
    postcodes: rows.map((r) => r.postcode),
    ninos: rows.flatMap((r) => (r.nino ? [r.nino] : [])),
  };
};

/** Runs the kind's slowest run again, capturing its SQL, and prints each query's plan. */
const explainSlowest = async (pool: Pool, kind: Kind, i: number) => {
  const seen: QueryConfig[] = [];
  const recording: Db = {
    query: ((config: QueryConfig | string, values?: unknown[]) => {
      seen.push(typeof config === 'string' ? { text: config, values } : config);
      return pool.query(config, values);
    }) as Pool['query'],
  };
  await kind.run(recording, i);
  for (const query of seen) {
    const { rows } = await pool.query<{ 'QUERY PLAN': string }>({
      text: `explain (analyze, buffers) ${query.text}`,
      values: query.values,
    });
    log(`\n--- ${kind.name} (run ${i}) ---\n${query.text}\n-- ${JSON.stringify(query.values)}`);
    log(rows.map((r) => r['QUERY PLAN']).join('\n'));
  }
};

const KEPT_SCHEMA = 'bench_queue_kept';

/** Whether the kept schema holds a fill of this size made at this read-model version. */
const keptFillFits = async (pool: Pool) => {
  const { rows } = await pool.query<{ fits: boolean }>(
    `select exists (select from bench_filled where cases = $1 and version = $2) as fits`,
    [cases, CASES_VERSION],
  );
  return rows[0]!.fits;
};

/** Fills the schema, or with `--keep` reuses a kept fill that still fits. */
const filledSchema = async (pool: Pool, schema: string, shape: Population) => {
  if (values.keep && (await keptFillFits(pool).catch(() => false))) {
    log(`reusing the ${cases} cases kept in ${schema}`);
    return;
  }
  await pool.query(`drop schema if exists ${schema} cascade`);
  await pool.query(`create schema ${schema}`);
  await fillCases(pool, cases, shape, log);
  await pool.query(`create table bench_filled as select $1::int as cases, $2::int as version`, [
    cases,
    CASES_VERSION,
  ]);
};

const main = async () => {
  await ensureDatabase(url);
  const schema = values.keep ? KEPT_SCHEMA : `bench_queue_${process.pid}`;
  const pool = createPool({ url, schema, max: 4, applicationName: 'casework-bench-queue' });
  try {
    const shape = population(caseTypes);
    await filledSchema(pool, schema, shape);

    const today = londonDate(new Date());
    const [home] = shape.teams;
    const caseworker: BenchUser = {
      label: 'caseworker',
      user: { id: home!.staff[1]!, teams: [home!.team] },
    };
    const leader: BenchUser = {
      label: 'team leader',
      user: {
        id: home!.staff[0]!,
        teams: shape.teams.filter((t) => t.service === home!.service).map((t) => t.team),
      },
    };
    const samples = await sampleValues(pool);
    const context = { services: caseTypes.map((t) => t.id), samples, today };
    const kinds: Kind[] = [];
    for (const who of [caseworker, leader]) {
      log(
        `${who.label} ${who.user.id} in ${who.user.teams.join(', ')}: ${JSON.stringify(await queueCounts(pool, { user: who.user, today }))}`,
      );
      kinds.push(...queueKinds(who, await queueCursors(pool, who, today), context));
    }
    kinds.push(allCasesKind(leader, context), ...searchKinds(samples, today));

    log(`${kinds.length} kinds × (${warmup} warm-up + ${runs} timed runs), interleaved`);
    for (let i = 0; i < warmup; i++) for (const kind of kinds) await kind.run(pool, i);
    const timings = kinds.map(() => ({ latencies: [] as number[], worst: { ms: -1, i: 0 } }));
    const started = Date.now();
    for (let i = warmup; i < warmup + runs; i++) {
      for (const [k, kind] of kinds.entries()) {
        const begun = performance.now();
        await kind.run(pool, i);
        const ms = performance.now() - begun;
        const timing = timings[k]!;
        timing.latencies.push(ms);
        if (ms > timing.worst.ms) timing.worst = { ms, i };
      }
    }
    log(`timed runs took ${((Date.now() - started) / 1000).toFixed(1)} s`);

    const summaries: LatencySummary[] = kinds.map((kind, k) =>
      summarise({ name: kind.name, latencies: timings[k]!.latencies }),
    );
    log(latencyTable('query kind', summaries, TARGET_P99_MS));
    const missed = summaries.filter((s) => s.p99Ms > TARGET_P99_MS);
    if (values.explain) {
      for (const s of missed) {
        const k = summaries.indexOf(s);
        await explainSlowest(pool, kinds[k]!, timings[k]!.worst.i);
      }
    }
    const all = timings.flatMap((t) => t.latencies).sort((a, b) => a - b);
    const worst = summaries.reduce((a, b) => (b.p99Ms > a.p99Ms ? b : a));
    console.log(
      JSON.stringify({
        cases,
        queries: all.length,
        p50Ms: percentile(all, 50),
        p99Ms: percentile(all, 99),
        worstKindP99Ms: worst.p99Ms,
        worstKind: worst.name,
        kindsOverTargetP99: missed.length,
        targetP99Ms: TARGET_P99_MS,
      }),
    );
  } finally {
    if (!values.keep) {
      await pool.query(`drop schema if exists ${schema} cascade`).catch(() => undefined);
    }
    await pool.end();
  }
};

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});

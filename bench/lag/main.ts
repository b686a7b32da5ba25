import { parseArgs } from 'node:util';
import type { ApplicationChannel } from '../../domain/channels';
import { caseTypeRegistry } from '../../domain/case-types';
import { fakeAnswers, seededRandom } from '../../cli/seed/fake-answers';
import { submitApplication, type Submission } from '../../eventstore/intake';
import { START, type Position } from '../../eventstore/position';
import { allProjections, prepareProjections } from '../../projections';
import { checkpointMoves, waitForProjections } from '../../projections/checkpoints';
import { ProjectionRunner } from '../../projections/runner';
import { latencyTable, summarise } from '../support/latency-table';
import { percentile, round } from '../support/stats';
import { openBenchWriteSide } from '../support/write-side';
import { LagTracker } from './lag-tracker';

/**
 * Projection lag under load: one process submits applications through `submitApplication`
 * at `--rate` per second for `--seconds`, open loop (each at its due time, up to
 * `--in-flight` at once; a late one goes as soon as there is room), while it runs every
 * projection as `casework start` does, on the same pool. Lag is measured per submission
 * and projection, from the submission resolving to the projection's checkpoint reaching
 * it. Last line: one JSON object of figures.
 */
const { values } = parseArgs({
  options: {
    rate: { type: 'string', default: '1000' },
    seconds: { type: 'string', default: '20' },
    'in-flight': { type: 'string', default: '256' },
    'database-url': {
      type: 'string',
      default: process.env.BENCH_DATABASE_URL ?? 'postgres://127.0.0.1:5432/casework_bench',
    },
  },
});
const rate = Number(values.rate);
const seconds = Number(values.seconds);
const maxInFlight = Number(values['in-flight']);
const url = values['database-url']!;
const log = (message: string) => console.error(message);

const channelFor = (r: number): ApplicationChannel =>
  r < 0.7 ? 'web' : r < 0.85 ? 'phone' : r < 0.95 ? 'post' : 'assisted_digital';

/** Every submission made up front, so generating answers is not part of what is measured. */
const prepareSubmissions = (count: number): Submission[] =>
  Array.from({ length: count }, (_, n) => {
    const random = seededRandom(n + 1);
    const caseType = caseTypeRegistry.all[Math.floor(random() * caseTypeRegistry.all.length)]!;
    const channel = channelFor(random());
    return {
      service: caseType.id,
      channel,
      answers: fakeAnswers(caseType, random),
      idempotencyKey: `bench-lag-${process.pid}-${n}`,
      actor:
        channel === 'web'
          ? { id: 'web-form', role: 'integrator' }
          : { id: 'post.room', role: 'caseworker' },
    };
  });

const main = async () => {
  const schema = `bench_lag_${process.pid}`;
  const { store, pool, intake: context } = await openBenchWriteSide(url, schema);
  const runners: ProjectionRunner[] = [];
  try {
    await prepareProjections(pool, schema);
    const total = Math.round(rate * seconds);
    const submissions = prepareSubmissions(total);
    log(`prepared ${total} submissions`);

    for (const projection of allProjections(caseTypeRegistry)) {
      runners.push(
        new ProjectionRunner({
          pool,
          store,
          projection,
          schema,
          log: (m, e) => log(`${m}: ${String(e)}`),
        }),
      );
    }
    const names = runners.map((r) => r.name);
    for (const runner of runners) runner.start();
    // Projections make their tables on first start: wait for that before the clock starts.
    if (!(await waitForProjections(pool, names, START, 30_000)))
      throw new Error('projections did not start');

    const tracker = new LagTracker(names, START);
    const onMoved = (name: string, position: Position) =>
      tracker.moved(name, position, performance.now());
    checkpointMoves.on('moved', onMoved);

    const submitLatencies: number[] = [];
    let launched = 0;
    let inFlight = 0;
    let failed = 0;
    let lastPosition = START;
    let lastResolved = 0;
    const started = performance.now();
    const windowMs = seconds * 1000;
    const launch = (n: number) => {
      const due = started + (n * 1000) / rate;
      inFlight++;
      submitApplication(context, submissions[n]!)
        .then(({ position }) => {
          const at = performance.now();
          tracker.resolved(position, at);
          submitLatencies.push(at - due);
          if (position > lastPosition) lastPosition = position;
          lastResolved = at;
        })
        .catch((error: unknown) => {
          if (failed++ === 0) log(`a submission failed: ${String(error)}`);
        })
        .finally(() => inFlight--);
    };
    // The pacer: every millisecond, send whatever has fallen due, as far as room allows.
    const progress = setInterval(() => {
      const at = ((performance.now() - started) / 1000).toFixed(0);
      log(
        `${at} s: ${launched} sent, ${inFlight} in flight, ${pool.waitingCount} waiting for a connection; not yet projected: ${tracker.backlog()}`,
      );
    }, 2000);
    await new Promise<void>((resolve) => {
      const tick = () => {
        const elapsed = performance.now() - started;
        if (elapsed < windowMs) {
          const due = Math.min(total, Math.floor((elapsed * rate) / 1000) + 1);
          while (launched < due && inFlight < maxInFlight) launch(launched++);
        }
        if ((elapsed >= windowMs || launched === total) && inFlight === 0) resolve();
        else setTimeout(tick, 1);
      };
      tick();
    });
    clearInterval(progress);
    const completed = submitLatencies.length;
    const elapsedSeconds = (lastResolved - started) / 1000;
    log(
      `${completed} submitted in ${elapsedSeconds.toFixed(1)} s (${total - launched} never sent, ${failed} failed); waiting for projections`,
    );

    if (!(await waitForProjections(pool, names, lastPosition, 300_000)))
      throw new Error('projections did not catch up');
    await tracker.drained();
    checkpointMoves.off('moved', onMoved);

    const perProjection = names.map((name) =>
      summarise({ name, latencies: tracker.lags.get(name)! }),
    );
    log(latencyTable('projection lag', perProjection));
    log(
      latencyTable('submission (from due time)', [
        summarise({ name: 'submitApplication', latencies: submitLatencies }),
      ]),
    );
    log(
      `${tracker.reachedBeforeResolved} of ${completed * names.length} were projected before their submission resolved (counted as 0 ms)`,
    );
    const lags = [...tracker.lags.values()].flat().sort((a, b) => a - b);
    console.log(
      JSON.stringify({
        targetPerSecond: rate,
        seconds,
        submissions: completed,
        submissionsPerSecond: round(completed / elapsedSeconds),
        projections: names.length,
        p50Ms: percentile(lags, 50),
        p99Ms: percentile(lags, 99),
        maxMs: percentile(lags, 100),
      }),
    );
  } finally {
    await Promise.all(runners.map((r) => r.stop()));
    await store.close();
    await pool.query(`drop schema if exists ${schema} cascade`).catch(() => undefined);
    await pool.end();
  }
};

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});

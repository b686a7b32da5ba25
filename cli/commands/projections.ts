import { START } from '../../eventstore/position';
import { ProgressBar } from '../progress';
import { rebuildProjections } from '../../projections/rebuild';
import { ProjectionRunner } from '../../projections/runner';
import { projectionStatus } from '../../projections/status';
import type { Runtime } from '../runtime';

/** `casework projections`: each projection's position and lag. */
export const showProjections = async (runtime: Runtime): Promise<string> => {
  const statuses = await Promise.all(
    runtime.projections.map((p) => projectionStatus(runtime.pool, runtime.eventLog, p)),
  );
  const header = `${'projection'.padEnd(12)} ${'applied'.padStart(10)} ${'behind'.padStart(8)} ${'lag (s)'.padStart(8)}  position`;
  const lines = statuses.map(
    (s) =>
      `${s.name.padEnd(12)} ${String(s.eventsApplied).padStart(10)} ${String(s.eventsBehind).padStart(8)} ${s.secondsBehind.toFixed(1).padStart(8)}  ${s.position}${s.needsRebuild ? '  (needs rebuild)' : ''}`,
  );
  return [header, ...lines].join('\n');
};

/** `casework rebuild [name]`: rebuild into fresh tables and swap them in, while the back office runs. */
export const rebuild = async (runtime: Runtime, name: string | undefined): Promise<string> => {
  const chosen = name ? runtime.projections.filter((p) => p.name === name) : runtime.projections;
  if (chosen.length === 0) {
    throw new RangeError(
      `No projection "${name}"; choose one of: ${runtime.projections.map((p) => p.name).join(', ')}`,
    );
  }
  const total = await runtime.eventLog.countAfter(START);
  const started = Date.now();
  const progress = new ProgressBar(total, `events (${chosen.map((p) => p.name).join(', ')})`);
  let shown = 0;
  const result = await rebuildProjections({
    pool: runtime.pool,
    store: runtime.store,
    projections: chosen,
    onProgress: (read) => {
      progress.tick(Math.max(0, Math.min(read, total) - shown));
      shown = Math.min(read, total);
    },
  });
  progress.finish();
  const seconds = (Date.now() - started) / 1000;
  return `Rebuilt ${chosen.map((p) => p.name).join(', ')} from ${result.events} events in ${seconds.toFixed(1)} s (${Math.round(result.events / Math.max(seconds, 0.001))} events/s)`;
};

/** Runners for every projection, for `start` and `worker`-style processes. */
export const startProjectionRunners = (
  runtime: Runtime,
  log: (message: string, error?: unknown) => void,
  projections = runtime.projections,
) => {
  const runners = projections.map(
    (projection) =>
      new ProjectionRunner({
        pool: runtime.pool,
        store: runtime.store,
        projection,
        schema: runtime.config.DATABASE_SCHEMA,
        log,
      }),
  );
  for (const runner of runners) runner.start();
  return { runners, stop: () => Promise.all(runners.map((r) => r.stop())) };
};

import { START } from '../../eventstore/position';
import { ProgressBar } from '../progress';
import { rebuildProjections } from '../../projections/rebuild';
import { ProjectionRunner } from '../../projections/runner';
import { projectionStatus } from '../../projections/status';
import { readStall, readStalls, requestResume } from '../../projections/stalls';
import type { Runtime } from '../runtime';

/** `casework projections`: each projection's position and lag, and what any stall is on. */
export const showProjections = async (runtime: Runtime): Promise<string> => {
  const statuses = await Promise.all(
    runtime.projections.map((p) => projectionStatus(runtime.pool, runtime.eventLog, p)),
  );
  // Reactors (the workers' and live updates') stall the same way; show theirs too.
  const reactorStalls = (await readStalls(runtime.pool)).filter(
    (stall) => !runtime.projections.some((p) => p.name === stall.name),
  );
  const header = `${'projection'.padEnd(14)} ${'applied'.padStart(10)} ${'behind'.padStart(8)} ${'lag (s)'.padStart(8)}  position`;
  const lines = statuses.flatMap((s) => [
    `${s.name.padEnd(14)} ${String(s.eventsApplied).padStart(10)} ${String(s.eventsBehind).padStart(8)} ${s.secondsBehind.toFixed(1).padStart(8)}  ${s.position}${s.needsRebuild ? '  (needs rebuild)' : ''}`,
    ...(s.stall
      ? [
          `  STALLED since ${s.stall.stalledAt} on event ${s.stall.eventId} (${s.stall.eventType}, position ${s.stall.position}) after ${s.stall.attempts} attempts:`,
          `    ${s.stall.error}`,
          `    fix and deploy, then: casework projections resume ${s.name}`,
        ]
      : []),
  ]);
  const reactorLines = reactorStalls.map(
    (stall) =>
      `${stall.name.padEnd(14)} STALLED since ${stall.stalledAt} on event ${stall.eventId} (${stall.eventType}) after ${stall.attempts} attempts: ${stall.error}`,
  );
  return [header, ...lines, ...reactorLines].join('\n');
};

const RESUME_WAIT_MS = 30_000;

/**
 * `casework projections resume <name>`: asks the runner of a stalled projection (in
 * whichever process holds it) to try its event again, and reports what happened.
 */
export const resumeProjection = async (
  runtime: Runtime,
  name: string | undefined,
): Promise<{ ok: boolean; text: string }> => {
  const stalled = (await readStalls(runtime.pool)).map((s) => s.name);
  const names = [...new Set([...runtime.projections.map((p) => p.name), ...stalled])];
  if (!name || !names.includes(name)) {
    throw new RangeError(`Say which projection to resume: one of ${names.join(', ')}`);
  }
  const before = await readStall(runtime.pool, name);
  if (!before || !(await requestResume(runtime.pool, name))) {
    return { ok: true, text: `${name} is not stalled: nothing to resume` };
  }
  const deadline = Date.now() + RESUME_WAIT_MS;
  while (Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 250));
    const now = await readStall(runtime.pool, name);
    if (!now || now.eventId !== before.eventId) {
      return { ok: true, text: `${name} resumed: it applied event ${before.eventId}` };
    }
    if (!now.resumeRequestedAt) {
      return {
        ok: false,
        text: `${name} is stalled again on event ${now.eventId}: ${now.error}`,
      };
    }
  }
  return {
    ok: true,
    text: `Asked ${name} to resume; no running back office has taken it up yet (it will when one starts)`,
  };
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
  info: (message: string) => void = (message) => console.log(message),
) => {
  const runners = projections.map(
    (projection) =>
      new ProjectionRunner({
        pool: runtime.pool,
        store: runtime.store,
        projection,
        schema: runtime.config.DATABASE_SCHEMA,
        log,
        info,
      }),
  );
  for (const runner of runners) runner.start();
  return { runners, stop: () => Promise.all(runners.map((r) => r.stop())) };
};

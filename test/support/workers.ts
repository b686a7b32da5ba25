import { startWorkers, type Workers } from '../../workers';
import type { FileDrop } from '../../workers/file-drop/file-drop';
import type { QueueSettings } from '../../workers/queues';
import { runProjections } from './projections';
import type { EventLog } from '../../eventstore/event-log';
import type { TestWriteSide } from './runtime';

/**
 * The workers and their reactors over a test's own schema, on keys of its own in Redis,
 * with short retries. `stop` stops the reactors, then lets jobs in hand finish.
 */
export const runTestWorkers = async (
  w: TestWriteSide<EventLog>,
  options: {
    clock?: () => Date;
    settings?: Partial<QueueSettings>;
    quiet?: boolean;
    fileDrops?: readonly FileDrop[];
  } = {},
): Promise<{ workers: Workers; names: string[]; stop(): Promise<void> }> => {
  const log = options.quiet
    ? () => undefined
    : (message: string, error?: unknown) => console.error(message, error);
  const workers = startWorkers({
    pool: w.pool,
    store: w.store,
    caseTypes: w.caseTypes,
    clock: options.clock ?? (() => new Date('2026-03-02T10:00:00Z')),
    log,
    ...(options.fileDrops ? { fileDrops: options.fileDrops } : {}),
    settings: {
      redisUrl: 'redis://127.0.0.1:6379',
      prefix: `casework-test-${w.db.schema}`,
      webhookAttempts: 3,
      webhookBackoffMs: 20,
      webhookTimeoutMs: 2000,
      // Tests' receivers listen on this machine.
      webhookAllowPrivateNetworks: true,
      ...options.settings,
    },
  });
  const reactors = await runProjections(w.pool, w.store, w.db.schema, workers.reactors, log);
  return {
    workers,
    names: reactors.names,
    async stop() {
      await reactors.stop();
      await workers.close();
    },
  };
};

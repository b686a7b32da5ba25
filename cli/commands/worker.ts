import { startWorkers, type Workers } from '../../workers';
import type { Runtime } from '../runtime';
import type { Config } from '../config';
import type { QueueSettings } from '../../workers/queues';
import { startProjectionRunners } from './projections';

type Log = (message: string, error?: unknown) => void;

/** The workers and the reactors that feed them, as `start` and `worker` both run them. */
export const queueSettings = (config: Config): QueueSettings => ({
  redisUrl: config.REDIS_URL,
  prefix: config.QUEUE_PREFIX,
  webhookAttempts: config.WEBHOOK_ATTEMPTS,
  webhookBackoffMs: config.WEBHOOK_BACKOFF_MS,
  webhookTimeoutMs: config.WEBHOOK_TIMEOUT_MS,
  webhookAllowPrivateNetworks: config.WEBHOOK_ALLOW_PRIVATE_NETWORKS,
  jobLockMs: config.WORKER_LOCK_MS,
  ...(config.NOTIFY_API_KEY
    ? { notify: { apiKey: config.NOTIFY_API_KEY, baseUrl: config.NOTIFY_BASE_URL } }
    : {}),
});

export const runWorkers = (runtime: Runtime, log: Log) => {
  const workers: Workers = startWorkers({
    pool: runtime.pool,
    store: runtime.store,
    caseTypes: runtime.caseTypes,
    clock: runtime.clock,
    log,
    settings: queueSettings(runtime.config),
    fileDrops: runtime.config.FILE_DROPS,
  });
  const reactors = startProjectionRunners(runtime, log, workers.reactors);
  return {
    workers,
    /** Stops following the log, then lets jobs in hand finish. */
    async stop() {
      await reactors.stop();
      await workers.close();
    },
  };
};

export const untilStopped = () =>
  new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });

/** `casework worker`: workers and reactors alone, to scale them out beside the API. */
export const worker = async (runtime: Runtime) => {
  const log: Log = (message, error) =>
    error
      ? console.error(message, error instanceof Error ? error.message : error)
      : console.log(message);
  const running = runWorkers(runtime, log);
  console.log('Workers running: legacy sync, SLA timers. Stop with Ctrl-C.');
  await untilStopped();
  await running.stop();
};

import { Worker, type JobsOptions } from 'bullmq';
import type { Pool } from 'pg';
import type { CaseTypeRegistry } from '../domain/case-types';
import type { EventStore } from '../eventstore/port';
import type { Projection } from '../projections/projection';
import { deliverWebhook, type DeliveryJob } from './legacy-sync/deliver';
import { legacySyncReactor } from './legacy-sync/reactor';
import { retryDelivery, type FailedDelivery } from './legacy-sync/failed-deliveries';
import { KEEP, openQueues, QUEUE_NAMES, workerConnection, type QueueSettings } from './queues';
import { runSlaJob, slaTimersReactor, type SlaJob } from './sla-timers/timers';
import { notifyClient, notifyReactor, sendNotification, type NotifyJob } from './notify/notify';
import { fileDropReactor, type FileDrop } from './file-drop/file-drop';

/**
 * The workers of one process: BullMQ consumers for every queue, and the reactors that
 * fill the queues from the event log (run by projection runners: one active per
 * reactor across processes). `casework start` runs them beside the API; `casework worker`
 * runs them alone, to scale out.
 */
export interface WorkerContext {
  pool: Pool;
  store: EventStore;
  caseTypes: CaseTypeRegistry;
  settings: QueueSettings;
  clock: () => Date;
  concurrency?: number;
  /** Directories legacy systems read batched files from. */
  fileDrops?: readonly FileDrop[];
  log: (message: string, error?: unknown) => void;
}

export const deliveryOptions = (settings: QueueSettings): JobsOptions => ({
  ...KEEP,
  attempts: settings.webhookAttempts,
  backoff: { type: 'exponential', delay: settings.webhookBackoffMs, jitter: 0.5 },
});

const SLA_OPTIONS: JobsOptions = {
  ...KEEP,
  attempts: 10,
  backoff: { type: 'exponential', delay: 1000, jitter: 0.5 },
};

export interface Workers {
  reactors: Projection[];
  queues: ReturnType<typeof openQueues>;
  /** An administrator's retry of a delivery that failed every attempt. */
  retryDelivery(id: string, by: string): Promise<FailedDelivery>;
  /** Finishes the jobs in hand, then stops taking new ones. */
  close(): Promise<void>;
}

export const startWorkers = (context: WorkerContext): Workers => {
  const { settings } = context;
  const queues = openQueues(settings);
  const options = {
    prefix: settings.prefix,
    concurrency: context.concurrency ?? 8,
    lockDuration: settings.jobLockMs ?? 30_000,
    stalledInterval: settings.jobLockMs ?? 30_000,
  };
  const connections = [0, 1, 2].map(() => workerConnection(settings.redisUrl));
  const legacySync = new Worker<DeliveryJob>(
    QUEUE_NAMES.legacySync,
    (job) =>
      deliverWebhook(
        {
          store: context.store,
          pool: context.pool,
          timeoutMs: settings.webhookTimeoutMs,
          destinations: { allowPrivateNetworks: settings.webhookAllowPrivateNetworks ?? false },
          clock: context.clock,
        },
        job,
      ),
    { ...options, connection: connections[0]! },
  );
  const slaTimers = new Worker<SlaJob>(
    QUEUE_NAMES.slaTimers,
    (job) => runSlaJob(context, queues.slaTimers, job, SLA_OPTIONS),
    { ...options, connection: connections[1]! },
  );
  const notifyContext = settings.notify
    ? { ...context, client: notifyClient(settings.notify) }
    : undefined;
  const notify = notifyContext
    ? new Worker<NotifyJob>(QUEUE_NAMES.notify, (job) => sendNotification(notifyContext, job), {
        ...options,
        connection: connections[2]!,
      })
    : undefined;
  const running = [legacySync, slaTimers, ...(notify ? [notify] : [])];
  for (const worker of running) {
    worker.on('error', (error) => context.log(`worker ${worker.name}: ${error.message}`, error));
  }
  return {
    reactors: [
      legacySyncReactor(context.pool, queues.legacySync, deliveryOptions(settings)),
      slaTimersReactor(queues.slaTimers, SLA_OPTIONS),
      ...(context.fileDrops?.length
        ? [fileDropReactor(context.store, context.caseTypes, context.fileDrops)]
        : []),
      ...(notify
        ? [
            notifyReactor(queues.notify, {
              ...KEEP,
              attempts: settings.notify?.attempts ?? 8,
              backoff: {
                type: 'exponential',
                delay: settings.notify?.backoffMs ?? 5000,
                jitter: 0.5,
              },
            }),
          ]
        : []),
    ],
    queues,
    retryDelivery: (id, by) =>
      retryDelivery(context.pool, queues.legacySync, id, by, deliveryOptions(settings)),
    async close() {
      await Promise.all(running.map((w) => w.close()));
      await queues.close();
      for (const connection of connections) connection.disconnect();
    },
  };
};

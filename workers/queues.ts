import { Queue, type JobsOptions } from 'bullmq';
import { Redis } from 'ioredis';
import type { NotifySettings } from './notify/notify';

/**
 * The back office's BullMQ queues. Jobs are enqueued by reactors (runners that follow the
 * event log) with ids derived from event ids, so a batch enqueued twice after a crash
 * adds each job once while the first is kept; handlers are idempotent besides, as
 * delivery is at-least-once. Job data holds ids only, never personal data: handlers read
 * what they need from the event store.
 */
export const QUEUE_NAMES = {
  legacySync: 'legacy-sync',
  slaTimers: 'sla-timers',
  notify: 'notify',
} as const;

export interface QueueSettings {
  redisUrl: string;
  /** Key prefix in Redis: lets tests (and several back offices) share one Redis. */
  prefix: string;
  webhookAttempts: number;
  /** First retry delay; each later one doubles, with up to half again of random jitter. */
  webhookBackoffMs: number;
  webhookTimeoutMs: number;
  /** Webhooks to plain HTTP and private or loopback addresses too (development and tests). */
  webhookAllowPrivateNetworks?: boolean;
  /**
   * How long a worker's hold on a job lasts without renewal: a job whose worker died is
   * handed to another worker after about this long (BullMQ's stalled-job check).
   */
  jobLockMs?: number;
  /** GOV.UK Notify; without it no messages are sent to applicants. */
  notify?: NotifySettings;
}

/** Producers fail fast while Redis is away: the reactor keeps its place and tries again. */
export const producerConnection = (url: string): Redis => {
  const redis = new Redis(url, {
    maxRetriesPerRequest: 1,
    enableOfflineQueue: false,
    commandTimeout: 2000,
    retryStrategy: (times) => Math.min(times * 200, 2000),
  });
  redis.on('error', () => undefined); // surfaced by the reactor's retries and /health/ready
  return redis;
};

/** Workers wait for Redis indefinitely, as BullMQ requires. */
export const workerConnection = (url: string): Redis => {
  const redis = new Redis(url, { maxRetriesPerRequest: null });
  redis.on('error', () => undefined);
  return redis;
};

/*
 * Job ids join their parts with dots: BullMQ reserves colons (its own key separator).
 */

/** Completed jobs are kept a week so that a re-enqueued job id is still recognised. */
export const KEEP = {
  removeOnComplete: { age: 7 * 24 * 3600, count: 100_000 },
  removeOnFail: { age: 30 * 24 * 3600 },
} satisfies JobsOptions;

export interface Queues {
  legacySync: Queue;
  slaTimers: Queue;
  notify: Queue;
  all: readonly Queue[];
  /** Jobs per queue and state, for metrics. */
  counts(): Promise<{ queue: string; state: string; count: number }[]>;
  close(): Promise<void>;
}

export const openQueues = (settings: QueueSettings): Queues => {
  const connection = producerConnection(settings.redisUrl);
  const queue = (name: string) => new Queue(name, { connection, prefix: settings.prefix });
  const legacySync = queue(QUEUE_NAMES.legacySync);
  const slaTimers = queue(QUEUE_NAMES.slaTimers);
  const notify = queue(QUEUE_NAMES.notify);
  return {
    legacySync,
    slaTimers,
    notify,
    all: [legacySync, slaTimers, notify],
    async counts() {
      const states = ['waiting', 'active', 'delayed', 'failed'] as const;
      const all = await Promise.all(
        [legacySync, slaTimers, notify].map(async (q) => {
          const counts = await q.getJobCounts(...states);
          return states.map((state) => ({ queue: q.name, state, count: counts[state] ?? 0 }));
        }),
      );
      return all.flat();
    },
    async close() {
      await Promise.all([legacySync.close(), slaTimers.close(), notify.close()]);
      connection.disconnect();
    },
  };
};

import type { Pool } from 'pg';
import { UnreadableEvent, type EventStore, type StoredEvent } from '../eventstore/port';
import { isOutage } from '../eventstore/outage';
import { START, type Position } from '../eventstore/position';
import { inBatches } from '../eventstore/batches';
import { checkpointMoves, readCheckpoint } from './checkpoints';
import { EventNotApplied, liveTables, type Projection } from './projection';
import { createProjection, rebuildProjection } from './rebuild';
import { clearStall, describeFailure, readStall, recordStall } from './stalls';

/**
 * Keeps one projection up to date. Every process may run a runner for every projection;
 * a session advisory lock lets exactly one be active and the others wait on standby,
 * taking over within `standbyRetryMs` when the active one's process dies.
 *
 * Each batch is applied in one transaction that first locks the projection's checkpoint
 * row and checks it is still where this runner left it — so even two runners that both
 * believed themselves active (say, after a network split) could never apply an event
 * twice, and a rebuild can swap tables underneath safely.
 *
 * One bad event stops only its own projection, and never silently: a batch that fails is
 * applied again an event at a time, so everything before the culprit is kept and the
 * culprit is known; it is retried with backoff, and after `maxAttempts` the projection
 * stalls on it (see `stalls.ts`) until a resume is asked for, a new release starts, or a
 * quiet retry every `stalledRetryMs` gets past it. An outage (PostgreSQL or Redis gone) is
 * not the event's fault: the runner waits for the service and counts nothing against it.
 */
export interface RunnerOptions {
  pool: Pool;
  store: EventStore;
  projection: Projection;
  schema: string;
  batchSize?: number;
  standbyRetryMs?: number;
  /** Tries at one event before the projection stalls on it. */
  maxAttempts?: number;
  /** Delay before the first retry of an event; each later one doubles (at most 30 s). */
  retryBackoffMs?: number;
  /** While stalled: how often to look for a resume request. */
  stallPollMs?: number;
  /** While stalled: how often to try the event again unasked. */
  stalledRetryMs?: number;
  log?: (message: string, error?: unknown) => void;
  /** Where news that is not a failure goes (a stall cleared, a service back). */
  info?: (message: string) => void;
}

export const projectionLockKey = (schema: string, name: string) =>
  `casework:projection:${schema}:${name}`;

/** Where the runner is with an event that failed. */
interface Failing {
  event: StoredEvent;
  attempts: number;
}

export class ProjectionRunner {
  private stopped = false;
  private running: Promise<void> | undefined;
  private stopCurrent: (() => Promise<void>) | undefined;
  private wake: (() => void) | undefined;
  /** Apply one event per batch until past here: a batch failed and its culprit is sought. */
  private carefulUntil: Position | undefined;
  private failing: Failing | undefined;
  /** The batch being applied: the one a failure belongs to. */
  private current: readonly StoredEvent[] | undefined;
  /** The event this projection is recorded as stalled on, if any. */
  private stalledOn: string | undefined;
  private outage = false;
  active = false;

  constructor(private readonly options: RunnerOptions) {}

  get projection(): Projection {
    return this.options.projection;
  }

  get name(): string {
    return this.options.projection.name;
  }

  start(): void {
    this.running ??= this.loop();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.wake?.();
    await this.stopCurrent?.();
    await this.running;
  }

  /** Waits `ms`, or less if the runner is stopped meanwhile. */
  private pause(ms: number): Promise<void> {
    if (this.stopped) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.wake = done;
    });
  }

  private get log() {
    return this.options.log ?? (() => undefined);
  }

  private get info() {
    return this.options.info ?? (() => undefined);
  }

  private async loop(): Promise<void> {
    const { pool, schema, standbyRetryMs = 1000 } = this.options;
    while (!this.stopped) {
      const lock = await pool.connect().catch((error: unknown) => {
        this.reportOutage(error);
        return undefined;
      });
      if (!lock) {
        await this.pause(standbyRetryMs);
        continue;
      }
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        lock.release(true); // closing the session frees the advisory lock
      };
      try {
        const { rows } = await lock.query<{ ok: boolean }>(
          'select pg_try_advisory_lock(hashtext($1)) as ok',
          [projectionLockKey(schema, this.name)],
        );
        if (!rows[0]?.ok) {
          release();
          await this.pause(standbyRetryMs);
          continue;
        }
        this.active = true;
        lock.on('error', () => undefined);
        this.stalledOn = (await readStall(pool, this.name))?.eventId;
        this.serviceBack();
        await this.follow();
      } catch (error) {
        if (!this.stopped) {
          if (isOutage(error)) this.reportOutage(error);
          else this.log(`projection ${this.name} stopped on an error; retrying`, error);
          await this.pause(standbyRetryMs);
        }
      } finally {
        this.active = false;
        release();
      }
    }
  }

  /** One line when a service goes, not one a second while it is gone. */
  private reportOutage(error: unknown) {
    if (this.outage || this.stopped) return;
    this.outage = true;
    this.log(
      `projection ${this.name} is waiting for its database or Redis: ${describeFailure(error)}`,
    );
  }

  private serviceBack() {
    if (!this.outage) return;
    this.outage = false;
    this.info(`projection ${this.name} is running again`);
  }

  /** Applies batches until stopped, starting again from the checkpoint whenever it must. */
  private async follow(): Promise<void> {
    while (!this.stopped) {
      try {
        if (!(await this.tail())) return;
      } catch (error) {
        // The failure is an event's when applying it failed, or reading it did.
        const culprits =
          error instanceof UnreadableEvent || error instanceof EventNotApplied
            ? [error.event]
            : this.current;
        this.current = undefined;
        if (isOutage(error) || this.stopped || !culprits) throw error;
        await this.failed(culprits, error);
      }
    }
  }

  /**
   * From the checkpoint (creating or rebuilding the read model first if it must), applies
   * the log as it grows. True when it should start again from the checkpoint: it moved
   * elsewhere (a rebuild), or a failed batch has been got past an event at a time.
   */
  private async tail(): Promise<boolean> {
    const { pool, store, projection, batchSize = 1000 } = this.options;
    let checkpoint = await readCheckpoint(pool, projection.name);
    if (!checkpoint) {
      await createProjection(pool, projection);
      checkpoint = await readCheckpoint(pool, projection.name);
    } else if (checkpoint.version !== projection.version) {
      await rebuildProjection({ pool, store, projection });
      checkpoint = await readCheckpoint(pool, projection.name);
    }
    let cursor: Position = checkpoint?.position ?? START;
    const subscription = store.subscribeToAll(cursor);
    this.stopCurrent = () => subscription.close();
    if (this.stopped) await subscription.close();
    try {
      for await (const batch of inBatches(subscription, this.carefulUntil ? 1 : batchSize)) {
        this.current = batch;
        const next = await this.applyBatch(cursor, batch);
        this.current = undefined;
        if (next === 'moved') return true;
        cursor = next;
        if (this.carefulUntil && cursor >= this.carefulUntil) {
          this.carefulUntil = undefined; // past the failed batch: back to full batches
          return true;
        }
      }
      return false;
    } finally {
      await subscription.close();
    }
  }

  private async applyBatch(
    cursor: Position,
    batch: readonly StoredEvent[],
  ): Promise<Position | 'moved'> {
    const { pool, projection } = this.options;
    await projection.react?.(batch);
    const tx = await pool.connect();
    let position: Position;
    try {
      await tx.query('begin');
      const checkpoint = await readCheckpoint(tx, projection.name, true);
      if (checkpoint?.position !== cursor) {
        await tx.query('rollback');
        return 'moved';
      }
      await projection.apply(tx, batch, liveTables(projection));
      position = batch[batch.length - 1]?.position ?? cursor;
      await tx.query(
        `update projection_checkpoints set position = $2, events_applied = events_applied + $3, updated_at = now()
         where name = $1`,
        [projection.name, position, batch.length],
      );
      await tx.query('commit');
    } catch (error) {
      await tx.query('rollback').catch(() => undefined);
      throw error;
    } finally {
      tx.release();
    }
    checkpointMoves.emit('moved', projection.name, position);
    await this.applied(batch);
    return position;
  }

  /** After a batch is applied: a failing event got through, and any stall on it is over. */
  private async applied(batch: readonly StoredEvent[]) {
    if (this.failing && batch.some((e) => e.id === this.failing?.event.id)) {
      this.failing = undefined;
    }
    if (this.stalledOn && batch.some((e) => e.id === this.stalledOn)) {
      await clearStall(this.options.pool, this.name);
      this.info(`projection ${this.name} resumed: it applied event ${this.stalledOn}`);
      this.stalledOn = undefined;
    }
  }

  /** A batch failed (not for an outage): find the culprit, retry it, or stall on it. */
  private async failed(batch: readonly StoredEvent[], error: unknown): Promise<void> {
    const [event] = batch;
    if (!event) throw error;
    if (batch.length > 1) {
      this.carefulUntil = batch[batch.length - 1]?.position;
      return;
    }
    const { maxAttempts = 5, retryBackoffMs = 200 } = this.options;
    const attempts = this.failing?.event.id === event.id ? this.failing.attempts + 1 : 1;
    this.failing = { event, attempts };
    if (attempts < maxAttempts) {
      await this.pause(Math.min(retryBackoffMs * 2 ** (attempts - 1), 30_000));
      return;
    }
    await this.stall(event, error, attempts);
  }

  /** Records the stall, says so once, and waits to be asked (or for its quiet retry). */
  private async stall(event: StoredEvent, error: unknown, attempts: number) {
    const { pool, stallPollMs = 1000, stalledRetryMs = 600_000 } = this.options;
    const firstTime = this.stalledOn !== event.id;
    await recordStall(pool, this.name, event, error, firstTime ? attempts : 1);
    this.stalledOn = event.id;
    if (firstTime) {
      this.log(
        `projection ${this.name} stalled on event ${event.id} (${event.type}, position ${event.position}) ` +
          `after ${attempts} attempts: ${describeFailure(error)}. Other projections carry on; ` +
          `fix and deploy, or run "casework projections resume ${this.name}"`,
      );
    }
    const retryAt = Date.now() + stalledRetryMs;
    while (!this.stopped && Date.now() < retryAt) {
      await this.pause(stallPollMs);
      const stall = await readStall(pool, this.name);
      // Resume asked for, or cleared by a rebuild: a full set of attempts again.
      if (!stall || stall.resumeRequestedAt || stall.eventId !== event.id) {
        this.failing = undefined;
        if (!stall) this.stalledOn = undefined;
        return;
      }
    }
    // The quiet retry: one attempt, and back to waiting if it fails again.
    this.failing = { event, attempts: attempts - 1 };
  }
}

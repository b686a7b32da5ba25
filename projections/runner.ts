import type { Pool } from 'pg';
import type { EventStore, StoredEvent } from '../eventstore/port';
import { START, type Position } from '../eventstore/position';
import { inBatches } from '../eventstore/batches';
import { checkpointMoves, readCheckpoint } from './checkpoints';
import { liveTables, type Projection } from './projection';
import { createProjection, rebuildProjection } from './rebuild';

/**
 * Keeps one projection up to date. Every process may run a runner for every projection;
 * a session advisory lock lets exactly one be active and the others wait on standby,
 * taking over within `standbyRetryMs` when the active one's process dies.
 *
 * Each batch is applied in one transaction that first locks the projection's checkpoint
 * row and checks it is still where this runner left it — so even two runners that both
 * believed themselves active (say, after a network split) could never apply an event
 * twice, and a rebuild can swap tables underneath safely.
 */
export interface RunnerOptions {
  pool: Pool;
  store: EventStore;
  projection: Projection;
  schema: string;
  batchSize?: number;
  standbyRetryMs?: number;
  log?: (message: string, error?: unknown) => void;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export const projectionLockKey = (schema: string, name: string) =>
  `casework:projection:${schema}:${name}`;

export class ProjectionRunner {
  private stopped = false;
  private running: Promise<void> | undefined;
  private stopCurrent: (() => Promise<void>) | undefined;
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
    await this.stopCurrent?.();
    await this.running;
  }

  private async loop(): Promise<void> {
    const { pool, schema, standbyRetryMs = 1000, log = () => undefined } = this.options;
    while (!this.stopped) {
      const lock = await pool.connect().catch((error: unknown) => {
        log(`projection ${this.name}: cannot connect`, error);
        return undefined;
      });
      if (!lock) {
        await sleep(standbyRetryMs);
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
          await sleep(standbyRetryMs);
          continue;
        }
        this.active = true;
        lock.on('error', () => undefined);
        await this.follow();
      } catch (error) {
        if (!this.stopped) {
          log(`projection ${this.name} stopped on an error; retrying`, error);
          await sleep(standbyRetryMs);
        }
      } finally {
        this.active = false;
        release();
      }
    }
  }

  /** Applies batches until stopped; returns to re-read the checkpoint if it moved elsewhere. */
  private async follow(): Promise<void> {
    const { pool, store, projection, batchSize = 1000 } = this.options;
    for (;;) {
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
      let moved = false;
      for await (const batch of inBatches(subscription, batchSize)) {
        const next = await this.applyBatch(cursor, batch);
        if (next === 'moved') {
          moved = true;
          break;
        }
        cursor = next;
      }
      await subscription.close();
      if (!moved) return;
    }
  }

  private async applyBatch(
    cursor: Position,
    batch: readonly StoredEvent[],
  ): Promise<Position | 'moved'> {
    const { pool, projection } = this.options;
    await projection.react?.(batch);
    const tx = await pool.connect();
    try {
      await tx.query('begin');
      const checkpoint = await readCheckpoint(tx, projection.name, true);
      if (checkpoint?.position !== cursor) {
        await tx.query('rollback');
        return 'moved';
      }
      await projection.apply(tx, batch, liveTables(projection));
      const position = batch[batch.length - 1]!.position;
      await tx.query(
        `update projection_checkpoints set position = $2, events_applied = events_applied + $3, updated_at = now()
         where name = $1`,
        [projection.name, position, batch.length],
      );
      await tx.query('commit');
      checkpointMoves.emit('moved', projection.name, position);
      return position;
    } catch (error) {
      await tx.query('rollback').catch(() => undefined);
      throw error;
    } finally {
      tx.release();
    }
  }
}

import type { Pool } from 'pg';
import type { EventStore } from '../../eventstore/port';
import { readCheckpoints } from '../../projections/checkpoints';
import { readStalls } from '../../projections/stalls';

/**
 * The whole system's state after a run: every named projection has reached the head of
 * the log and none of them is stalled. Waits (bounded) for the runners, never sleeps blindly.
 */
export const expectCaughtUp = async (
  pool: Pool,
  store: EventStore,
  names: readonly string[],
  timeoutMs = 30_000,
): Promise<void> => {
  const head = await store.headPosition();
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    // A stall may be on its way out (a fixed release, a resume): it fails only if it stays.
    const stalls = (await readStalls(pool)).filter((stall) => names.includes(stall.name));
    const checkpoints = await readCheckpoints(pool);
    const behind = names.filter(
      (name) => !checkpoints.some((c) => c.name === name && c.position >= head),
    );
    if (behind.length === 0 && stalls.length === 0) return;
    if (Date.now() > deadline) {
      throw new Error(
        stalls.length
          ? `Projections stalled: ${JSON.stringify(stalls)}`
          : `Projections not at the head (${head}) in time: ${behind.join(', ')}`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
};

import type { Pool, PoolClient } from 'pg';

/** Runs `work` in one transaction on a connection of its own: committed if it returns, rolled back if it throws. */
export const inTransaction = async <T>(
  pool: Pool,
  work: (tx: PoolClient) => Promise<T>,
): Promise<T> => {
  const tx = await pool.connect();
  try {
    await tx.query('begin');
    const result = await work(tx);
    await tx.query('commit');
    return result;
  } catch (error) {
    await tx.query('rollback').catch(() => undefined);
    throw error;
  } finally {
    tx.release();
  }
};

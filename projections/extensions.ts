import type { Pool } from 'pg';

/**
 * Database-wide extensions the read models use, installed once into `public` (they
 * belong to the database, not to one schema). Two processes racing both succeed.
 */
export const ensureExtensions = async (pool: Pool): Promise<void> => {
  try {
    await pool.query('create extension if not exists pg_trgm with schema public');
  } catch (error) {
    if (!['23505', '42710'].includes((error as { code?: string }).code ?? '')) throw error;
  }
};

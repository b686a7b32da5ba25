import { randomBytes } from 'node:crypto';
import type { Pool } from 'pg';
import { createPool, ensureDatabase } from '../../eventstore/postgres';

/** Integration tests share one database and each gets a schema of its own, dropped afterwards. */
export const TEST_DATABASE_URL =
  process.env.TEST_DATABASE_URL ?? 'postgres://127.0.0.1:5432/casework_test';

export interface TestSchema {
  schema: string;
  url: string;
  pool: Pool;
  drop(): Promise<void>;
}

export const createTestSchema = async (
  prefix = 't',
  url = TEST_DATABASE_URL,
): Promise<TestSchema> => {
  await ensureDatabase(url);
  const schema = `${prefix}_${randomBytes(6).toString('hex')}`;
  const pool = createPool({ url, schema, max: 24 });
  await pool.query(`create schema ${schema}`);
  return {
    schema,
    url,
    pool,
    async drop() {
      await pool.query(`drop schema ${schema} cascade`).catch(() => undefined);
      await pool.end();
    },
  };
};

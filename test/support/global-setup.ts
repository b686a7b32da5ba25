import { createPool, ensureDatabase } from '../../eventstore/postgres';
import { ensureExtensions } from '../../projections/extensions';
import { TEST_DATABASE_URL } from './database';

/** Creates the shared test database and its extensions once, before parallel workers race to. */
export default async function globalSetup(): Promise<void> {
  await ensureDatabase(TEST_DATABASE_URL);
  const pool = createPool({ url: TEST_DATABASE_URL });
  await ensureExtensions(pool);
  await pool.end();
}

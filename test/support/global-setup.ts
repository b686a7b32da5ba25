import { ensureDatabase } from '../../eventstore/postgres';
import { TEST_DATABASE_URL } from './database';

/** Creates the shared test database once, before parallel workers race to do it. */
export default async function globalSetup(): Promise<void> {
  await ensureDatabase(TEST_DATABASE_URL);
}

import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { createPool, ensureDatabase } from '../../eventstore/postgres';
import { connectionConfig } from '../../eventstore/postgres/database';
import { migrate } from '../../eventstore/postgres/migrate';
import { eventStoreMigrations } from '../../eventstore/postgres/schema';
import { TEST_DATABASE_URL } from '../support/database';

describe('migrations', () => {
  it('two processes starting at once create the database and schema exactly once', async () => {
    const name = `casework_migrate_${randomBytes(4).toString('hex')}`;
    const url = TEST_DATABASE_URL.replace(/\/[^/]*$/, `/${name}`);
    await Promise.all([ensureDatabase(url), ensureDatabase(url), ensureDatabase(url)]);
    const pools = [
      createPool({ url, schema: 'casework' }),
      createPool({ url, schema: 'casework' }),
    ];
    try {
      const applied = await Promise.all(
        pools.map((pool) => migrate(pool, 'casework', 'eventstore', eventStoreMigrations)),
      );
      expect(applied.flat()).toEqual(eventStoreMigrations.map((m) => m.id));
      expect(await migrate(pools[0]!, 'casework', 'eventstore', eventStoreMigrations)).toEqual([]);
      const { rows } = await pools[0]!.query(
        `select count(*)::int as n from casework.schema_migrations`,
      );
      expect(rows[0].n).toBe(eventStoreMigrations.length);
    } finally {
      await Promise.all(pools.map((pool) => pool.end()));
      const admin = new Client(connectionConfig(TEST_DATABASE_URL));
      await admin.connect();
      await admin.query(`drop database ${name}`);
      await admin.end();
    }
  });
});

import type { Pool } from 'pg';
import { SCHEMA_NAME } from './database';

/**
 * Applies each component's schema migrations once, in order. An advisory lock makes
 * two processes starting together take turns: the second finds nothing left to do.
 */

export interface Migration {
  id: string;
  sql: string;
}

export const migrate = async (
  pool: Pool,
  schema: string,
  component: string,
  migrations: readonly Migration[],
): Promise<string[]> => {
  if (!SCHEMA_NAME.test(schema)) throw new RangeError(`Not a schema name: ${schema}`);
  const client = await pool.connect();
  const applied: string[] = [];
  try {
    await client.query('select pg_advisory_lock(hashtext($1))', [`casework:migrate:${schema}`]);
    await client.query(`create schema if not exists ${schema}`);
    await client.query(`create table if not exists ${schema}.schema_migrations (
      component text not null,
      id text not null,
      applied_at timestamptz not null default now(),
      primary key (component, id))`);
    const { rows } = await client.query<{ id: string }>(
      `select id from ${schema}.schema_migrations where component = $1`,
      [component],
    );
    const done = new Set(rows.map((r) => r.id));
    for (const migration of migrations) {
      if (done.has(migration.id)) continue;
      await client.query('begin');
      try {
        await client.query(`set local search_path = ${schema}`);
        await client.query(migration.sql);
        await client.query(
          `insert into ${schema}.schema_migrations (component, id) values ($1, $2)`,
          [component, migration.id],
        );
        await client.query('commit');
        applied.push(migration.id);
      } catch (error) {
        await client.query('rollback');
        throw error;
      }
    }
  } finally {
    await client
      .query('select pg_advisory_unlock(hashtext($1))', [`casework:migrate:${schema}`])
      .catch(() => undefined);
    client.release();
  }
  return applied;
};

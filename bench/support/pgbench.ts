import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { Pool } from 'pg';

const run = promisify(execFile);

/**
 * The baseline every write benchmark compares against: raw single-row INSERT
 * transactions by `pgbench` with the same number of clients, on the same database, in
 * the same run — so a noisy, shared machine affects both sides alike.
 */
export const pgbenchInsertTps = async (
  url: string,
  pool: Pool,
  clients: number,
  seconds: number,
): Promise<number> => {
  await pool.query(
    'create table if not exists pgbench_baseline (id bigserial primary key, body jsonb not null)',
  );
  await pool.query('truncate pgbench_baseline');
  const script = join(tmpdir(), `casework-pgbench-${process.pid}.sql`);
  writeFileSync(
    script,
    `insert into pgbench_baseline (body) values ('{"kind": "baseline", "n": 1}');\n`,
  );
  const u = new URL(url);
  const schema = (await pool.query<{ s: string }>('select current_schema() as s')).rows[0]!.s;
  const { stdout } = await run(
    'pgbench',
    [
      '-n',
      '-f',
      script,
      '-c',
      String(clients),
      '-j',
      String(Math.min(clients, 2)),
      '-T',
      String(seconds),
      '-h',
      u.hostname,
      '-p',
      u.port || '5432',
      ...(u.username ? ['-U', decodeURIComponent(u.username)] : []),
      decodeURIComponent(u.pathname.slice(1)),
    ],
    { env: { ...process.env, PGOPTIONS: `-c search_path=${schema}` } },
  );
  const tps = /tps = ([\d.]+)/.exec(stdout);
  if (!tps) throw new Error(`pgbench printed no tps:\n${stdout}`);
  return Number(tps[1]);
};

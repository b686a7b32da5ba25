import type { Pool } from 'pg';
import type { Migration } from '../eventstore/postgres/migrate';
import type { Principal } from './auth/roles';

/**
 * Every read of a case's personal data, with who read it, when and through which
 * operation — for auditors, and for answering subject access requests.
 */
export const accessLogMigrations: readonly Migration[] = [
  {
    id: '001-access-log',
    sql: `
create table access_log (
  id bigserial primary key,
  case_id uuid not null,
  actor_id text not null,
  actor_role text not null,
  operation text not null,
  at timestamptz not null default now()
);
create index on access_log (case_id, at);`,
  },
];

export interface AccessEntry {
  actorId: string;
  actorRole: string;
  operation: string;
  at: string;
}

export const recordAccess = async (
  pool: Pool,
  principal: Principal,
  caseId: string,
  operation: string,
) => {
  await pool.query(
    'insert into access_log (case_id, actor_id, actor_role, operation) values ($1, $2, $3, $4)',
    [caseId, principal.id, principal.role, operation],
  );
};

export const accessLogOf = async (pool: Pool, caseId: string): Promise<AccessEntry[]> => {
  const { rows } = await pool.query<AccessEntry>(
    `select actor_id as "actorId", actor_role as "actorRole", operation,
            to_char(at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as at
     from access_log where case_id = $1 order by at, id`,
    [caseId],
  );
  return rows;
};

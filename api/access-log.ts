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
  {
    id: '002-repeated-reads',
    sql: `
alter table access_log add column last_at timestamptz;
alter table access_log add column reads integer not null default 1;
update access_log set last_at = at;
alter table access_log alter column last_at set not null;
alter table access_log alter column last_at set default now();`,
  },
];

export interface AccessEntry {
  actorId: string;
  actorRole: string;
  operation: string;
  at: string;
  lastAt: string;
  reads: number;
}

/**
 * A case page that stays open reads the case again each time someone changes it, and a
 * person may reload a page they are working on. An auditor asks who saw the case, when,
 * and how often — not for one row per refresh, in which a single sitting would bury
 * everything else. So a read by the same person, in the same role, through the same
 * operation, within this long of their previous one, continues that entry: its latest
 * time moves on and its count of reads goes up. Nothing is left out (each read is
 * counted, and the first and latest times are exact); only the times of the reads in
 * between are not kept. A read after a longer gap starts a new entry.
 */
const CONTINUED_READS_WITHIN = '5 minutes';

/**
 * Records that the principal read these cases' personal data through `operation`: one
 * case (a case page) or a list's rows (a queue page, search results: names, postcodes),
 * in one statement.
 */
export const recordAccesses = async (
  pool: Pool,
  principal: Pick<Principal, 'id' | 'role'>,
  caseIds: readonly string[],
  operation: string,
) => {
  if (caseIds.length === 0) return;
  await pool.query(
    `with read as (select distinct unnest($1::uuid[]) as case_id),
     latest as (
       select distinct on (l.case_id) l.id, l.case_id from read
       join access_log l on l.case_id = read.case_id
       where l.actor_id = $2 and l.actor_role = $3 and l.operation = $4
         and l.last_at > now() - $5::interval
       order by l.case_id, l.id desc),
     continued as (
       update access_log set last_at = now(), reads = reads + 1
       where id in (select id from latest)
       returning case_id)
     insert into access_log (case_id, actor_id, actor_role, operation)
     select case_id, $2, $3, $4 from read where case_id not in (select case_id from continued)`,
    [caseIds, principal.id, principal.role, operation, CONTINUED_READS_WITHIN],
  );
};

export const recordAccess = (
  pool: Pool,
  principal: Pick<Principal, 'id' | 'role'>,
  caseId: string,
  operation: string,
) => recordAccesses(pool, principal, [caseId], operation);

const iso = (column: string) =>
  `to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

export const accessLogOf = async (pool: Pool, caseId: string): Promise<AccessEntry[]> => {
  const { rows } = await pool.query<AccessEntry>(
    `select actor_id as "actorId", actor_role as "actorRole", operation,
            ${iso('at')} as at, ${iso('last_at')} as "lastAt", reads
     from access_log where case_id = $1 order by at, id`,
    [caseId],
  );
  return rows;
};

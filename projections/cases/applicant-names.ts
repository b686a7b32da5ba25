import type { PoolClient } from 'pg';
import type { Tables } from '../projection';
import type { CaseRow } from './case-row';
import { netMoves } from './case-counts';

/**
 * `applicant_names`: every applicant name cases bear, as its search key
 * (`applicant_name_search`), with how many cases bear it. A name search ranks names, not
 * cases, by how close they are to what was typed: a million cases share some 135,000 names
 * (bench/queue), and every case of a name is as close as the name itself (search.ts).
 *
 * `trigrams` is how many distinct trigrams the name has. A name holding the typed text can
 * share at most all of the text's trigrams with it, so its similarity is at most the text's
 * trigram count over its own: the closest names are among the short ones, which a search
 * reads first through the indexes on names up to each of `SHORT_NAME_TRIGRAMS`.
 *
 * The cases projection keeps it in the same transaction as the rows, as it keeps
 * `case_counts`: a case whose name changed is taken from its old name and added to its new
 * one, and a name no case bears any more is deleted, so an erased applicant's name leaves
 * the table with their last case.
 */

export const APPLICANT_NAMES_TABLE = 'applicant_names';

/** The name lengths, in trigrams, that have an index of their own (with every shorter name). */
export const SHORT_NAME_TRIGRAMS = [12, 14, 16, 18, 20] as const;

export const createApplicantNamesTable = (t: Tables) => `
create table ${t.applicant_names} (
  name text primary key,
  trigrams smallint generated always as (cardinality(public.show_trgm(name))) stored,
  cases integer not null
);
`;

/** By length too, for text too short to have a trigram of its own for the others to use. */
export const createApplicantNamesIndexes = (t: Tables) => `
create index on ${t.applicant_names} (trigrams);
create index on ${t.applicant_names} using gin (name public.gin_trgm_ops);
${SHORT_NAME_TRIGRAMS.map(
  (most) =>
    `create index on ${t.applicant_names} using gin (name public.gin_trgm_ops) where trigrams <= ${most};`,
).join('\n')}
`;

/** Moves each changed case from the name it was counted under to the name it bears now. */
export const retallyNames = async (
  tx: Pick<PoolClient, 'query'>,
  t: Tables,
  before: ReadonlyMap<string, { name: string }>,
  rows: readonly CaseRow[],
): Promise<void> => {
  const moved = netMoves(
    rows.map((row) => ({ was: before.get(row.case_id)?.name, now: row.applicant_name_search })),
    (name) => name,
  );
  if (moved.length === 0) return;
  await tx.query(
    `insert into ${t.applicant_names} (name, cases)
     select * from unnest($1::text[], $2::int[])
     on conflict (name) do update set cases = ${t.applicant_names}.cases + excluded.cases`,
    [moved.map(({ key }) => key), moved.map(({ cases }) => cases)],
  );
  const left = moved.filter(({ cases }) => cases < 0).map(({ key }) => key);
  if (left.length > 0) {
    await tx.query(`delete from ${t.applicant_names} where name = any($1::text[]) and cases = 0`, [
      left,
    ]);
  }
};

/** Fills `applicant_names` afresh from the `cases` rows, for tables filled other than by events. */
export const tallyNames = async (
  db: Pick<PoolClient, 'query'>,
  t: Tables = { cases: 'cases', applicant_names: 'applicant_names' },
): Promise<void> => {
  await db.query(`delete from ${t.applicant_names}`);
  await db.query(
    `insert into ${t.applicant_names} (name, cases)
     select applicant_name_search, count(*) from ${t.cases} group by 1`,
  );
};

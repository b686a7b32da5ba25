import type { Pool } from 'pg';
import { inTransaction } from '../../eventstore/postgres/transaction';
import { InvalidTransition } from '../../domain/errors';
import { executeCaseCommand, type CaseCommandContext } from '../../eventstore/case-commands';
import { WrongExpectedRevision, type Actor } from '../../eventstore/port';
import { orderBy, sortKeys } from './case-order';
import { CASES_TABLE, queueWhere } from './queues';
import { render, sql, trusted } from './sql';

/**
 * "Take next": the caseworker gets the most urgent unallocated case in their teams, and no
 * case goes to two people. Three guards, each covering what the one before cannot:
 *
 * 1. `for update skip locked` keeps concurrent takers off the row another is claiming.
 * 2. A lease in `case_claims` keeps them off it after that transaction commits, until the
 *    read model shows the assignee. The upsert only replaces a stale lease, so a taker
 *    whose snapshot predates another's claim still cannot claim the same case.
 * 3. The assignment is appended at the revision the read model showed, so a case that
 *    changed meanwhile (assigned by a team leader, withdrawn) is refused by the event
 *    store; the lease is let go and the next case tried.
 */

export const CLAIM_LEASE_SECONDS = 30;
const MAX_ATTEMPTS = 5;

export const CASE_CLAIMS_DDL = `create table if not exists case_claims (
  case_id uuid primary key,
  claimed_by text not null,
  claimed_at timestamptz not null default now()
)`;

/** Creates the lease table; processes racing to do so all succeed. */
export const ensureClaimsTable = async (pool: Pick<Pool, 'query'>): Promise<void> => {
  try {
    await pool.query(CASE_CLAIMS_DDL);
  } catch (error) {
    if (!['23505', '42P07'].includes((error as { code?: string }).code ?? '')) throw error;
  }
};

export interface TakeNextContext extends CaseCommandContext {
  pool: Pool;
  clock: () => Date;
}

export interface TakeNextRequest {
  user: Actor & { teams: string[] };
  /** Today in London (YYYY-MM-DD). */
  today: string;
  /** Makes the command ids deterministic for a caller that retries. */
  commandIdPrefix?: string;
}

export interface TakenCase {
  caseId: string;
  reference: string;
  /** The case stream's revision after the assignment, a bigint in decimal. */
  revision: string;
}

interface Candidate {
  caseId: string;
  reference: string;
  revision: string;
}

const fresh = `now() - interval '${CLAIM_LEASE_SECONDS} seconds'`;

/**
 * Leases the first case in the queue that nobody holds. `leased` is false when another
 * taker's lease appeared after this transaction's snapshot was taken.
 */
const claimNext = (
  pool: Pool,
  request: TakeNextRequest,
  passedOver: readonly string[],
): Promise<{ candidate: Candidate; leased: boolean } | undefined> =>
  inTransaction(pool, async (tx) => {
    const cases = trusted(CASES_TABLE);
    const { rows } = await tx.query<Candidate>(
      render(sql`select case_id::text as "caseId", reference, revision::text as revision
        from ${cases}
        where ${queueWhere('team-unallocated', request)}
          and case_id <> all(${passedOver}::uuid[])
          and not exists (select 1 from case_claims k
            where k.case_id = ${cases}.case_id and k.claimed_at > ${trusted(fresh)})
        order by ${orderBy(sortKeys({ field: 'priority', direction: 'asc' }))}
        for update of ${cases} skip locked
        limit 1`),
    );
    const candidate = rows[0];
    if (!candidate) return undefined;
    const claimed = await tx.query(
      `insert into case_claims (case_id, claimed_by) values ($1, $2)
       on conflict (case_id) do update
         set claimed_by = excluded.claimed_by, claimed_at = excluded.claimed_at
         where case_claims.claimed_at <= ${fresh}`,
      [candidate.caseId, request.user.id],
    );
    return { candidate, leased: claimed.rowCount === 1 };
  });

const release = (pool: Pool, caseId: string, userId: string) =>
  pool.query('delete from case_claims where case_id = $1 and claimed_by = $2', [caseId, userId]);

export const takeNextCase = async (
  context: TakeNextContext,
  request: TakeNextRequest,
): Promise<TakenCase | null> => {
  const { pool, clock } = context;
  const { user } = request;
  const prefix = request.commandIdPrefix ?? 'take-next';
  await pool.query(`delete from case_claims where claimed_at <= ${fresh}`);
  const passedOver: string[] = [];
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const claim = await claimNext(pool, request, passedOver);
    if (!claim) return null;
    const { candidate, leased } = claim;
    passedOver.push(candidate.caseId);
    if (!leased) continue;
    const actor = { id: user.id, role: user.role };
    try {
      // The revision in the id lets a retried request repeat this assignment, never another.
      const result = await executeCaseCommand(
        context,
        candidate.caseId,
        { type: 'AssignCase', actor, at: clock().toISOString(), assignee: user.id },
        {
          commandId: `${prefix}:${user.id}:${candidate.caseId}@${candidate.revision}`,
          expectedRevision: BigInt(candidate.revision),
        },
      );
      return {
        caseId: candidate.caseId,
        reference: candidate.reference,
        revision: String(result.revision),
      };
    } catch (error) {
      await release(pool, candidate.caseId, user.id);
      if (!(error instanceof WrongExpectedRevision || error instanceof InvalidTransition))
        throw error;
    }
  }
  return null;
};

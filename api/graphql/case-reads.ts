import { z } from 'zod';
import { caseStreamId } from '../../domain/events';
import { instant } from '../../domain/values';
import { parseInput } from '../../projections/cases/input';
import { loadCase } from '../../eventstore/case-history';
import { ChainVerifier } from '../../eventstore/hash-chain';
import { isUuid } from '../../eventstore/ids';
import { storedEvents } from '../../eventstore/personal-data/protected-store';
import type { CaseView } from '../../projections/cases/case-view';
import { accessLogOf, recordAccess } from '../access-log';
import { requireRead } from '../auth/policy';
import type { Principal } from '../auth/roles';
import { NotFound } from '../problems';
import { retentionReport } from '../../workers/retention';
import { failedDeliveries } from '../../workers/legacy-sync/failed-deliveries';
import { openImportExceptions } from '../../workers/import/import';
import { serviceObject, servicesWorkedBy, type BackOffice, type GraphQLContext } from './context';

/** Reading one case: its view, history, past states, integrity and who has looked at it. */
export const loadView = async (
  backOffice: BackOffice,
  by: { id?: string | null; reference?: string | null },
) => {
  const { rows } = await backOffice.pool.query<{ view: CaseView }>(
    by.id
      ? 'select view from case_views where case_id = $1::uuid'
      : 'select v.view from case_views v join cases c using (case_id) where c.reference = upper($1)',
    [by.id ?? by.reference],
  );
  return rows[0]?.view;
};

export const caseObject = (backOffice: BackOffice, view: CaseView) => {
  const caseType = backOffice.caseTypes.byId(view.service);
  return {
    ...view,
    service: caseType ? serviceObject(caseType) : null,
    answers: { ...view.answers, ...view.personal },
    keyedBy: view.keyedBy
      ? { id: view.keyedBy.id, name: view.keyedBy.id, role: view.keyedBy.role, teams: [] }
      : null,
  };
};

/** A case the principal may read (404 if it does not exist, 403 if it is another team's), access logged. */
export const readableCase = async (
  ctx: GraphQLContext,
  by: { id?: string | null; reference?: string | null },
  operation: string,
) => {
  const principal = await ctx.principal();
  requireRead(principal, 'case');
  const view = by.id && !isUuid(by.id) ? undefined : await loadView(ctx.backOffice, by);
  if (!view) throw new NotFound(`No case ${by.id ?? by.reference ?? ''}`);
  requireRead(principal, 'case', view.team);
  await recordAccess(ctx.backOffice.pool, principal, view.caseId, operation);
  return { principal, view };
};

const requireAudit = (principal: Principal) => requireRead(principal, 'audit');

const MAX_REVISION = 2n ** 63n - 1n;

/** A case as of a revision (a whole number) or a moment (ISO 8601 with offset), or now. */
const asOfSchema = z.object({
  revision: z
    .string()
    .regex(/^\d{1,19}$/, 'Give the revision as a whole number')
    .transform((r) => BigInt(r))
    .refine((r) => r <= MAX_REVISION, 'Give a revision the case could have reached')
    .nullish()
    .transform((r) => r ?? undefined),
  time: instant()
    .nullish()
    .transform((t) => t ?? undefined),
});

export const caseQueries = {
  case: async (
    _: unknown,
    args: { id?: string | null; reference?: string | null },
    ctx: GraphQLContext,
  ) => {
    if (!args.id && !args.reference) throw new NotFound('Give a case id or reference');
    const { view } = await readableCase(ctx, args, 'case');
    return caseObject(ctx.backOffice, view);
  },
  auditTrail: async (_: unknown, { caseId }: { caseId: string }, ctx: GraphQLContext) => {
    await readableCase(ctx, { id: caseId }, 'auditTrail');
    const { rows } = await ctx.backOffice.pool.query(
      `select revision::text as revision, event_id as "eventId", type, summary, changes, actor_id as "actorId",
              actor_role as "actorRole", channel, occurred_at as "occurredAt", recorded_at as "recordedAt",
              correlation_id as "correlationId"
       from case_timeline where case_id = $1 order by revision`,
      [caseId],
    );
    return rows.map((r) => ({
      ...r,
      occurredAt: r.occurredAt.toISOString(),
      recordedAt: r.recordedAt.toISOString(),
    }));
  },
  caseAsOf: async (
    _: unknown,
    args: { caseId: string; revision?: string | null; time?: string | null },
    ctx: GraphQLContext,
  ) => {
    const asOf = parseInput(asOfSchema, { revision: args.revision, time: args.time });
    await readableCase(ctx, { id: args.caseId }, 'caseAsOf');
    const loaded = await loadCase(ctx.backOffice.store, args.caseId, asOf);
    return { revision: String(loaded.revision), state: loaded.state };
  },
  verifyCase: async (_: unknown, { caseId }: { caseId: string }, ctx: GraphQLContext) => {
    requireAudit(await ctx.principal());
    const verifier = new ChainVerifier();
    for await (const event of storedEvents(ctx.backOffice.store).readStream(caseStreamId(caseId)))
      verifier.check(event);
    if (verifier.checked === 0) throw new NotFound(`No case ${caseId}`);
    return {
      intact: verifier.altered.length === 0,
      eventsChecked: verifier.checked,
      altered: verifier.altered.map((a) => ({ ...a, revision: String(a.revision) })),
    };
  },
  failedDeliveries: async (_: unknown, { all }: { all: boolean }, ctx: GraphQLContext) => {
    requireRead(await ctx.principal(), 'integrations');
    return failedDeliveries(ctx.backOffice.pool, all);
  },
  importExceptions: async (
    _: unknown,
    { service }: { service?: string | null },
    ctx: GraphQLContext,
  ) => {
    const principal = await ctx.principal();
    requireRead(principal, 'queues');
    const exceptions = await openImportExceptions(
      ctx.backOffice,
      service ?? null,
      100,
      servicesWorkedBy(principal, ctx.backOffice),
    );
    return exceptions.map((e) => ({
      ...e,
      errors: e.errors.map((f) => ({ path: f.path.map(String), message: f.message })),
    }));
  },
  retentionReport: async (_: unknown, __: unknown, ctx: GraphQLContext) => {
    requireAudit(await ctx.principal());
    return retentionReport(ctx.backOffice.pool, ctx.backOffice.caseTypes, ctx.backOffice.clock());
  },
  accessLog: async (_: unknown, { caseId }: { caseId: string }, ctx: GraphQLContext) => {
    requireAudit(await ctx.principal());
    if (!isUuid(caseId)) throw new NotFound(`No case ${caseId}`);
    return accessLogOf(ctx.backOffice.pool, caseId);
  },
};

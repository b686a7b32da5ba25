import { randomUUID } from 'node:crypto';
import { caseCommandSchema, type CaseCommand } from '../../domain/commands';
import { ValidationFailed, fieldErrorsOf } from '../../domain/errors';
import { text } from '../../domain/values';
import { executeCaseCommand } from '../../eventstore/case-commands';
import { reclaimErasedKeys } from '../../eventstore/personal-data/protected-store';
import { discardImportException, resolveImportException } from '../../workers/import/import';
import { isUuid, nameBasedId } from '../../eventstore/ids';
import { submitApplication } from '../../eventstore/intake';
import { waitForProjections } from '../../projections/checkpoints';
import { takeNextCase } from '../../projections/cases/take-next';
import { requireCommand, requireRead, requireScope } from '../auth/policy';
import { Forbidden, NotFound, toProblem } from '../problems';
import { recordAccess } from '../access-log';
import { caseObject, loadView } from './case-reads';
import { servicesWorkedBy, teamsOf, type GraphQLContext } from './context';

/**
 * Every domain command as a mutation. Each carries the revision the person saw; the
 * command runs against exactly that revision or is refused with CONFLICT. The result is
 * read back once the case projection has caught up (read-your-writes, bounded wait).
 */
type Change = { caseId: string; expectedRevision: string };
type LaterCommand = Exclude<CaseCommand, { type: 'SubmitApplication' }>;

const READ_YOUR_WRITES_MS = 2000;

const DISCARD_REASON = text({ max: 500, multiLine: true, blank: 'Say why' });

/** Cases go only to people in the staff directory who work the case's team. */
const requireAssignable = async (ctx: GraphQLContext, assignee: string, team: string) => {
  const person = await ctx.backOffice.identity.staffUser(assignee);
  if (!person || !person.teams.includes(team)) {
    throw new ValidationFailed([
      { path: ['assignee'], message: `Choose someone who works in the case's team (${team})` },
    ]);
  }
};

const runCommand = async (ctx: GraphQLContext, change: Change, fields: Record<string, unknown>) => {
  const principal = await ctx.principal();
  // Not echoed: whatever was sent as an id may be anything, a name or a NINO included.
  if (!isUuid(change.caseId)) throw new NotFound('There is no case with that id');
  const commandId = randomUUID();
  const ids = {
    noteId: nameBasedId(commandId, 'note'),
    decisionId: nameBasedId(commandId, 'decision'),
    requestId: nameBasedId(commandId, 'request'),
    documentId: nameBasedId(commandId, 'document'),
  };
  const type = fields.type as LaterCommand['type'];
  const wanted =
    {
      AddNote: ['noteId'],
      RecordDecision: ['decisionId'],
      RequestInformation: ['requestId'],
      AttachDocument: ['documentId'],
    }[type as string] ?? [];
  const parsed = caseCommandSchema.safeParse({
    ...fields,
    ...Object.fromEntries(wanted.map((k) => [k, ids[k as keyof typeof ids]])),
    actor: { id: principal.id, role: principal.role },
    at: ctx.backOffice.clock().toISOString(),
  });
  const revisionOk = /^\d+$/.test(change.expectedRevision);
  if (!parsed.success || !revisionOk) {
    throw new ValidationFailed([
      ...(revisionOk
        ? []
        : [
            {
              path: ['change', 'expectedRevision'],
              message: 'Give the revision you saw, a whole number',
            },
          ]),
      ...(parsed.success ? [] : fieldErrorsOf(parsed.error)),
    ]);
  }
  const command = parsed.data as LaterCommand;
  const result = await executeCaseCommand(ctx.backOffice, change.caseId, command, {
    commandId,
    expectedRevision: BigInt(change.expectedRevision),
    authorize: async (state, submittedBy) => {
      requireCommand(principal, command, {
        team: state.team,
        assignee: state.assignee,
        submittedBy,
      });
      if (command.type === 'AssignCase') await requireAssignable(ctx, command.assignee, state.team);
    },
  });
  // An integrator gets the revision it needs to go on, never the case and its personal data.
  if (principal.kind === 'integrator') return { case: null, revision: String(result.revision) };
  if (result.position)
    await waitForProjections(ctx.backOffice.pool, ['cases'], result.position, READ_YOUR_WRITES_MS);
  const view = await loadView(ctx.backOffice, { id: change.caseId });
  // The result carries the case, personal data and all: a read like any other.
  if (view) {
    const operation = type.charAt(0).toLowerCase() + type.slice(1);
    await recordAccess(ctx.backOffice.pool, principal, view.caseId, operation);
  }
  return {
    case: view ? caseObject(ctx.backOffice, view) : null,
    revision: String(result.revision),
  };
};

const command =
  <A extends { change: Change }>(
    type: LaterCommand['type'],
    map: (args: A) => Record<string, unknown> = () => ({}),
  ) =>
  (_: unknown, args: A, ctx: GraphQLContext) =>
    runCommand(ctx, args.change, { type, ...map(args) });

const omitChange = <A extends { change: Change }>({ change: _change, ...rest }: A) => rest;

const MAX_BULK = 100;

/** Runs one command per case, each on its own: one case's refusal does not stop the others. */
const bulk =
  <A extends { cases: Change[] }>(
    type: LaterCommand['type'],
    map: (args: A) => Record<string, unknown>,
  ) =>
  async (_: unknown, args: A, ctx: GraphQLContext) => {
    if (args.cases.length === 0 || args.cases.length > MAX_BULK) {
      throw new ValidationFailed([
        { path: ['cases'], message: `Choose between 1 and ${MAX_BULK} cases` },
      ]);
    }
    const results = [];
    for (const change of args.cases) {
      try {
        const { revision } = await runCommand(ctx, change, { type, ...map(args) });
        results.push({ caseId: change.caseId, ok: true, revision, code: null, message: null });
      } catch (error) {
        const p = toProblem(error);
        results.push({
          caseId: change.caseId,
          ok: false,
          revision: p.currentRevision ?? null,
          code: p.code,
          message: p.detail,
        });
      }
    }
    return results;
  };

export const mutations = {
  bulkAssign: bulk('AssignCase', (a: { cases: Change[]; assignee: string }) => ({
    assignee: a.assignee,
  })),
  bulkTransferTeam: bulk(
    'TransferTeam',
    (a: { cases: Change[]; team: string; reason: string }) => ({ team: a.team, reason: a.reason }),
  ),
  submitApplication: async (
    _: unknown,
    {
      input,
    }: {
      input: {
        service: string;
        channel: 'web' | 'phone' | 'post' | 'assisted_digital';
        answers: unknown;
        idempotencyKey: string;
        submittedAt?: string | null;
        externalReference?: string | null;
      };
    },
    ctx: GraphQLContext,
  ) => {
    const principal = await ctx.principal();
    requireRead(principal, 'submit');
    requireScope(principal, 'intake');
    const result = await submitApplication(ctx.backOffice, {
      service: input.service,
      channel: input.channel,
      answers: input.answers,
      idempotencyKey: input.idempotencyKey,
      actor: { id: principal.id, role: principal.role },
      ...(input.submittedAt ? { submittedAt: input.submittedAt } : {}),
      externalReference: input.externalReference ?? null,
    });
    return { ...result, revision: String(result.revision) };
  },
  takeNextCase: async (_: unknown, __: unknown, ctx: GraphQLContext) => {
    const principal = await ctx.principal();
    requireRead(principal, 'queues');
    const taken = await takeNextCase(ctx.backOffice, {
      user: { id: principal.id, role: principal.role, teams: teamsOf(principal, ctx.backOffice) },
      today: ctx.today,
    });
    // Read-your-writes: the case the person opens next already shows it is theirs.
    if (taken) {
      const head = await ctx.backOffice.store.headPosition();
      await waitForProjections(ctx.backOffice.pool, ['cases'], head, READ_YOUR_WRITES_MS);
    }
    return taken;
  },
  triageCase: command('TriageCase', omitChange),
  assignCase: command('AssignCase', omitChange),
  unassignCase: command('UnassignCase'),
  transferTeam: command('TransferTeam', omitChange),
  amendAnswers: command('AmendAnswers', omitChange),
  attachDocument: command('AttachDocument', omitChange),
  requestInformation: command('RequestInformation', omitChange),
  recordInformationReceived: command('RecordInformationReceived', omitChange),
  addNote: command('AddNote', omitChange),
  recordDecision: command('RecordDecision', omitChange),
  approveDecision: command('ApproveDecision'),
  rejectDecision: command('RejectDecision', omitChange),
  closeCase: command('CloseCase'),
  withdrawApplication: command('WithdrawApplication', omitChange),
  reopenCase: command('ReopenCase', omitChange),
  extendClock: command('ExtendClock', omitChange),
  recordSatisfaction: command(
    'RecordSatisfaction',
    (a: { change: Change; comment?: string | null; rating: number }) => ({
      rating: a.rating,
      comment: a.comment ?? null,
    }),
  ),
  resolveImportException: async (
    _: unknown,
    { id, answers }: { id: string; answers: unknown },
    ctx: GraphQLContext,
  ) => {
    const principal = await ctx.principal();
    requireRead(principal, 'queues');
    if (!isUuid(id)) throw new NotFound(`No import exception ${id}`);
    if (typeof answers !== 'object' || answers === null || Array.isArray(answers)) {
      throw new ValidationFailed([{ path: ['answers'], message: 'Give the answers as an object' }]);
    }
    const result = await resolveImportException(
      ctx.backOffice,
      id,
      answers as Record<string, unknown>,
      { id: principal.id, role: principal.role },
      servicesWorkedBy(principal, ctx.backOffice),
    );
    return { ...result, revision: String(result.revision) };
  },
  discardImportException: async (
    _: unknown,
    { id, reason }: { id: string; reason: string },
    ctx: GraphQLContext,
  ) => {
    const principal = await ctx.principal();
    requireRead(principal, 'queues');
    if (!isUuid(id)) throw new NotFound(`No import exception ${id}`);
    const why = DISCARD_REASON.safeParse(reason);
    if (!why.success) throw new ValidationFailed(fieldErrorsOf(why.error, ['reason']));
    await discardImportException(
      ctx.backOffice,
      id,
      why.data,
      { id: principal.id, role: principal.role },
      servicesWorkedBy(principal, ctx.backOffice),
    );
    return true;
  },
  retryFailedDelivery: async (_: unknown, { id }: { id: string }, ctx: GraphQLContext) => {
    const principal = await ctx.principal();
    requireRead(principal, 'integrations');
    if (!isUuid(id)) throw new NotFound(`No failed delivery ${id}`);
    if (!ctx.backOffice.retryDelivery) {
      throw new Forbidden('Deliveries cannot be retried here: this process runs no workers');
    }
    return ctx.backOffice.retryDelivery(id, principal.id);
  },
  erasePersonalData: async (
    _: unknown,
    args: { change: Change; reason: string },
    ctx: GraphQLContext,
  ) => {
    const result = await runCommand(ctx, args.change, {
      type: 'ErasePersonalData',
      reason: args.reason,
    });
    await reclaimErasedKeys(ctx.backOffice.store);
    return result;
  },
};

import { stageOf } from '../../domain/case-type';
import { CaseNotFound } from '../../domain/errors';
import { loadCase, type AsOf, type LoadedCase } from '../../eventstore/case-history';
import type { Runtime } from '../runtime';

/** Finds a case by the reference people use; the stream itself must carry that reference. */
export const caseIdForReference = async (runtime: Runtime, reference: string): Promise<string> => {
  const caseId = await runtime.references.caseIdOf(reference);
  if (caseId) {
    const { state } = await loadCase(runtime.store, caseId, { revision: 0n });
    if (state.reference === reference.trim().toUpperCase()) return caseId;
  }
  throw new CaseNotFound(reference);
};

/** `--as-of` takes a revision number or an ISO 8601 time. */
export const parseAsOf = (value: string | undefined): AsOf => {
  if (value === undefined) return {};
  if (/^\d+$/.test(value)) return { revision: BigInt(value) };
  if (Number.isNaN(Date.parse(value))) {
    throw new RangeError(`--as-of takes a revision number or an ISO 8601 time, not "${value}"`);
  }
  return { time: new Date(value).toISOString() };
};

const show = (value: unknown) =>
  typeof value === 'object' && value !== null ? JSON.stringify(value) : String(value);

export const describeCase = (runtime: Runtime, loaded: LoadedCase, total: number): string => {
  const { state, events } = loaded;
  const caseType = runtime.caseTypes.byId(state.caseTypeId);
  const last = events[events.length - 1];
  const lines = [
    `${state.reference}  ${caseType?.name ?? state.caseTypeId} (version ${state.caseTypeVersion})`,
    `As of revision ${loaded.revision}${last ? `, ${last.metadata.occurredAt}` : ''}: ${events.length} of ${total} events`,
    `Status: ${state.status.replace(/_/g, ' ')} (stage ${caseType ? stageOf(caseType, state.status) : '?'})`,
    `Channel: ${state.channel}   Team: ${state.team}   Assignee: ${state.assignee ?? 'none'}   Priority: ${state.priority}`,
    `Outcome: ${state.outcome ?? state.pendingDecision?.outcome.concat(' (awaiting approval)') ?? 'none yet'}`,
    '',
    'History:',
    ...events.map(
      (e) =>
        `  ${String(e.revision).padStart(3)}  ${e.metadata.occurredAt}  ${e.type.padEnd(24)} ${e.metadata.actor.id} (${e.metadata.actor.role}) via ${e.metadata.channel}`,
    ),
    '',
    'Answers:',
    ...(caseType?.fields ?? [])
      .filter((f) => f.id in state.answers)
      .map((f) => `  ${f.label}: ${show(state.answers[f.id])}`),
  ];
  return lines.join('\n');
};

export const replay = async (
  runtime: Runtime,
  reference: string,
  asOfText: string | undefined,
  json: boolean,
) => {
  const asOf = parseAsOf(asOfText);
  const caseId = await caseIdForReference(runtime, reference);
  const [loaded, whole] = await Promise.all([
    loadCase(runtime.store, caseId, asOf),
    loadCase(runtime.store, caseId),
  ]);
  if (json) {
    const bigintAsText = (_key: string, v: unknown) => (typeof v === 'bigint' ? v.toString() : v);
    return JSON.stringify({ revision: loaded.revision, state: loaded.state }, bigintAsText, 2);
  }
  return describeCase(runtime, loaded, whole.events.length);
};

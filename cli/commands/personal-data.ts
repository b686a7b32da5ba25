import { executeCaseCommand } from '../../eventstore/case-commands';
import { nameBasedId } from '../../eventstore/ids';
import { reclaimErasedKeys } from '../../eventstore/personal-data/protected-store';
import { applyRetention, retentionReport, type RetentionRun } from '../../workers/retention';
import type { Runtime } from '../runtime';
import { cliOperator } from '../config';
import { casesReadModelReady } from '../../projections/cases/projection';
import { caseIdForReference } from './replay';

/** `casework erase <reference> --reason R`: an administrator's erasure from the command line. */
export const erase = async (runtime: Runtime, reference: string, reason: string | undefined) => {
  if (!reason?.trim()) throw new RangeError('erase needs --reason, saying why the data is erased');
  const caseId = await caseIdForReference(runtime, reference);
  const actor = cliOperator(runtime.config, 'admin');
  const result = await executeCaseCommand(
    runtime,
    caseId,
    {
      type: 'ErasePersonalData',
      actor,
      at: runtime.clock().toISOString(),
      reason,
      retention: false,
    },
    { commandId: nameBasedId('cli-erasure', caseId), channel: 'back_office' },
  );
  await reclaimErasedKeys(runtime.store);
  // The command id is the case's own, so a re-run after a crash completes the erasure.
  return result.events.length === 0
    ? `The personal data of ${reference.toUpperCase()} was already erased.`
    : `Erased the personal data of ${reference.toUpperCase()} (revision ${result.revision}).`;
};

const describeRun = (run: RetentionRun) =>
  [
    `Retention run ${run.runId}: erased ${run.erased.length}, skipped ${run.skipped.length}, failed ${run.failed.length}.`,
    ...run.failed.map((f) => `  FAILED ${f.reference}: ${f.error}`),
  ].join('\n');

/** `casework retention [--apply]`: what is due for erasure, or erase it now. */
export const retention = async (runtime: Runtime, apply: boolean, json: boolean) => {
  if (!(await casesReadModelReady(runtime.pool))) {
    throw new ReadModelNotReady(
      'The cases read model is not built yet: run `casework start` or `casework rebuild cases` first.',
    );
  }
  if (apply) {
    const run = await applyRetention(runtime, runtime.clock());
    return json ? JSON.stringify(run) : describeRun(run);
  }
  const report = await retentionReport(runtime.pool, runtime.caseTypes, runtime.clock());
  if (json) return JSON.stringify(report);
  return [
    'Service                      Keep after closure  Due now  Due in 30 days',
    ...report.services.map(
      (s) =>
        `${s.service.padEnd(28)} ${s.afterClosure.padEnd(19)} ${String(s.dueNow).padStart(7)}  ${String(s.dueWithin30Days).padStart(13)}`,
    ),
    ...(report.due.length
      ? [
          '',
          'Due now:',
          ...report.due.map(
            (d) =>
              `  ${d.reference}  closed ${d.closedAt.slice(0, 10)}, due ${d.dueAt.slice(0, 10)}`,
          ),
        ]
      : []),
    '',
    report.lastRun ? `Last run: ${describeRun(report.lastRun)}` : 'Retention has not run yet.',
  ].join('\n');
};

export class ReadModelNotReady extends Error {
  override readonly name = 'ReadModelNotReady';
}

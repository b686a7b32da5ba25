import waste from '../../domain/case-types/waste-carrier-registration';
import { nameBasedId } from '../../eventstore/ids';
import { alice, caseRunner, keyingTeam, submit, tariq } from './mi-lifecycles';
import type { TestWriteSide } from './runtime';

/** Waste carrier registrations keyed from phone calls in July 2026, to be worked out by hand. */
interface HandMade {
  key: string;
  submittedAt: string;
  triagedAt?: string;
  assignedAt?: string;
  /** The decision clock lengthened by 5 working days. */
  extendedAt?: string;
  information?: { requestedAt: string; receivedAt: string };
  decision?: { outcome: string; recordedAt: string; approvedAt?: string };
  withdrawnAt?: string;
}

export const HAND_MADE: HandMade[] = [
  {
    key: 'july-a', // 00:30 on 2 July in London, still 1 July in UTC
    submittedAt: '2026-07-01T23:30:00Z',
    triagedAt: '2026-07-08T09:00:00Z',
    information: { requestedAt: '2026-07-09T10:00:00Z', receivedAt: '2026-07-14T10:00:00Z' },
    decision: { outcome: 'registered', recordedAt: '2026-07-21T22:30:00Z' },
  },
  {
    key: 'july-b',
    submittedAt: '2026-07-02T08:00:00Z',
    triagedAt: '2026-07-02T09:00:00Z',
    decision: {
      outcome: 'refused',
      recordedAt: '2026-07-20T10:00:00Z',
      approvedAt: '2026-07-21T12:00:00Z',
    },
  },
  {
    key: 'july-c',
    submittedAt: '2026-07-02T12:00:00Z',
    assignedAt: '2026-07-02T13:00:00Z',
    withdrawnAt: '2026-07-03T10:00:00Z',
  },
  {
    key: 'july-d',
    submittedAt: '2026-07-02T13:00:00Z',
    triagedAt: '2026-07-02T14:00:00Z',
    extendedAt: '2026-07-06T10:00:00Z',
    decision: { outcome: 'registered', recordedAt: '2026-07-22T09:00:00Z' },
  },
];
export const handMadeIds = new Map<string, string>();

export const handMadeCases = async (w: TestWriteSide) => {
  for (const c of HAND_MADE) {
    const { caseId } = await submit(w, c.key, waste, 'phone', c.submittedAt);
    handMadeIds.set(c.key, caseId);
    const run = caseRunner(w, caseId, c.submittedAt);
    const team = waste.routing.defaultTeam;
    if (c.triagedAt)
      await run({ type: 'TriageCase', actor: tariq, priority: 'normal', team }, c.triagedAt);
    if (c.assignedAt)
      await run({ type: 'AssignCase', actor: tariq, assignee: 'alice' }, c.assignedAt);
    if (c.extendedAt) {
      const step = {
        type: 'ExtendClock',
        actor: tariq,
        clock: 'decision',
        workingDays: 5,
        reason: 'Complex',
      } as const;
      await run(step, c.extendedAt);
    }
    if (c.information) {
      const requestId = nameBasedId('mi-test', c.key, 'request');
      await run(
        {
          type: 'RequestInformation',
          actor: alice,
          requestId,
          items: ['records'],
          message: 'Send records',
        },
        c.information.requestedAt,
      );
      await run(
        { type: 'RecordInformationReceived', actor: alice, summary: 'Records' },
        c.information.receivedAt,
      );
    }
    if (c.decision) {
      const decisionId = nameBasedId('mi-test', c.key, 'decision');
      await run(
        {
          type: 'RecordDecision',
          actor: alice,
          decisionId,
          outcome: c.decision.outcome,
          reasons: 'Checked',
        },
        c.decision.recordedAt,
      );
      if (c.decision.approvedAt)
        await run({ type: 'ApproveDecision', actor: tariq }, c.decision.approvedAt);
    }
    if (c.withdrawnAt)
      await run(
        { type: 'WithdrawApplication', actor: keyingTeam, reason: 'Changed mind' },
        c.withdrawnAt,
      );
  }
};

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const isoOf = (ms: number) => new Date(ms).toISOString().slice(0, 10);
/** No bank holiday falls in July 2026 in England and Wales: working days are Monday to Friday. */
const isWeekday = (ms: number) => ![0, 6].includes(new Date(ms).getUTCDay());
const addWeekdays = (iso: string, n: number) => {
  let ms = Date.parse(iso);
  for (let left = n; left > 0;) {
    ms += DAY;
    if (isWeekday(ms)) left -= 1;
  }
  return isoOf(ms);
};
const weekdaysBetween = (from: string, to: string) => {
  let n = 0;
  for (let ms = Date.parse(from) + DAY; ms <= Date.parse(to); ms += DAY) if (isWeekday(ms)) n += 1;
  return n;
};
/** London keeps British Summer Time, UTC+1, all July. */
const londonDay = (instant: string) => isoOf(Date.parse(instant) + HOUR);

/** Time to decision and clock results of the hand-made cases, worked out without the domain. */
export const expectedHandMade = () => {
  const limit = (clock: string) => waste.sla.find((d) => d.clock === clock)!.workingDays;
  const hours: number[] = [];
  const workingDays: number[] = [];
  const clockResults: {
    key: string;
    clock: string;
    day: string;
    deadline: string;
    met: boolean;
  }[] = [];
  const result = (key: string, clock: string, start: string, extra: number, stoppedAt: string) => {
    const deadline = addWeekdays(start, limit(clock) + extra);
    const day = londonDay(stoppedAt);
    clockResults.push({ key, clock, day, deadline, met: day <= deadline });
  };
  for (const c of HAND_MADE) {
    const start = londonDay(c.submittedAt);
    if (c.triagedAt) result(c.key, 'first-response', start, 0, c.triagedAt);
    if (!c.decision) continue;
    const decidedAt = c.decision.approvedAt ?? c.decision.recordedAt;
    hours.push((Date.parse(decidedAt) - Date.parse(c.submittedAt)) / HOUR);
    workingDays.push(weekdaysBetween(start, londonDay(decidedAt)));
    const paused = c.information
      ? weekdaysBetween(londonDay(c.information.requestedAt), londonDay(c.information.receivedAt))
      : 0;
    result(c.key, 'decision', start, paused + (c.extendedAt ? 5 : 0), decidedAt);
  }
  return { hours, workingDays, clockResults };
};

/** Linear interpolation between closest ranks, as PostgreSQL's percentile_cont does. */
export const percentileCont = (values: number[], p: number): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const position = p * (sorted.length - 1);
  const low = Math.floor(position);
  const high = Math.ceil(position);
  return sorted[low]! + (position - low) * (sorted[high]! - sorted[low]!);
};

import { needsApproval, type CaseType } from '../../domain/case-type';
import { caseTypes } from '../../domain/case-types';
import { APPLICATION_CHANNELS, type ApplicationChannel } from '../../domain/channels';
import type { CaseCommand } from '../../domain/commands';
import { executeCaseCommand } from '../../eventstore/case-commands';
import { nameBasedId } from '../../eventstore/ids';
import { submitApplication } from '../../eventstore/intake';
import { recordApplicationStarted } from '../../eventstore/starts';
import type { TestWriteSide } from './runtime';

/**
 * Varied, reproducible case histories for management-information tests: every channel,
 * submissions spread over days (a quarter of them around midnight in London summer time),
 * and lifecycles with triage, assignment, information requests, extensions, decisions
 * with and without approval, rejections, closures, reopenings, withdrawals and
 * satisfaction answers. A seeded generator makes every run the same.
 */

export const webForms = { id: 'web-forms', role: 'integrator' };
export const keyingTeam = { id: 'keying-team', role: 'caseworker' };
export const alice = { id: 'alice', role: 'caseworker' };
export const tariq = { id: 'tariq', role: 'team_leader' };
const applicant = { id: 'applicant', role: 'applicant' };

const HOUR = 3_600_000;

/** mulberry32: a small seeded generator, so "random" histories are the same every run. */
export const seeded = (seed: number) => () => {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};

type Command = Exclude<CaseCommand, { type: 'SubmitApplication' }>;
type Step = Command extends infer C ? (C extends Command ? Omit<C, 'at'> : never) : never;

export const submit = (
  w: TestWriteSide,
  key: string,
  caseType: CaseType,
  channel: ApplicationChannel,
  submittedAt: string,
) =>
  submitApplication(w, {
    service: caseType.id,
    channel,
    answers: caseType.example,
    idempotencyKey: key,
    actor: channel === 'web' ? webForms : keyingTeam,
    submittedAt,
  });

/** Runs a case's commands in order, each at a given instant or some hours after the last. */
export const caseRunner = (w: TestWriteSide, caseId: string, submittedAt: string) => {
  let now = Date.parse(submittedAt);
  let n = 0;
  return async (step: Step, when: number | string) => {
    now = typeof when === 'string' ? Date.parse(when) : now + when * HOUR;
    const at = new Date(now).toISOString();
    await executeCaseCommand(w, caseId, { ...step, at } as Command, {
      commandId: `${caseId}-${n++}`,
    });
  };
};
export type Run = ReturnType<typeof caseRunner>;

const work = async (rng: () => number, caseType: CaseType, run: Run, key: string) => {
  const chance = (p: number) => rng() < p;
  const later = () => 0.5 + rng() * 20;
  let ids = 0;
  const newId = () => nameBasedId('mi-test', key, String(ids++));
  const withdraw = () =>
    run({ type: 'WithdrawApplication', actor: alice, reason: 'No longer needed' }, later());
  let evidenceHeld = false;

  const decideOnce = async (): Promise<'final' | 'rejected' | 'withdrawn'> => {
    const outcome = caseType.outcomes[Math.floor(rng() * caseType.outcomes.length)]!;
    if (outcome.granted && !evidenceHeld) {
      for (const evidence of caseType.evidence.filter((e) => e.required)) {
        const step = {
          type: 'AttachDocument',
          actor: alice,
          documentId: newId(),
          evidenceType: evidence.id,
          filename: `${evidence.id}.pdf`,
          mediaType: 'application/pdf',
          sizeBytes: 1024,
          sha256: 'a'.repeat(64),
        } as const;
        await run(step, later());
      }
      evidenceHeld = true;
    }
    const reasons = 'Checked against the rules';
    await run(
      { type: 'RecordDecision', actor: alice, decisionId: newId(), outcome: outcome.id, reasons },
      later(),
    );
    if (!needsApproval(caseType, outcome.id)) return 'final';
    if (chance(0.1)) return withdraw().then(() => 'withdrawn');
    if (chance(0.7))
      return run({ type: 'ApproveDecision', actor: tariq }, later()).then(() => 'final');
    const reason = 'The reasons do not support the outcome';
    return run({ type: 'RejectDecision', actor: tariq, reason }, later()).then(() => 'rejected');
  };

  const lifecycle = async () => {
    const triaged = chance(0.85);
    const team = caseType.routing.defaultTeam;
    if (triaged) await run({ type: 'TriageCase', actor: tariq, priority: 'normal', team }, later());
    const assigned = chance(0.6);
    if (assigned) await run({ type: 'AssignCase', actor: tariq, assignee: 'alice' }, later());
    if (!triaged && !assigned) return chance(0.4) ? withdraw() : undefined;
    if (chance(0.2)) {
      const reason = 'Complex case';
      await run(
        { type: 'ExtendClock', actor: tariq, clock: 'decision', workingDays: 5, reason },
        later(),
      );
    }
    if (chance(0.3)) {
      const message = 'Please send your latest payslips';
      const requestId = newId();
      await run(
        { type: 'RequestInformation', actor: alice, requestId, items: ['payslips'], message },
        later(),
      );
      if (chance(0.2)) return withdraw();
      if (chance(0.1)) return; // still waiting
      await run({ type: 'RecordInformationReceived', actor: alice, summary: 'Payslips' }, later());
    }
    if (chance(0.08)) return withdraw();
    for (let round = 0; round < 3 && chance(0.85); round++) {
      const result = await decideOnce();
      if (result === 'withdrawn') return;
      if (result === 'rejected') continue;
      if (!chance(0.75)) return;
      await run({ type: 'CloseCase', actor: alice }, later());
      if (!chance(0.15)) return;
      await run({ type: 'ReopenCase', actor: tariq, reason: 'Appeal upheld' }, later());
    }
  };

  await lifecycle();
  if (chance(0.4)) {
    const rating = 1 + Math.floor(rng() * 5);
    await run({ type: 'RecordSatisfaction', actor: applicant, rating, comment: null }, later());
  }
};

const FIRST_DAY = Date.UTC(2026, 4, 20); // spans the spring bank holiday, 25 May 2026
const DAYS = 17;

/** An instant on one of the days; a quarter fall between 23:00 and 01:00 London time (BST). */
const instantOn = (rng: () => number): string => {
  const day = FIRST_DAY + Math.floor(rng() * DAYS) * 24 * HOUR;
  const minute =
    rng() < 0.25 ? 22 * 60 + Math.floor(rng() * 120) : 7 * 60 + Math.floor(rng() * 780);
  return new Date(day + minute * 60_000).toISOString();
};

/** Submits and works `count` cases (web ones after a reported start), plus abandoned starts. */
export const generateCases = async (w: TestWriteSide, count: number, seed: number) => {
  const rng = seeded(seed);
  const plans = Array.from({ length: count }, (_, i) => ({
    key: `generated-${i}`,
    caseType: caseTypes[Math.floor(rng() * caseTypes.length)]!,
    channel: rng() < 0.5 ? 'web' : APPLICATION_CHANNELS[1 + Math.floor(rng() * 3)]!,
    submittedAt: instantOn(rng),
    startedMinutesBefore: 5 + Math.floor(rng() * 90),
    seed: Math.floor(rng() * 2 ** 31),
  }));
  const abandoned = Array.from({ length: 60 }, (_, i) => ({
    key: `abandoned-${i}`,
    service: caseTypes[Math.floor(rng() * caseTypes.length)]!.id,
    startedAt: instantOn(rng),
  }));
  for (const a of abandoned) {
    await recordApplicationStarted(w, { ...a, startKey: a.key, channel: 'web', actor: webForms });
  }
  const CONCURRENCY = 25;
  for (let i = 0; i < plans.length; i += CONCURRENCY) {
    await Promise.all(
      plans.slice(i, i + CONCURRENCY).map(async (p) => {
        if (p.channel === 'web') {
          const startedAt = new Date(Date.parse(p.submittedAt) - p.startedMinutesBefore * 60_000);
          await recordApplicationStarted(w, {
            service: p.caseType.id,
            channel: 'web',
            startKey: p.key,
            actor: webForms,
            startedAt: startedAt.toISOString(),
          });
        }
        const { caseId } = await submit(w, p.key, p.caseType, p.channel, p.submittedAt);
        await work(seeded(p.seed), p.caseType, caseRunner(w, caseId, p.submittedAt), p.key);
      }),
    );
  }
  return { plans, abandoned };
};

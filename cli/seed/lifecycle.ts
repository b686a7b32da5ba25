import type { CaseType, Priority } from '../../domain/case-type';
import type { CaseCommand } from '../../domain/commands';
import { nameBasedId } from '../../eventstore/ids';
import { staffOf } from './staff';

type LaterCommand = Exclude<CaseCommand, { type: 'SubmitApplication' }>;

/**
 * A plausible life for one seeded case, as the commands caseworkers would send, each a
 * little later than the last and never in the future: most are triaged and assigned,
 * some wait for information, about half reach a decision (refusals go for approval),
 * decided ones are mostly closed, a few are withdrawn.
 */
export const seededLifecycle = (
  caseType: CaseType,
  caseKey: string,
  submittedAt: Date,
  now: Date,
  random: () => number,
): LaterCommand[] => {
  const commands: LaterCommand[] = [];
  let clock = submittedAt.getTime();
  const later = () => {
    clock = Math.min(clock + (1 + random() * 72) * 3_600_000, now.getTime());
    return new Date(clock).toISOString();
  };
  const id = (what: string) => nameBasedId('seed', caseKey, what);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const teamIndex = Math.floor(random() * caseType.teams.length);
  const team = caseType.teams[teamIndex]!.id;
  const { caseworkers, teamLeader } = staffOf(teamIndex);
  const caseworker = pick(caseworkers);
  const roll = random();

  if (roll < 0.04) {
    return [
      {
        type: 'WithdrawApplication',
        actor: caseworker,
        at: later(),
        reason: 'The applicant asked to withdraw',
      },
    ];
  }
  if (roll > 0.85) return commands; // still waiting for triage
  const priority: Priority = pick(['normal', 'normal', 'normal', 'high', 'low', 'urgent']);
  commands.push({ type: 'TriageCase', actor: teamLeader, at: later(), priority, team });
  if (roll > 0.75) return commands; // triaged, in the team's unallocated queue
  commands.push({ type: 'AssignCase', actor: teamLeader, at: later(), assignee: caseworker.id });
  if (random() < 0.25) {
    commands.push({
      type: 'RequestInformation',
      actor: caseworker,
      at: later(),
      requestId: id('request'),
      items: ['Proof of identity', 'A recent bank statement'].slice(
        0,
        1 + Math.floor(random() * 2),
      ),
      message: 'Please send us the documents listed so we can carry on with your application.',
    });
    if (random() < 0.2) return commands; // still waiting
    commands.push({
      type: 'RecordInformationReceived',
      actor: caseworker,
      at: later(),
      summary: 'Documents received by post',
    });
  }
  if (random() < 0.1) {
    commands.push({
      type: 'AddNote',
      actor: caseworker,
      at: later(),
      noteId: id('note'),
      text: 'Spoke to the applicant to confirm details.',
    });
  }
  if (roll > 0.55) return commands; // being worked on
  const outcome =
    random() < 0.7
      ? caseType.outcomes.find((o) => o.granted)!
      : pick(caseType.outcomes.filter((o) => !o.granted));
  if (outcome.granted) {
    for (const evidence of caseType.evidence.filter((e) => e.required)) {
      commands.push({
        type: 'AttachDocument',
        actor: caseworker,
        at: later(),
        documentId: id(`document-${evidence.id}`),
        evidenceType: evidence.id,
        filename: `${evidence.id}.pdf`,
        mediaType: 'application/pdf',
        sizeBytes: 20_000 + Math.floor(random() * 500_000),
        sha256: nameBasedId('sha', caseKey, evidence.id).replace(/-/g, '').padEnd(64, '0'),
      });
    }
  }
  commands.push({
    type: 'RecordDecision',
    actor: caseworker,
    at: later(),
    decisionId: id('decision'),
    outcome: outcome.id,
    reasons: outcome.granted
      ? 'The application meets every condition.'
      : 'The application does not meet the conditions.',
  });
  if (caseType.approval.outcomes.includes(outcome.id)) {
    const verdict = random();
    if (verdict < 0.1) return commands; // awaiting approval
    if (verdict < 0.2) {
      commands.push({
        type: 'RejectDecision',
        actor: teamLeader,
        at: later(),
        reason: 'Please check the evidence again.',
      });
      return commands;
    }
    commands.push({ type: 'ApproveDecision', actor: teamLeader, at: later() });
  }
  if (random() < 0.75) commands.push({ type: 'CloseCase', actor: caseworker, at: later() });
  return commands;
};

import type { ApplicationChannel } from '../../domain/channels';
import { executeCaseCommand } from '../../eventstore/case-commands';
import { submitApplication } from '../../eventstore/intake';
import type { IntakeContext } from '../../eventstore/intake';
import { ProgressBar } from '../progress';
import { fakeAnswers, seededRandom } from '../seed/fake-answers';
import { seededLifecycle } from '../seed/lifecycle';

/**
 * Fills the back office with realistic cases through the same intake and commands the
 * product uses. Channels are mixed as services see them: 70% web, 15% phone, 10% post,
 * 5% assisted digital. Applications are spread over the 90 days before today; a seed
 * number makes runs repeatable, so rerunning the same seed on the same day adds nothing
 * (the idempotency keys and answers repeat).
 */
const channelFor = (r: number): ApplicationChannel =>
  r < 0.7 ? 'web' : r < 0.85 ? 'phone' : r < 0.95 ? 'post' : 'assisted_digital';

const STAFF_ENTRY = { id: 'post.room', role: 'caseworker' };
const WEB_FORM = { id: 'web-form', role: 'integrator' };

export interface SeedOptions {
  cases: number;
  seed: number;
  concurrency: number;
  quiet?: boolean;
}

export const seed = async (
  runtime: IntakeContext,
  { cases, seed: seedNumber, concurrency, quiet }: SeedOptions,
) => {
  const progress = quiet ? undefined : new ProgressBar(cases, 'cases');
  // Midnight today, not this instant: the same seed on the same day gives the same cases.
  const now = new Date(runtime.clock().toISOString().slice(0, 10) + 'T00:00:00Z');
  const day = now.toISOString().slice(0, 10);
  const caseTypes = runtime.caseTypes.all;
  let next = 0;
  let created = 0;
  let commands = 0;
  const worker = async () => {
    while (next < cases) {
      const n = next++;
      const random = seededRandom(seedNumber * 1_000_003 + n);
      const caseType = caseTypes[Math.floor(random() * caseTypes.length)]!;
      const channel = channelFor(random());
      const submittedAt = new Date(now.getTime() - random() * 90 * 86_400_000);
      const key = `seed-${seedNumber}-${day}-${n}`;
      const result = await submitApplication(runtime, {
        service: caseType.id,
        channel,
        answers: fakeAnswers(caseType, random),
        idempotencyKey: key,
        actor: channel === 'web' ? WEB_FORM : STAFF_ENTRY,
        submittedAt: submittedAt.toISOString(),
      });
      if (result.created) {
        created++;
        for (const [i, command] of seededLifecycle(
          caseType,
          key,
          submittedAt,
          now,
          random,
        ).entries()) {
          await executeCaseCommand(runtime, result.caseId, command, { commandId: `${key}-${i}` });
          commands++;
        }
      }
      progress?.tick();
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  progress?.finish();
  return { created, commands };
};

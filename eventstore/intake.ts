import { createHash } from 'node:crypto';
import { z } from 'zod';
import type { CaseStatus } from '../domain/case-type';
import { APPLICATION_CHANNELS, type ApplicationChannel } from '../domain/channels';
import { londonDate } from '../domain/calendar/working-days';
import { decide, submissionErrors } from '../domain/decide';
import { instantTime, jsonShapeProblem, line } from '../domain/values';
import { fieldErrorsOf, IdempotencyKeyReused, ValidationFailed } from '../domain/errors';
import { caseStreamId } from '../domain/events';
import { personalDataSubject } from '../domain/personal-data';
import { evolve, initialCaseState } from '../domain/case-state';
import { loadCase } from './case-history';
import { toNewEvents, type CaseCommandContext } from './case-commands';
import { canonicalJson } from './hash-chain';
import { nameBasedId } from './ids';
import { ProtectedEventStore } from './personal-data/protected-store';
import { PersonalDataErased } from './personal-data/subject-keys';
import { WrongExpectedRevision, type Actor, type EventStore } from './port';
import type { Position } from './position';
import type { ReferenceRegister } from './postgres/reference-register';

/**
 * The one way an application enters the back office, whatever the channel: the REST
 * intake, staff keying phone and paper applications, bulk imports and the seeder all
 * call `submitApplication`. The case id and event id derive from the submitter and its
 * idempotency key, so a retry finds the case it created the first time.
 */

export interface Submission {
  service: string;
  channel: ApplicationChannel;
  answers: unknown;
  /** Unique per application for its submitter (an Idempotency-Key header, an import row key). */
  idempotencyKey: string;
  /** Who is submitting: the integrator, staff member or importer. Keys are scoped to it. */
  actor: Actor;
  /** When the applicant submitted (a postmark, a call); defaults to now. */
  submittedAt?: string;
  externalReference?: string | null;
  /** Staff who keyed a phone or paper application or assisted the applicant. */
  keyedBy?: Actor | null;
  correlationId?: string;
}

export interface SubmissionResult {
  caseId: string;
  reference: string;
  status: CaseStatus;
  revision: bigint;
  /** Where the case's latest event sits in the log: wait for projections to reach it to read your write. */
  position: Position;
  /** False when this was a retry of an earlier submission. */
  created: boolean;
}

export interface IntakeContext extends CaseCommandContext {
  references: ReferenceRegister;
  clock: () => Date;
}

/** What a submission says besides its service and answers, checked like every value we keep. */
const submissionParts = z.object({
  idempotencyKey: line(255),
  channel: z.enum(APPLICATION_CHANNELS, {
    error: `Choose one of: ${APPLICATION_CHANNELS.join(', ')}`,
  }),
  externalReference: line(100).nullable(),
});

const fingerprintOf = (s: Submission) =>
  createHash('sha256')
    .update(
      canonicalJson({
        service: s.service,
        channel: s.channel,
        answers: s.answers,
        submittedAt: s.submittedAt ?? null,
        externalReference: s.externalReference ?? null,
      }),
    )
    .digest('hex');

const existing = async (
  context: IntakeContext,
  caseId: string,
  submission: Submission,
  fingerprint: string,
) => {
  const { state, revision, events } = await loadCase(context.store, caseId);
  if (!state.exists) return undefined;
  if (events[0]?.data.fingerprint !== fingerprint)
    throw new IdempotencyKeyReused(submission.idempotencyKey);
  const position = events[events.length - 1]!.position;
  return {
    caseId,
    reference: state.reference,
    status: state.status,
    revision,
    position,
    created: false,
  };
};

/**
 * Fetches (or creates) the key that will seal the applicant's personal data while the
 * reference is reserved, rather than after: two round trips at once instead of in turn.
 * Its failure is left for the append to report.
 */
const sealingKeyReady = (store: EventStore, caseId: string) =>
  store instanceof ProtectedEventStore
    ? store.keys.forWriting(personalDataSubject(caseStreamId(caseId))!).catch(() => undefined)
    : undefined;

export const submitApplication = async (
  context: IntakeContext,
  submission: Submission,
): Promise<SubmissionResult> => {
  const parts = submissionParts.safeParse({
    idempotencyKey: submission.idempotencyKey,
    channel: submission.channel,
    externalReference: submission.externalReference ?? null,
  });
  if (!parts.success) throw new ValidationFailed(fieldErrorsOf(parts.error));
  const { idempotencyKey: key, externalReference } = parts.data;
  const caseType = context.caseTypes.byId(submission.service);
  if (!caseType) {
    const services = context.caseTypes.all.map((t) => t.id).join(', ');
    throw new ValidationFailed([{ path: ['service'], message: `Choose one of: ${services}` }]);
  }
  // Bounded before anything walks the answers recursively (the fingerprint, the checks).
  const shape = jsonShapeProblem(submission.answers);
  if (shape) throw new ValidationFailed([{ path: ['answers'], message: shape }]);
  const at = context.clock().toISOString();
  const submittedAt = submission.submittedAt ?? at;
  const caseId = nameBasedId('application', submission.actor.id, key);
  const fingerprint = fingerprintOf(submission);

  // Check the answers before reserving a reference, so refused forms use up no numbers.
  const errors = submissionErrors(caseType, { submittedAt, at, answers: submission.answers });
  if (errors.length) {
    // A key used before for other answers is refused as reused, whatever is wrong with these.
    const earlier = await existing(context, caseId, submission, fingerprint);
    if (earlier) return earlier;
    throw new ValidationFailed(errors);
  }
  // Recorded in the one form every instant has in the log (UTC, to the millisecond), however
  // the submitter wrote it: read models keep times to the millisecond and must agree.
  const recordedSubmittedAt = new Date(instantTime(submittedAt)).toISOString();
  const year = Number(londonDate(recordedSubmittedAt).slice(0, 4));
  const [reference] = await Promise.all([
    context.references.reserve(caseType.referencePrefix, year, caseId),
    sealingKeyReady(context.store, caseId),
  ]);
  const keyedBy = submission.keyedBy ?? (submission.channel === 'web' ? null : submission.actor);
  const events = decide(
    {
      type: 'SubmitApplication',
      actor: submission.actor,
      at,
      caseId,
      reference,
      caseTypeId: caseType.id,
      channel: submission.channel,
      answers: submission.answers as Record<string, unknown>,
      submittedAt: recordedSubmittedAt,
      keyedBy,
      externalReference,
      fingerprint,
    },
    initialCaseState(),
    caseType,
  );
  const metadata = {
    actor: submission.actor,
    channel: submission.channel,
    correlationId: submission.correlationId ?? caseId,
    causationId: null,
    occurredAt: recordedSubmittedAt,
  };
  // A new key is the common case, so append straight away: the stream must not exist yet,
  // and if it does this is a retry (or a concurrent retry won) and the stored case answers.
  // The event id names this attempt's reference, so a retry is refused by the revision
  // check rather than taken for a repeat of the same append.
  try {
    const appended = await context.store.appendToStream(
      caseStreamId(caseId),
      toNewEvents(events, () => nameBasedId('application-submitted', caseId, reference), metadata),
      { expectedRevision: 'no_stream' },
    );
    return {
      caseId,
      reference,
      status: events.reduce(evolve, initialCaseState()).status,
      revision: appended.nextExpectedRevision,
      position: appended.position,
      created: true,
    };
  } catch (error) {
    // The case exists already (and its applicant's data may since have been erased).
    if (!(error instanceof WrongExpectedRevision || error instanceof PersonalDataErased))
      throw error;
    await context.references.release(reference, caseId);
    const stored = await existing(context, caseId, submission, fingerprint);
    if (!stored) throw error;
    return stored;
  }
};

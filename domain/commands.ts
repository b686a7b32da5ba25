import { z } from 'zod';
import { PRIORITIES } from './case-type';
import { APPLICATION_CHANNELS } from './channels';
import { instant, line, paragraphs } from './values';

/**
 * What people and systems ask of a case. Every command says who asks (`actor`) and when
 * (`at`): the domain never reads a clock. Ids for new things (notes, decisions,
 * requests, documents) come in the command so that deciding twice gives the same events.
 */

const actor = z.object({ id: line(200), role: line(50) });
/** Words a person writes: notes, reasons, messages. */
const text = (max: number) => paragraphs(max);
/** A name from the service's own lists (a team, an outcome, a clock, an evidence type). */
const id = (max = 60) => line(max);
const base = { actor, at: instant() };

export const caseCommandSchema = z.discriminatedUnion('type', [
  z.object({
    ...base,
    type: z.literal('SubmitApplication'),
    caseId: z.uuid(),
    reference: line(30),
    caseTypeId: id(),
    channel: z.enum(APPLICATION_CHANNELS),
    answers: z.record(z.string(), z.unknown()),
    /** Within the service's lifetime and not after `at` (beyond clock skew): see `decide`. */
    submittedAt: instant(),
    keyedBy: actor.nullable(),
    externalReference: line(100).nullable(),
    fingerprint: z.string().regex(/^[0-9a-f]{64}$/),
  }),
  z.object({
    ...base,
    type: z.literal('AmendAnswers'),
    changes: z.record(z.string(), z.unknown()),
    reason: text(1000),
  }),
  z.object({
    ...base,
    type: z.literal('AttachDocument'),
    documentId: z.uuid(),
    evidenceType: id(),
    filename: line(255),
    mediaType: z
      .string()
      .max(255)
      .regex(/^[\w.+-]+\/[\w.+-]+$/, 'Enter a media type like application/pdf'),
    sizeBytes: z.number().int().nonnegative(),
    sha256: z.string().regex(/^[0-9a-f]{64}$/, 'Enter the SHA-256 as 64 lower-case hex digits'),
  }),
  z.object({
    ...base,
    type: z.literal('TriageCase'),
    priority: z.enum(PRIORITIES),
    team: id(),
  }),
  z.object({ ...base, type: z.literal('AssignCase'), assignee: line(200) }),
  z.object({ ...base, type: z.literal('UnassignCase') }),
  z.object({
    ...base,
    type: z.literal('TransferTeam'),
    team: id(),
    reason: text(1000),
  }),
  z.object({
    ...base,
    type: z.literal('RequestInformation'),
    requestId: z.uuid(),
    items: z.array(line(200)).min(1, 'Say what information is needed').max(20),
    message: text(5000),
  }),
  z.object({ ...base, type: z.literal('RecordInformationReceived'), summary: text(5000) }),
  z.object({ ...base, type: z.literal('AddNote'), noteId: z.uuid(), text: text(10000) }),
  z.object({
    ...base,
    type: z.literal('RecordDecision'),
    decisionId: z.uuid(),
    outcome: id(),
    reasons: text(10000),
  }),
  z.object({ ...base, type: z.literal('ApproveDecision') }),
  z.object({ ...base, type: z.literal('RejectDecision'), reason: text(5000) }),
  z.object({ ...base, type: z.literal('CloseCase') }),
  z.object({ ...base, type: z.literal('WithdrawApplication'), reason: text(1000) }),
  z.object({ ...base, type: z.literal('ReopenCase'), reason: text(1000) }),
  z.object({
    ...base,
    type: z.literal('ExtendClock'),
    clock: id(),
    workingDays: z
      .number()
      .int()
      .min(1, 'Extend by at least 1 working day')
      .max(60, 'Extend by no more than 60 working days'),
    reason: text(1000),
  }),
  z.object({
    ...base,
    type: z.literal('RecordSatisfaction'),
    rating: z
      .number()
      .int()
      .min(1, 'Choose a rating from 1 to 5')
      .max(5, 'Choose a rating from 1 to 5'),
    /** A blank comment is no comment. */
    comment: paragraphs(2000, false)
      .nullable()
      .transform((comment) => comment || null),
  }),
  z.object({
    ...base,
    type: z.literal('ErasePersonalData'),
    reason: text(1000),
    /** The service's retention period ended (the scheduled job), rather than a request. */
    retention: z.boolean().default(false),
  }),
]);

export type CaseCommand = z.infer<typeof caseCommandSchema>;
export type CaseCommandType = CaseCommand['type'];
export type CaseCommandOf<T extends CaseCommandType> = Extract<CaseCommand, { type: T }>;

import { z } from 'zod';
import { PRIORITIES } from './case-type';
import { APPLICATION_CHANNELS } from './channels';

/**
 * What people and systems ask of a case. Every command says who asks (`actor`) and when
 * (`at`): the domain never reads a clock. Ids for new things (notes, decisions,
 * requests, documents) come in the command so that deciding twice gives the same events.
 */

const actor = z.object({ id: z.string().min(1).max(200), role: z.string().min(1).max(50) });
const text = (max: number) =>
  z.string().trim().min(1, 'Enter some text').max(max, `Enter no more than ${max} characters`);
const base = { actor, at: z.iso.datetime({ offset: true }) };

export const caseCommandSchema = z.discriminatedUnion('type', [
  z.object({
    ...base,
    type: z.literal('SubmitApplication'),
    caseId: z.uuid(),
    reference: z.string(),
    caseTypeId: z.string(),
    channel: z.enum(APPLICATION_CHANNELS),
    answers: z.record(z.string(), z.unknown()),
    submittedAt: z.iso.datetime({ offset: true }),
    keyedBy: actor.nullable(),
    externalReference: z.string().max(100).nullable(),
    fingerprint: z.string(),
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
    evidenceType: z.string().min(1).max(60),
    filename: text(255),
    mediaType: z.string().regex(/^[\w.+-]+\/[\w.+-]+$/, 'Enter a media type like application/pdf'),
    sizeBytes: z.number().int().nonnegative(),
    sha256: z.string().regex(/^[0-9a-f]{64}$/, 'Enter the SHA-256 as 64 lower-case hex digits'),
  }),
  z.object({
    ...base,
    type: z.literal('TriageCase'),
    priority: z.enum(PRIORITIES),
    team: z.string().min(1),
  }),
  z.object({ ...base, type: z.literal('AssignCase'), assignee: z.string().min(1).max(200) }),
  z.object({ ...base, type: z.literal('UnassignCase') }),
  z.object({
    ...base,
    type: z.literal('TransferTeam'),
    team: z.string().min(1),
    reason: text(1000),
  }),
  z.object({
    ...base,
    type: z.literal('RequestInformation'),
    requestId: z.uuid(),
    items: z.array(text(200)).min(1, 'Say what information is needed').max(20),
    message: text(5000),
  }),
  z.object({ ...base, type: z.literal('RecordInformationReceived'), summary: text(5000) }),
  z.object({ ...base, type: z.literal('AddNote'), noteId: z.uuid(), text: text(10000) }),
  z.object({
    ...base,
    type: z.literal('RecordDecision'),
    decisionId: z.uuid(),
    outcome: z.string().min(1),
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
    clock: z.string().min(1),
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
    comment: z.string().trim().max(2000).nullable(),
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

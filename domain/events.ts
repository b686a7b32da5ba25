import { z } from 'zod';
import { instant } from './values';
import { APPLICATION_CHANNELS } from './channels';
import { NOTIFICATION_TRIGGERS, PRIORITIES } from './case-type';

/**
 * The vocabulary of a case: everything that can happen to one, as events. Data that
 * identifies a person sits under `personal`, apart from the rest, so it can be
 * encrypted or erased without touching the facts of the case.
 */

const actor = z.object({ id: z.string(), role: z.string() });
const answers = z.record(z.string(), z.unknown());
const fieldChange = z.object({ field: z.string(), before: z.unknown(), after: z.unknown() });

export const caseEventSchemas = {
  ApplicationSubmitted: z.object({
    caseId: z.uuid(),
    reference: z.string(),
    caseTypeId: z.string(),
    caseTypeVersion: z.number().int(),
    channel: z.enum(APPLICATION_CHANNELS),
    answers,
    personal: z.object({ answers }),
    team: z.string(),
    priority: z.enum(PRIORITIES),
    submittedAt: z.iso.datetime({ offset: true }),
    /** Staff who keyed a phone or paper application, or helped with an assisted one. */
    keyedBy: actor.nullable(),
    externalReference: z.string().nullable(),
    /** SHA-256 of the submission as received: a retry with the same key must match it. */
    fingerprint: z.string(),
  }),
  AnswersAmended: z.object({
    reason: z.string(),
    changes: z.array(fieldChange),
    personal: z.object({ changes: z.array(fieldChange) }),
  }),
  DocumentAttached: z.object({
    documentId: z.uuid(),
    evidenceType: z.string(),
    filename: z.string(),
    mediaType: z.string(),
    sizeBytes: z.number().int().nonnegative(),
    sha256: z.string().regex(/^[0-9a-f]{64}$/),
  }),
  CaseTriaged: z.object({
    priority: z.enum(PRIORITIES),
    team: z.string(),
    previousTeam: z.string(),
  }),
  CaseAssigned: z.object({ assignee: z.string(), previousAssignee: z.string().nullable() }),
  CaseUnassigned: z.object({ previousAssignee: z.string() }),
  CaseTransferred: z.object({ fromTeam: z.string(), toTeam: z.string(), reason: z.string() }),
  InformationRequested: z.object({
    requestId: z.uuid(),
    items: z.array(z.string()).min(1),
    message: z.string(),
  }),
  InformationReceived: z.object({ requestId: z.uuid(), summary: z.string() }),
  /** Version 2: the text sits under `personal`, since notes about a case often name people. */
  NoteAdded: z.object({ noteId: z.uuid(), personal: z.object({ text: z.string() }) }),
  DecisionRecorded: z.object({
    decisionId: z.uuid(),
    outcome: z.string(),
    reasons: z.string(),
    decidedBy: actor,
    needsApproval: z.boolean(),
  }),
  DecisionApproved: z.object({ decisionId: z.uuid(), approvedBy: actor }),
  DecisionRejected: z.object({ decisionId: z.uuid(), rejectedBy: actor, reason: z.string() }),
  CaseClosed: z.object({ outcome: z.string() }),
  ApplicationWithdrawn: z.object({ reason: z.string() }),
  CaseReopened: z.object({ reason: z.string(), previousStatus: z.string() }),
  /** More working days on one service-level clock, e.g. when a case is complex. */
  ClockExtended: z.object({
    clock: z.string(),
    workingDays: z.number().int().positive(),
    reason: z.string(),
  }),
  /** The applicant's answer to "How satisfied were you with this service?", 1 (very dissatisfied) to 5. */
  /** Version 2: the applicant's own words sit under `personal`. */
  SatisfactionRecorded: z.object({
    rating: z.number().int().min(1).max(5),
    personal: z.object({ comment: z.string().nullable() }),
  }),
  /**
   * The applicant's personal data was erased (crypto-shredded): their data key is gone, so
   * every `personal` part of this case's events now reads as erased, here and in replay.
   */
  PersonalDataErased: z.object({
    reason: z.string(),
    erasedBy: actor,
    /** True when the service's retention period ended, rather than a person asking. */
    retention: z.boolean(),
  }),
  /** A legacy system's endpoint acknowledged one of this case's events. */
  LegacySyncSucceeded: z.object({
    endpointId: z.uuid(),
    eventId: z.uuid(),
    /** The receiving system's own reference for what it recorded, if it gave one. */
    externalReference: z.string().nullable(),
    attempts: z.number().int().positive(),
  }),
  /** Every attempt to deliver one of this case's events to a legacy system failed. */
  LegacySyncFailed: z.object({
    endpointId: z.uuid(),
    eventId: z.uuid(),
    error: z.string(),
    attempts: z.number().int().positive(),
  }),
  /** A service-level clock reached its warning date while still running. */
  SlaWarningRaised: z.object({ clock: z.string(), warningOn: z.iso.date() }),
  /** A service-level clock passed its deadline while still running. */
  SlaBreached: z.object({ clock: z.string(), deadlineOn: z.iso.date() }),
  /** GOV.UK Notify accepted a message to the applicant (`reference` is ours: no personal data). */
  NotificationSent: z.object({
    reference: z.uuid(),
    trigger: z.enum(NOTIFICATION_TRIGGERS),
    channel: z.enum(['email', 'sms', 'letter']),
    notifyId: z.string(),
  }),
  /** Notify reports the message reached the applicant. */
  NotificationDelivered: z.object({ reference: z.uuid(), notifyId: z.string() }),
  /** The message could not be sent, or Notify reports it was not delivered. */
  NotificationFailed: z.object({
    reference: z.uuid(),
    trigger: z.enum(NOTIFICATION_TRIGGERS).nullable(),
    channel: z.enum(['email', 'sms', 'letter']).nullable(),
    error: z.string(),
  }),
  /** The case was made urgent, for example because a deadline passed. */
  CaseEscalated: z.object({ reason: z.string(), previousPriority: z.enum(PRIORITIES) }),
} as const;

export type CaseEventType = keyof typeof caseEventSchemas;

export type CaseEvent = {
  [T in CaseEventType]: { type: T; data: z.infer<(typeof caseEventSchemas)[T]> };
}[CaseEventType];

export type CaseEventOf<T extends CaseEventType> = Extract<CaseEvent, { type: T }>;

/**
 * The shape each event type is written in today. Every type starts at 1; when one
 * changes shape its version goes up here and an upcaster in `upcasters.ts` turns stored
 * events of the older versions into the new shape as they are read.
 */
export const CASE_EVENT_SCHEMA_VERSIONS: Record<CaseEventType, number> = {
  ApplicationSubmitted: 1,
  AnswersAmended: 1,
  DocumentAttached: 1,
  CaseTriaged: 1,
  CaseAssigned: 1,
  CaseUnassigned: 1,
  CaseTransferred: 1,
  InformationRequested: 1,
  InformationReceived: 1,
  NoteAdded: 2,
  DecisionRecorded: 1,
  DecisionApproved: 1,
  DecisionRejected: 1,
  CaseClosed: 1,
  ApplicationWithdrawn: 1,
  CaseReopened: 1,
  ClockExtended: 1,
  SatisfactionRecorded: 2,
  PersonalDataErased: 1,
  LegacySyncSucceeded: 1,
  LegacySyncFailed: 1,
  SlaWarningRaised: 1,
  SlaBreached: 1,
  CaseEscalated: 1,
  NotificationSent: 1,
  NotificationDelivered: 1,
  NotificationFailed: 1,
};

export const isCaseEventType = (type: string): type is CaseEventType => type in caseEventSchemas;

export const caseStreamId = (caseId: string) => `case-${caseId}`;
export const CASE_STREAM_PREFIX = 'case-';

/**
 * A web form reports that someone began an application, so management information can
 * count transactions started as well as submitted. Each start is a stream of one event.
 */
export const applicationStartedSchema = z.object({
  service: z.string(),
  channel: z.enum(APPLICATION_CHANNELS),
  startedAt: instant(),
});
export type ApplicationStarted = z.infer<typeof applicationStartedSchema>;
export const startStreamId = (startId: string) => `start-${startId}`;
export const APPLICATION_STARTED_SCHEMA_VERSION = 1;

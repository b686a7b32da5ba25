import { SERVICE_FORM, type ServiceForm } from '../../components/service-form';
import type { CaseStatus, Channel } from '../../format';

/** What the audit page reads: the case, its history, its integrity and who has looked at it. */
export const AUDIT = /* GraphQL */ `
  query Audit($caseId: ID!) {
    case(id: $caseId) {
      caseId
      reference
      status
      channel
      submittedAt
      revision
      service {
        ${SERVICE_FORM}
        outcomes {
          id
          label
        }
      }
    }
    auditTrail(caseId: $caseId) {
      revision
      eventId
      type
      summary
      changes
      actorId
      actorRole
      channel
      occurredAt
      recordedAt
      correlationId
    }
  }
`;

/** Auditors and administrators only: asked separately so other readers still see the history. */
export const VERIFY = /* GraphQL */ `
  query VerifyCase($caseId: ID!) {
    verifyCase(caseId: $caseId) {
      intact
      eventsChecked
      altered
    }
  }
`;

export const ACCESS_LOG = /* GraphQL */ `
  query AccessLog($caseId: ID!) {
    accessLog(caseId: $caseId) {
      actorId
      actorRole
      operation
      at
      lastAt
      reads
    }
  }
`;

export const CASE_AS_OF = /* GraphQL */ `
  query CaseAsOf($caseId: ID!, $revision: String, $time: String) {
    caseAsOf(caseId: $caseId, revision: $revision, time: $time) {
      revision
      state
    }
  }
`;

export interface AuditedCase {
  caseId: string;
  reference: string;
  status: CaseStatus;
  channel: Channel;
  submittedAt: string;
  revision: string;
  service: ServiceForm & { outcomes: { id: string; label: string }[] };
}

export interface FieldChange {
  field: string;
  label: string;
  before: unknown;
  after: unknown;
  personal: boolean;
}

export interface AuditEvent {
  revision: string;
  eventId: string;
  type: string;
  summary: string;
  changes: FieldChange[];
  actorId: string;
  actorRole: string;
  channel: string;
  occurredAt: string;
  recordedAt: string;
  correlationId: string;
}

export interface Verification {
  intact: boolean;
  eventsChecked: number;
  altered: { eventId: string; revision: string; reason: string }[];
}

/** One person's reads through one operation, each within a few minutes of the one before. */
export interface AccessEntry {
  actorId: string;
  actorRole: string;
  operation: string;
  at: string;
  lastAt: string;
  reads: number;
}

/** The case as the decider saw it after a given event (`caseAsOf`). */
export interface CaseState {
  exists: boolean;
  status: CaseStatus;
  team: string;
  assignee: string | null;
  priority: string;
  answers: Record<string, unknown>;
  documents: unknown[];
  notes: number;
  openRequest: { items: string[] } | null;
  pendingDecision: { outcome: string; decidedBy: { id: string } } | null;
  outcome: string | null;
  personalDataErased: boolean;
}

/** Any change to the case: the page reads its history again. */
export const CASE_UPDATED = /* GraphQL */ `
  subscription AuditedCaseUpdated($caseId: ID!) {
    caseUpdated(caseId: $caseId) {
      revision
    }
  }
`;

/** A role or channel as people write it: `team_leader` → "team leader". */
export const spoken = (code: string) => code.replace(/_/g, ' ');

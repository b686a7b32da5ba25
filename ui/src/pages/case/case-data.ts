import { SERVICE_FORM, type ServiceForm } from '../../components/service-form';
import type { CaseStatus, Channel, Priority } from '../../format';
import { useLiveRefresh } from '../../graphql/subscriptions';
import { useQuery } from '../../graphql/use-query';
import { isUuid } from './case-ids';

/** One case as the case page and the action pages read it, kept live by `caseUpdated`. */
export const CASE = /* GraphQL */ `
  query Case($id: ID, $reference: String) {
    case(id: $id, reference: $reference) {
      caseId
      reference
      status
      stage
      channel
      team
      assignee
      priority
      submittedAt
      externalReference
      keyedBy {
        id
        role
      }
      answers
      documents
      notes
      decisions
      informationRequests
      clocks {
        clock
        label
        startedOn
        warningOn
        deadlineOn
        pausedSince
        pausedWorkingDays
        extendedWorkingDays
        stoppedOn
        met
        withdrawn
      }
      outcome
      exception
      closedAt
      personalDataErasedAt
      lastActivityAt
      revision
      service {
        ${SERVICE_FORM}
        outcomes {
          id
          label
          granted
        }
        teams {
          id
          name
        }
      }
    }
  }
`;

const CASE_UPDATED = /* GraphQL */ `
  subscription CaseUpdated($caseId: ID!) {
    caseUpdated(caseId: $caseId) {
      revision
    }
  }
`;

interface Actor {
  id: string;
  role: string;
}

export interface CaseDetail {
  caseId: string;
  reference: string;
  status: CaseStatus;
  stage: string;
  channel: Channel;
  team: string;
  assignee: string | null;
  priority: Priority;
  submittedAt: string;
  externalReference: string | null;
  keyedBy: Actor | null;
  answers: Record<string, unknown>;
  documents: {
    documentId: string;
    evidenceType: string;
    filename: string;
    mediaType: string;
    sizeBytes: number;
    attachedAt: string;
    attachedBy: Actor;
  }[];
  notes: { noteId: string; text: string; at: string; by: Actor }[];
  decisions: {
    decisionId: string;
    outcome: string;
    reasons: string;
    decidedBy: Actor;
    decidedAt: string;
    needsApproval: boolean;
    review: { approved: boolean; by: Actor; at: string; reason: string | null } | null;
  }[];
  informationRequests: {
    requestId: string;
    items: string[];
    message: string;
    requestedAt: string;
    requestedBy: Actor;
    receivedAt: string | null;
    summary: string | null;
  }[];
  clocks: {
    clock: string;
    label: string;
    startedOn: string;
    warningOn: string | null;
    deadlineOn: string | null;
    pausedSince: string | null;
    pausedWorkingDays: number;
    extendedWorkingDays: number;
    stoppedOn: string | null;
    met: boolean | null;
    withdrawn: boolean;
  }[];
  outcome: string | null;
  exception: string | null;
  closedAt: string | null;
  personalDataErasedAt: string | null;
  lastActivityAt: string;
  revision: string;
  service: ServiceForm & {
    outcomes: { id: string; label: string; granted: boolean }[];
    teams: { id: string; name: string }[];
  };
}

/** The case by id or reference; `live` refetches it whenever it changes. */
export const useCase = (idOrReference: string, { live }: { live: boolean }) => {
  const state = useQuery<{ case: CaseDetail | null }>(
    CASE,
    isUuid(idOrReference) ? { id: idOrReference } : { reference: idOrReference },
  );
  const caseId = state.data?.case?.caseId;
  useLiveRefresh(CASE_UPDATED, live && caseId ? { caseId } : null, () => void state.reload());
  return state;
};

/** The decision waiting for a second person's approval, if there is one. */
export const pendingDecision = (c: CaseDetail) =>
  c.status === 'awaiting_approval'
    ? (c.decisions.findLast((d) => d.needsApproval && !d.review) ?? null)
    : null;

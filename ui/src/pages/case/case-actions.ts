import type { CaseStatus } from '../../format';
import type { StaffUser } from '../../session';
import { pendingDecision, type CaseDetail } from './case-data';

/**
 * What can be done to a case, and when. The server decides; these rules only keep the
 * page from offering what would certainly be refused (the domain's lifecycle and
 * api/auth/policy.ts, in brief).
 */
export type CaseAction =
  | 'assign'
  | 'request-information'
  | 'information-received'
  | 'decide'
  | 'review-decision'
  | 'close'
  | 'withdraw'
  | 'reopen'
  | 'amend-answers'
  | 'add-note';

const OPEN: CaseStatus[] = ['received', 'in_progress', 'awaiting_information', 'awaiting_approval'];
const WORKABLE: CaseStatus[] = ['received', 'in_progress', 'awaiting_information'];

const isLeader = (user: StaffUser) => user.role === 'team_leader' || user.role === 'admin';

interface ActionRule {
  label: string;
  /** What the page says once it is done. */
  done: string;
  allowed: (c: CaseDetail, user: StaffUser) => boolean;
}

export const CASE_ACTIONS: Record<CaseAction, ActionRule> = {
  assign: {
    label: 'Assign case',
    done: 'Case assigned',
    allowed: (c, user) => WORKABLE.includes(c.status) && (isLeader(user) || c.assignee !== user.id),
  },
  'request-information': {
    label: 'Request information',
    done: 'Information requested',
    allowed: (c) => c.status === 'in_progress',
  },
  'information-received': {
    label: 'Record information received',
    done: 'Information recorded as received',
    allowed: (c) => c.status === 'awaiting_information',
  },
  decide: {
    label: 'Record a decision',
    done: 'Decision recorded',
    allowed: (c) => c.status === 'in_progress',
  },
  'review-decision': {
    label: 'Approve or reject the decision',
    done: 'Decision reviewed',
    allowed: (c, user) =>
      isLeader(user) && pendingDecision(c) !== null && pendingDecision(c)?.decidedBy.id !== user.id,
  },
  close: {
    label: 'Close case',
    done: 'Case closed',
    allowed: (c) => c.status === 'decided',
  },
  withdraw: {
    label: 'Withdraw application',
    done: 'Application withdrawn',
    allowed: (c) => OPEN.includes(c.status),
  },
  reopen: {
    label: 'Reopen case',
    done: 'Case reopened',
    allowed: (c, user) => isLeader(user) && (c.status === 'closed' || c.status === 'withdrawn'),
  },
  'amend-answers': {
    label: 'Amend answers',
    done: 'Answers amended',
    allowed: (c) => OPEN.includes(c.status) && !c.personalDataErasedAt,
  },
  'add-note': {
    label: 'Add a note',
    done: 'Note added',
    allowed: (c) => !c.personalDataErasedAt,
  },
};

export const isCaseAction = (value: string): value is CaseAction => value in CASE_ACTIONS;

export const availableActions = (c: CaseDetail, user: StaffUser): CaseAction[] =>
  user.role === 'auditor'
    ? []
    : (Object.keys(CASE_ACTIONS) as CaseAction[]).filter((a) => CASE_ACTIONS[a].allowed(c, user));

import type { CaseCommandType } from '../../domain/commands';
import { Forbidden, NotFound } from '../problems';
import type { ApiKeyScope, Principal, Role } from './roles';

/**
 * Who may do what. Caseworkers and team leaders act only on their own teams' cases;
 * auditors read everything and change nothing; integrators submit applications;
 * administrators may do anything. One table, so the authorization test can walk it.
 */
const STAFF: Role[] = ['caseworker', 'team_leader', 'admin'];
const LEADERS: Role[] = ['team_leader', 'admin'];

export const COMMAND_ROLES: Record<Exclude<CaseCommandType, 'SubmitApplication'>, Role[]> = {
  AmendAnswers: STAFF,
  AttachDocument: STAFF,
  TriageCase: LEADERS,
  AssignCase: STAFF, // caseworkers may assign only to themselves: see mayRunCommand
  UnassignCase: LEADERS,
  TransferTeam: LEADERS,
  RequestInformation: STAFF,
  RecordInformationReceived: STAFF,
  AddNote: STAFF,
  RecordDecision: STAFF,
  ApproveDecision: LEADERS,
  RejectDecision: LEADERS,
  CloseCase: STAFF,
  WithdrawApplication: STAFF,
  ReopenCase: LEADERS,
  ExtendClock: LEADERS,
  RecordSatisfaction: [...STAFF, 'integrator'],
  ErasePersonalData: ['admin'],
};

export type ReadAction =
  'case' | 'audit' | 'mi' | 'queues' | 'submit' | 'integrations' | 'assignableStaff';

const READ_ROLES: Record<ReadAction, Role[]> = {
  case: ['caseworker', 'team_leader', 'auditor', 'admin'],
  audit: ['auditor', 'admin'],
  mi: ['team_leader', 'auditor', 'admin'],
  queues: ['caseworker', 'team_leader', 'admin'],
  submit: ['caseworker', 'team_leader', 'admin', 'integrator'],
  integrations: ['admin'],
  // Whom a team's cases can be assigned to: for those who assign cases to other people.
  assignableStaff: LEADERS,
};

/** Auditors and administrators see every team's cases. */
export const seesEveryTeam = (principal: Principal) =>
  principal.role === 'admin' || principal.role === 'auditor';

/** Whether the principal's teams cover the case's team (auditors and admins see all). */
export const seesTeam = (principal: Principal, team: string) =>
  seesEveryTeam(principal) || principal.teams.includes(team);

export const requireRead = (principal: Principal, action: ReadAction, team?: string) => {
  if (!READ_ROLES[action].includes(principal.role)) {
    throw new Forbidden(`A ${principal.role.replace('_', ' ')} cannot do this`);
  }
  if (team !== undefined && !seesTeam(principal, team))
    throw new Forbidden('This case belongs to another team');
};

/** An integrator's key must carry the scope of what it asks; staff are judged by role. */
export const requireScope = (principal: Principal, scope: ApiKeyScope) => {
  if (principal.kind === 'integrator' && !principal.scopes.includes(scope)) {
    throw new Forbidden(`This API key does not have the ${scope} scope`);
  }
};

/** The scope an integrator's key needs for each command it may run. */
const COMMAND_SCOPES: Partial<Record<Exclude<CaseCommandType, 'SubmitApplication'>, ApiKeyScope>> =
  { RecordSatisfaction: 'satisfaction' };

/** The case a command is about, as far as deciding who may run it goes. */
export interface CommandTarget {
  team: string;
  /** Who holds the case now. */
  assignee: string | null;
  /** Who submitted the application (an integrator's principal id, for their own). */
  submittedBy: string | undefined;
}

export const requireCommand = (
  principal: Principal,
  command: { type: Exclude<CaseCommandType, 'SubmitApplication'>; assignee?: string },
  target: CommandTarget,
) => {
  if (!COMMAND_ROLES[command.type].includes(principal.role)) {
    throw new Forbidden(
      `A ${principal.role.replace('_', ' ')} cannot ${command.type.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase()}`,
    );
  }
  if (principal.kind === 'integrator') {
    const scope = COMMAND_SCOPES[command.type];
    if (!scope) throw new Forbidden('An API key cannot do this');
    requireScope(principal, scope);
    // A key acts only on the applications it submitted; anyone else's is no case to it.
    if (target.submittedBy !== principal.id) throw new NotFound('There is no case with that id');
  }
  if (principal.kind === 'staff' && !seesTeam(principal, target.team))
    throw new Forbidden('This case belongs to another team');
  if (command.type === 'AssignCase' && principal.role === 'caseworker') {
    if (command.assignee !== principal.id) {
      throw new Forbidden('Caseworkers can assign cases only to themselves');
    }
    // A caseworker takes up work nobody holds; moving someone's case is a team leader's call.
    if (target.assignee !== null && target.assignee !== principal.id) {
      throw new Forbidden('This case is assigned to someone else: ask a team leader to move it');
    }
  }
};

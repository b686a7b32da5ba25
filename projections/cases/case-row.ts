import {
  applicantName,
  applicantPostcode,
  PRIORITIES,
  type CaseType,
} from '../../domain/case-type';
import { slaSummary } from '../../domain/sla-clocks';
import type { CaseView } from './case-view';
import { ninoHash } from './search-keys';
import { ERASED } from '../../domain/personal-data';

/** The `cases` row a queue needs, derived from the case view and its service's rules. */
export interface CaseRow {
  case_id: string;
  reference: string;
  service: string;
  case_type_version: number;
  status: string;
  stage: string;
  channel: string;
  applicant_name: string;
  applicant_name_search: string;
  postcode: string | null;
  nino_hash: string | null;
  team: string;
  assignee: string | null;
  priority: string;
  priority_rank: number;
  received_at: string;
  next_deadline: string | null;
  next_warning: string | null;
  due_soon_from: string | null;
  sla_paused: boolean;
  clocks: CaseView['clocks'];
  exception: string | null;
  outcome: string | null;
  last_activity_at: string;
  closed_at: string | null;
  personal_data_erased_at: string | null;
  revision: string;
}

export const caseRowOf = (view: CaseView, caseType: CaseType, searchSecret?: Buffer): CaseRow => {
  const answers = { ...view.answers, ...view.personal };
  const erased = view.personalDataErasedAt !== null;
  const name = erased ? ERASED : applicantName(caseType, answers);
  const ninoField = caseType.fields.find(
    (f) => f.type === 'nino' && typeof answers[f.id] === 'string',
  );
  const sla = slaSummary(view.clocks, caseType.calendar);
  return {
    case_id: view.caseId,
    reference: view.reference,
    service: view.service,
    case_type_version: view.caseTypeVersion,
    status: view.status,
    stage: view.stage,
    channel: view.channel,
    applicant_name: name,
    applicant_name_search: name.toLowerCase(),
    postcode: erased ? null : (applicantPostcode(caseType, answers) ?? null),
    nino_hash: ninoField && !erased ? ninoHash(String(answers[ninoField.id]), searchSecret) : null,
    team: view.team,
    assignee: view.assignee,
    priority: view.priority,
    priority_rank: PRIORITIES.indexOf(view.priority),
    received_at: view.submittedAt,
    next_deadline: sla.nextDeadline,
    next_warning: sla.nextWarning,
    due_soon_from: sla.dueSoonFrom,
    sla_paused: sla.paused,
    clocks: view.clocks,
    exception: view.exception,
    outcome: view.outcome,
    last_activity_at: view.lastActivityAt,
    closed_at: view.closedAt,
    personal_data_erased_at: view.personalDataErasedAt,
    revision: view.revision,
  };
};

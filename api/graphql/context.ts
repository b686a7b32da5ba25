import type { FastifyRequest } from 'fastify';
import type { Pool } from 'pg';
import type { CaseType } from '../../domain/case-type';
import type { Field } from '../../domain/fields';
import { londonDate } from '../../domain/calendar/working-days';
import type { IntakeContext } from '../../eventstore/intake';
import type { UnitCosts } from '../../projections/mi/kpis';
import type { ProjectionStatus } from '../../projections/status';
import type { IdentityStore } from '../auth/identity-store';
import type { Principal } from '../auth/roles';
import { answersJsonSchema } from '../rest/schemas';
import type { FailedDelivery } from '../../workers/legacy-sync/failed-deliveries';
import type { DestinationRules } from '../../workers/legacy-sync/destination';

/** What every resolver gets: who is asking, today's date in London, and the back office. */
export interface BackOffice extends IntakeContext {
  pool: Pool;
  /** Staff and integrators' API keys, which administrators manage. */
  identity: IdentityStore;
  /** Cost of one transaction on each channel, in pounds, for management information. */
  unitCosts: UnitCosts;
  /** Each projection's lag and stall (absent where this process reports none). */
  projectionStatus?: () => Promise<ProjectionStatus[]>;
  /** Sends a failed webhook delivery again (absent where no workers' queues are open). */
  retryDelivery?: (id: string, by: string) => Promise<FailedDelivery>;
  /** Where webhook endpoints may point. */
  webhookDestinations: DestinationRules;
  /** The secret NI number search keys are made with (none: the development one). */
  searchSecret?: Buffer | undefined;
}

export interface GraphQLContext {
  principal(): Promise<Principal>;
  backOffice: BackOffice;
  today: string;
}

export const buildContext =
  (backOffice: BackOffice) =>
  async (request: FastifyRequest): Promise<GraphQLContext> => ({
    principal: () => request.principal(),
    backOffice,
    today: londonDate(backOffice.clock()),
  });

/**
 * The services whose imported rows a person may read and mend: those with one of their
 * teams (undefined: every service, for administrators).
 */
export const servicesWorkedBy = (principal: Principal, backOffice: BackOffice) =>
  principal.role === 'admin'
    ? undefined
    : backOffice.caseTypes.all
        .filter((t) => t.teams.some((team) => principal.teams.includes(team.id)))
        .map((t) => t.id);

/** A principal's teams for queues; administrators work across every team. */
export const teamsOf = (principal: Principal, backOffice: BackOffice) =>
  principal.role === 'admin'
    ? backOffice.caseTypes.all.flatMap((t) => t.teams.map((team) => team.id))
    : principal.teams;

const fieldObject = (f: Field) => ({
  ...f,
  options: 'options' in f ? f.options : null,
  askedWhen: f.askedWhen ?? null,
});

export const serviceObject = (caseType: CaseType) => ({
  id: caseType.id,
  name: caseType.name,
  description: caseType.description,
  version: caseType.version,
  fields: caseType.fields.map(fieldObject),
  sections: caseType.sections.map((s) => ({ ...s, fields: s.fields.map(fieldObject) })),
  outcomes: caseType.outcomes,
  teams: caseType.teams,
  answersSchema: answersJsonSchema(caseType),
  example: caseType.example,
});

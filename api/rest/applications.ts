import type { FastifyPluginAsync } from 'fastify';
import { text } from '../../domain/values';
import { z } from 'zod';
import { CaseNotFound, ValidationFailed, fieldErrorsOf } from '../../domain/errors';
import { loadCase } from '../../eventstore/case-history';
import { submitApplication, type IntakeContext } from '../../eventstore/intake';
import type { ReferenceRegister } from '../../eventstore/postgres/reference-register';
import { requireRead, requireScope, seesTeam } from '../auth/policy';
import { NotFound } from '../problems';
import { applicationRequestSchema } from './schemas';

/**
 * REST intake for integrators: web forms and legacy systems push applications in, with
 * an Idempotency-Key so that retrying a request never makes a second case.
 */
export interface ApplicationRoutesOptions {
  intake: IntakeContext & { references: ReferenceRegister };
}

const KEY_NEEDED =
  'Send an Idempotency-Key header: a unique value per application, reused on retries';
const idempotencyKey = z.string({ error: KEY_NEEDED }).pipe(text({ max: 255, blank: KEY_NEEDED }));

const REFERENCE = /^[A-Z]{2,3}-\d{4}-\d{6,}$/;

export const applicationRoutes: FastifyPluginAsync<ApplicationRoutesOptions> = async (
  app,
  { intake },
) => {
  app.post('/api/v1/applications', async (request, reply) => {
    const principal = await request.principal();
    requireRead(principal, 'submit');
    requireScope(principal, 'intake');
    const key = idempotencyKey.safeParse(request.headers['idempotency-key']);
    const body = applicationRequestSchema.safeParse(request.body ?? {});
    const errors = [
      ...(key.success ? [] : fieldErrorsOf(key.error, ['headers', 'idempotency-key'])),
      ...(body.success ? [] : fieldErrorsOf(body.error, ['body'])),
    ];
    if (!key.success || !body.success) throw new ValidationFailed(errors);
    const result = await submitApplication(intake, {
      ...body.data,
      idempotencyKey: key.data,
      actor: { id: principal.id, role: principal.role },
    });
    return reply
      .code(result.created ? 201 : 200)
      .header('location', `/api/v1/applications/${result.reference}`)
      .send({
        caseId: result.caseId,
        reference: result.reference,
        status: result.status,
        revision: String(result.revision),
      });
  });

  app.get<{ Params: { reference: string } }>('/api/v1/applications/:reference', async (request) => {
    const principal = await request.principal();
    requireScope(principal, 'intake');
    const reference = request.params.reference.trim().toUpperCase();
    const caseId = REFERENCE.test(reference)
      ? await intake.references.caseIdOf(reference)
      : undefined;
    const { state, events } = caseId
      ? await loadCase(intake.store, caseId)
      : { state: undefined, events: [] };
    const submittedBy = events[0]?.metadata.actor.id;
    // Integrators see only their own submissions, staff only their teams' cases; anyone
    // else's looks like no case at all.
    if (
      !state?.exists ||
      state.reference !== reference ||
      (principal.kind === 'integrator' && submittedBy !== principal.id) ||
      (principal.kind === 'staff' && !seesTeam(principal, state.team))
    ) {
      throw new NotFound(new CaseNotFound(reference).message);
    }
    const caseType = intake.caseTypes.byId(state.caseTypeId);
    const submitted = events[0]!.data as { submittedAt: string; externalReference: string | null };
    return {
      reference: state.reference,
      service: state.caseTypeId,
      status: state.status,
      receivedAt: submitted.submittedAt,
      externalReference: submitted.externalReference,
      decision: state.outcome
        ? {
            outcome: state.outcome,
            label: caseType?.outcomes.find((o) => o.id === state.outcome)?.label ?? state.outcome,
          }
        : null,
    };
  });
};

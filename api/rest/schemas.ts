import { z } from 'zod';
import { instant, line } from '../../domain/values';
import { answerSchema, type Field } from '../../domain/fields';
import type { CaseType } from '../../domain/case-type';
import { APPLICATION_CHANNELS } from '../../domain/channels';
import { CASE_STATUSES } from '../../domain/case-type';

/**
 * The REST contract, written once in zod: requests are validated with these schemas and
 * the OpenAPI document is generated from them.
 */
export const applicationRequestSchema = z.strictObject({
  service: line(60).describe('The service id, e.g. carers-support-payment'),
  channel: z.enum(APPLICATION_CHANNELS).describe('How the applicant applied'),
  answers: z
    .record(z.string(), z.unknown())
    .describe("Answers keyed by question id; see the service's schema"),
  submittedAt: instant()
    .optional()
    .describe(
      'When the applicant submitted, ISO 8601 with offset; not in the future, not before the service opened; defaults to now',
    ),
  externalReference: line(100).optional().describe("Your system's reference for it"),
});

export const applicationCreatedSchema = z.object({
  caseId: z.uuid(),
  reference: z.string().describe('The case reference, e.g. CSP-2026-000123'),
  status: z.enum(CASE_STATUSES),
  revision: z.string().describe('The case stream revision, as a decimal string'),
});

export const applicationStatusSchema = z.object({
  reference: z.string(),
  service: z.string(),
  status: z.enum(CASE_STATUSES),
  receivedAt: z.string().describe('ISO 8601'),
  externalReference: z.string().nullable(),
  decision: z.object({ outcome: z.string(), label: z.string() }).nullable(),
});

export const problemSchema = z.object({
  type: z.string(),
  title: z.string(),
  status: z.number().int(),
  detail: z.string(),
  instance: z.string(),
  code: z.string(),
  errors: z
    .array(z.object({ path: z.array(z.union([z.string(), z.number()])), message: z.string() }))
    .optional(),
});

/** The answers a service accepts, as one zod object (conditional questions are optional here). */
export const answersSchemaOf = (caseType: CaseType) =>
  z.strictObject(
    Object.fromEntries(
      caseType.fields.map((field: Field) => {
        const schema = answerSchema(field).describe(
          [
            field.label,
            field.hint,
            field.askedWhen
              ? `Asked only when ${field.askedWhen.field} is ${String(field.askedWhen.equals)}.`
              : '',
          ]
            .filter(Boolean)
            .join('. '),
        );
        return [field.id, field.required && !field.askedWhen ? schema : schema.optional()];
      }),
    ),
  );

export const answersJsonSchema = (caseType: CaseType) =>
  z.toJSONSchema(answersSchemaOf(caseType), { io: 'input', unrepresentable: 'any' });

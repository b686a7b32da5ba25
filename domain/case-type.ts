import { z } from 'zod';
import { answerSchema, fieldSchema, type Field } from './fields';
import { fieldErrorsOf } from './errors';
import { LATEST_DATE } from './values';

/**
 * A case type is a service's rulebook, written as data: the questions it asks, which
 * answers are personal, the evidence it needs, its stages, decision outcomes, service
 * levels, routing and whether a decision needs a second person's approval. Adding a
 * service is one file in `case-types/` that calls `defineCaseType`.
 */

export const CASE_STATUSES = [
  'received',
  'in_progress',
  'awaiting_information',
  'awaiting_approval',
  'decided',
  'closed',
  'withdrawn',
] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

export const CALENDARS = ['england-and-wales', 'scotland', 'northern-ireland'] as const;
export type CalendarRegion = (typeof CALENDARS)[number];

export const PRIORITIES = ['urgent', 'high', 'normal', 'low'] as const;
export type Priority = (typeof PRIORITIES)[number];

/** Moments the applicant is told about through GOV.UK Notify. */
export const NOTIFICATION_TRIGGERS = [
  'application-received',
  'information-requested',
  'decision-made',
] as const;
export type NotificationTrigger = (typeof NOTIFICATION_TRIGGERS)[number];

/** The lifecycle moment at which a service-level clock stops. */
export const CLOCK_STOPS = ['triaged', 'assigned', 'decided', 'closed'] as const;

const slug = z.string().regex(/^[a-z][a-z0-9-]*$/, 'ids are lower-case-with-dashes');

const caseTypeSchema = z
  .object({
    id: slug,
    version: z.number().int().positive(),
    name: z.string().min(1),
    description: z.string().min(1),
    /** Two or three capitals that start every case reference, e.g. CS-2026-000123. */
    referencePrefix: z.string().regex(/^[A-Z]{2,3}$/),
    /** Which UK bank holidays the service's working days skip. */
    calendar: z.enum(CALENDARS),
    /**
     * The first day the service (or the scheme it took over, whose backlog may be
     * imported) took applications: none can have been submitted before it.
     */
    openedOn: z.iso.date(),
    sections: z
      .array(z.object({ id: slug, title: z.string().min(1), fields: z.array(fieldSchema).min(1) }))
      .min(1),
    /**
     * Answers that make the applicant's display name (joined with spaces) and postcode,
     * and where to reach them: email, then text message, then a letter to the postcode
     * field's address.
     */
    applicant: z.object({
      nameFields: z.array(z.string()).min(1),
      postcodeField: z.string(),
      emailField: z.string().optional(),
      phoneField: z.string().optional(),
    }),
    /**
     * GOV.UK Notify templates (their ids in the service's Notify account) sent to the
     * applicant at each moment, per channel. A moment with no template sends nothing.
     */
    notifications: z
      .partialRecord(
        z.enum(NOTIFICATION_TRIGGERS),
        z.object({
          email: z.uuid().optional(),
          sms: z.uuid().optional(),
          letter: z.uuid().optional(),
        }),
      )
      .default({}),
    evidence: z.array(z.object({ id: slug, label: z.string(), required: z.boolean() })),
    stages: z
      .array(
        z.object({ id: slug, label: z.string(), statuses: z.array(z.enum(CASE_STATUSES)).min(1) }),
      )
      .min(1),
    outcomes: z
      .array(
        z.object({
          id: slug,
          label: z.string(),
          /** Granted outcomes count as the service being delivered in management information. */
          granted: z.boolean(),
        }),
      )
      .min(2),
    sla: z
      .array(
        z.object({
          clock: slug,
          label: z.string(),
          stopsWhen: z.enum(CLOCK_STOPS),
          workingDays: z.number().int().positive(),
          warningWorkingDays: z.number().int().positive(),
        }),
      )
      .min(1),
    teams: z.array(z.object({ id: slug, name: z.string() })).min(1),
    routing: z.object({
      defaultTeam: slug,
      rules: z.array(
        z.object({
          when: z.object({ field: z.string(), equals: z.union([z.string(), z.boolean()]) }),
          team: slug,
        }),
      ),
    }),
    defaultPriority: z.enum(PRIORITIES),
    /** Four-eyes: which outcomes a second person must approve before they take effect. */
    approval: z.object({ outcomes: z.array(slug) }),
    /**
     * How long the applicant's personal data is kept once the case is closed or withdrawn,
     * as an ISO 8601 duration in years, months and days (P6Y, P18M, P6Y3M), and the rule
     * it comes from. When it has run, the retention job erases the personal data.
     */
    retention: z.object({
      afterClosure: z
        .string()
        .regex(/^P(?=\d)(\d+Y)?(\d+M)?(\d+D)?$/, 'give years, months and days, e.g. P6Y'),
      basis: z.string().min(1),
    }),
    /** A complete, valid set of answers: shown to integrators and used in tests. */
    example: z.record(z.string(), z.unknown()),
  })
  .superRefine((t, ctx) => {
    const fields = t.sections.flatMap((s) => s.fields);
    const ids = new Set(fields.map((f) => f.id));
    const problem = (message: string, path: (string | number)[]) =>
      ctx.addIssue({ code: 'custom', message, path });
    if (ids.size !== fields.length) problem('field ids must be unique', ['sections']);
    // A condition names an earlier question, so answers can be checked in one pass, in order.
    fields.forEach((f, i) => {
      if (f.askedWhen && !fields.slice(0, i).some((earlier) => earlier.id === f.askedWhen?.field)) {
        problem(`${f.id} is asked when ${f.askedWhen.field}, which must be an earlier question`, [
          'sections',
        ]);
      }
    });
    for (const [key, type] of [
      ['emailField', 'email'],
      ['phoneField', 'ukPhone'],
    ] as const) {
      const id = t.applicant[key];
      if (id !== undefined && fields.find((f) => f.id === id)?.type !== type) {
        problem(`must name a field of type ${type}`, ['applicant', key]);
      }
    }
    t.applicant.nameFields.forEach((f, i) => {
      if (!ids.has(f)) problem(`${f} is not a field`, ['applicant', 'nameFields', i]);
    });
    const postcodeField = fields.find((f) => f.id === t.applicant.postcodeField);
    if (!postcodeField || !['ukAddress', 'ukPostcode'].includes(postcodeField.type)) {
      problem('must name a UK address or postcode field', ['applicant', 'postcodeField']);
    }
    const covered = t.stages.flatMap((s) => s.statuses);
    for (const status of CASE_STATUSES) {
      if (covered.filter((s) => s === status).length !== 1) {
        problem(`status ${status} must belong to exactly one stage`, ['stages']);
      }
    }
    const teams = new Set(t.teams.map((team) => team.id));
    [t.routing.defaultTeam, ...t.routing.rules.map((r) => r.team)].forEach((team) => {
      if (!teams.has(team)) problem(`${team} is not one of the service's teams`, ['routing']);
    });
    t.routing.rules.forEach((r, i) => {
      if (!ids.has(r.when.field))
        problem(`${r.when.field} is not a field`, ['routing', 'rules', i]);
    });
    const outcomes = new Set(t.outcomes.map((o) => o.id));
    t.approval.outcomes.forEach((o, i) => {
      if (!outcomes.has(o)) problem(`${o} is not an outcome`, ['approval', 'outcomes', i]);
    });
    t.sla.forEach((c, i) => {
      if (c.warningWorkingDays >= c.workingDays) {
        problem('the warning must come before the deadline', ['sla', i, 'warningWorkingDays']);
      }
    });
  });

export type CaseTypeDefinition = z.input<typeof caseTypeSchema>;
export type CaseType = z.infer<typeof caseTypeSchema> & { readonly fields: readonly Field[] };

/** Validates a service definition once, when the module loads; a broken file fails fast. */
export const defineCaseType = (definition: CaseTypeDefinition): CaseType => {
  const parsed = caseTypeSchema.parse(definition);
  const caseType = Object.freeze({ ...parsed, fields: parsed.sections.flatMap((s) => s.fields) });
  const example = validateAnswers(caseType, caseType.example, { today: LATEST_DATE });
  if (!example.ok) {
    throw new Error(
      `${caseType.id}: example answers are invalid: ${JSON.stringify(example.errors)}`,
    );
  }
  return caseType;
};

export type Answers = Record<string, unknown>;

/** Whether a question is asked, given the other answers (questions without a condition always are). */
export const isAsked = (field: Field, answers: Answers): boolean =>
  !field.askedWhen || answers[field.askedWhen.field] === field.askedWhen.equals;

export interface FieldError {
  path: (string | number)[];
  message: string;
}

export type AnswersResult = { ok: true; answers: Answers } | { ok: false; errors: FieldError[] };

/**
 * The result of checking each set of submitted answers, by the answers object: the intake
 * checks an application before reserving its reference and `decide` checks it again, and
 * checking a long form is a good part of what a submission costs. Answers are not changed
 * once submitted; the entry goes with the object.
 */
const checked = new WeakMap<object, { caseType: CaseType; today: string; result: AnswersResult }>();

export interface AnswersContext {
  /** The London date the answers are given on: dates like a date of birth may not be later. */
  today: string;
  /**
   * Answers already stored (normalised), kept where the input does not replace them: used
   * when amending. They are not parsed again; one that no longer applies is dropped.
   */
  kept?: Answers;
}

/**
 * Checks a full set of answers against the case type and returns every problem at once,
 * each with its path (e.g. ['address', 'postcode']), so a form can show them all together.
 */
export const validateAnswers = (
  caseType: CaseType,
  input: unknown,
  { today, kept }: AnswersContext,
): AnswersResult => {
  if (kept !== undefined || typeof input !== 'object' || input === null) {
    return checkAnswers(caseType, input, kept ?? {}, today);
  }
  const earlier = checked.get(input);
  if (earlier?.caseType === caseType && earlier.today === today) return earlier.result;
  const result = checkAnswers(caseType, input, {}, today);
  checked.set(input, { caseType, today, result });
  return result;
};

const checkAnswers = (
  caseType: CaseType,
  input: unknown,
  kept: Answers,
  today: string,
): AnswersResult => {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    return {
      ok: false,
      errors: [{ path: [], message: 'Answers must be an object of field ids to values' }],
    };
  }
  const raw = input as Answers;
  const errors: FieldError[] = [];
  const answers: Answers = {};
  const known = new Set(caseType.fields.map((f) => f.id));
  for (const key of Object.keys(raw)) {
    if (!known.has(key))
      errors.push({ path: [key], message: 'This is not a question on this form' });
  }
  for (const field of caseType.fields) {
    const given = field.id in raw;
    const value = given ? raw[field.id] : kept[field.id];
    const missing = value === undefined || value === null || value === '';
    if (!isAsked(field, answers)) {
      if (!missing && given)
        errors.push({
          path: [field.id],
          message: 'This question does not apply to the answers given',
        });
      continue;
    }
    if (missing) {
      if (field.required) errors.push({ path: [field.id], message: `Answer "${field.label}"` });
      continue;
    }
    if (!given) {
      answers[field.id] = value;
      continue;
    }
    const result = answerSchema(field, today).safeParse(value);
    if (result.success) answers[field.id] = result.data;
    else errors.push(...fieldErrorsOf(result.error, [field.id]));
  }
  return errors.length ? { ok: false, errors } : { ok: true, answers };
};

/** Splits answers into the ordinary part and the personal part kept apart in event data. */
export const splitPersonal = (caseType: CaseType, answers: Answers) => {
  const ordinary: Answers = {};
  const personal: Answers = {};
  for (const field of caseType.fields) {
    if (!(field.id in answers)) continue;
    (field.personal ? personal : ordinary)[field.id] = answers[field.id];
  }
  return { answers: ordinary, personal };
};

export const routeToTeam = (caseType: CaseType, answers: Answers): string =>
  caseType.routing.rules.find((r) => answers[r.when.field] === r.when.equals)?.team ??
  caseType.routing.defaultTeam;

export const applicantName = (caseType: CaseType, answers: Answers): string =>
  caseType.applicant.nameFields
    .map((f) => answers[f])
    .filter((v): v is string => typeof v === 'string' && v.length > 0)
    .join(' ');

export const applicantPostcode = (caseType: CaseType, answers: Answers): string | undefined => {
  const value = answers[caseType.applicant.postcodeField];
  if (typeof value === 'string') return value;
  if (value && typeof value === 'object' && 'postcode' in value) return String(value.postcode);
  return undefined;
};

export const stageOf = (caseType: CaseType, status: CaseStatus): string =>
  caseType.stages.find((s) => s.statuses.includes(status))?.id ?? status;

export const needsApproval = (caseType: CaseType, outcome: string): boolean =>
  caseType.approval.outcomes.includes(outcome);

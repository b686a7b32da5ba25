import { z } from 'zod';

/**
 * The questions a service can ask. Each field type knows how to validate an answer
 * and normalise it to the one form we store (trimmed text, ISO dates, integer pence,
 * upper-case postcodes, E.164 phone numbers), so that the same answer keyed by a
 * caseworker from a paper form and typed into a web form is stored identically.
 */

const fieldId = z.string().regex(/^[a-z][a-zA-Z0-9]*$/, 'field ids are camelCase');

const condition = z.object({
  field: fieldId,
  equals: z.union([z.string(), z.boolean()]),
});

const base = {
  id: fieldId,
  label: z.string().min(1),
  hint: z.string().optional(),
  required: z.boolean().default(true),
  /** Personal data is stored apart from the rest of the answers so it can be encrypted or erased. */
  personal: z.boolean().default(false),
  /** Asked only when another answer has a given value (e.g. "details" when "other" is chosen). */
  askedWhen: condition.optional(),
};

export const fieldSchema = z.discriminatedUnion('type', [
  z.object({
    ...base,
    type: z.literal('text'),
    maxLength: z.number().int().positive().default(200),
  }),
  z.object({
    ...base,
    type: z.literal('longText'),
    maxLength: z.number().int().positive().default(5000),
  }),
  z.object({
    ...base,
    type: z.literal('date'),
    /** Earliest and latest accepted date, ISO YYYY-MM-DD. */
    earliest: z.iso.date().optional(),
    latest: z.iso.date().optional(),
  }),
  z.object({
    ...base,
    type: z.literal('number'),
    min: z.number().optional(),
    max: z.number().optional(),
    integer: z.boolean().default(false),
  }),
  z.object({
    ...base,
    type: z.literal('money'),
    minPence: z.number().int().default(0),
    maxPence: z.number().int().optional(),
  }),
  z.object({ ...base, type: z.literal('yesNo') }),
  z.object({
    ...base,
    type: z.literal('choice'),
    options: z.array(z.object({ value: z.string().min(1), label: z.string().min(1) })).min(2),
  }),
  z.object({ ...base, type: z.literal('ukAddress') }),
  z.object({ ...base, type: z.literal('ukPostcode') }),
  z.object({ ...base, type: z.literal('nino') }),
  z.object({ ...base, type: z.literal('email') }),
  z.object({ ...base, type: z.literal('ukPhone') }),
]);

export type Field = z.infer<typeof fieldSchema>;
export type FieldInput = z.input<typeof fieldSchema>;
export type FieldType = Field['type'];

// Royal Mail postcode format (outward code, space optional, inward code); GIR 0AA is still valid.
const POSTCODE = /^(GIR ?0AA|[A-PR-UWYZ][A-HK-Y]?[0-9][0-9A-Z]? ?[0-9][ABD-HJLNP-UW-Z]{2})$/;

export const normalisePostcode = (raw: string): string => {
  const compact = raw.replace(/\s+/g, '').toUpperCase();
  return `${compact.slice(0, -3)} ${compact.slice(-3)}`;
};

const postcode = z
  .string()
  .trim()
  .max(10)
  .refine((s) => POSTCODE.test(s.toUpperCase()), 'Enter a real UK postcode, like SW1A 1AA')
  .transform(normalisePostcode);

// HMRC rules: two prefix letters (not D, F, I, Q, U, V; second not O; some pairs never issued),
// six digits, suffix A–D.
const NINO = /^(?!BG|GB|KN|NK|NT|TN|ZZ)[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z][0-9]{6}[A-D]$/;

const nino = z
  .string()
  .transform((s) => s.replace(/\s+/g, '').toUpperCase())
  .refine(
    (s) => NINO.test(s),
    'Enter a National Insurance number in the right format, like QQ 12 34 56 C',
  );

const ukPhone = z
  .string()
  .max(20)
  // "+44 (0)20 7946 0123" is a common way to write a UK number: drop the bracketed 0.
  .transform((s) => s.replace(/\(0\)/g, '').replace(/[\s()-]/g, ''))
  .refine(
    (s) => /^(\+44|0044|0)[1-9][0-9]{8,9}$/.test(s),
    'Enter a UK telephone number, like 01632 960 001 or 07700 900 982',
  )
  .transform((s) => `+44${s.replace(/^(\+44|0044|0)/, '')}`);

const email = z
  .string()
  .trim()
  .max(254)
  .refine(
    (s) => /^[^\s@]+@[^\s@]+\.[^\s@]{2,}$/.test(s),
    'Enter an email address in the correct format, like name@example.com',
  );

const MONEY = /^£?\s*(\d{1,3}(,\d{3})+|\d+)(\.\d{1,2})?$/;

/** Money arrives as pounds ("1,234.50", "£12" or 12.5) and is stored as whole pence. */
const money = z.union([z.string().trim(), z.number()]).transform((value, ctx) => {
  const text = typeof value === 'number' ? String(value) : value;
  if (!MONEY.test(text)) {
    ctx.addIssue({ code: 'custom', message: 'Enter an amount in pounds and pence, like 125.50' });
    return z.NEVER;
  }
  const [pounds = '0', pence = ''] = text.replace(/[£,\s]/g, '').split('.');
  return Number(pounds) * 100 + Number(pence.padEnd(2, '0'));
});

const YES = ['yes', 'y', 'true'];
const NO = ['no', 'n', 'false'];
const yesNo = z.union([
  z.boolean(),
  z
    .string()
    .transform((s) => s.trim().toLowerCase())
    .refine((s) => YES.includes(s) || NO.includes(s), 'Answer yes or no')
    .transform((s) => YES.includes(s)),
]);

const isoDate = z.iso.date('Enter a real date, like 2026-03-27');

const text = (maxLength: number) =>
  z
    .string()
    .trim()
    .min(1, 'Enter an answer')
    .max(maxLength, `Enter no more than ${maxLength} characters`)
    // NUL and other control characters (other than line breaks and tabs) are never real answers.
    .refine(
      // eslint-disable-next-line no-control-regex -- finding control characters is the point
      (s) => !/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(s),
      'Remove control characters',
    );

/** Optional lines left blank on a form arrive as ''; they mean "not given". */
const optionalLine = (maxLength: number) =>
  z.preprocess(
    (v) => (typeof v === 'string' && v.trim() === '' ? undefined : v),
    text(maxLength).optional(),
  );

export const ukAddressSchema = z.strictObject({
  line1: text(100),
  line2: optionalLine(100),
  town: text(60),
  county: optionalLine(60),
  postcode,
});
export type UkAddress = z.infer<typeof ukAddressSchema>;

const schemas = new WeakMap<Field, z.ZodType>();

/** The zod schema that validates and normalises one answer to a field (built once per field). */
export const answerSchema = (field: Field): z.ZodType => {
  let schema = schemas.get(field);
  if (!schema) {
    schema = buildAnswerSchema(field);
    schemas.set(field, schema);
  }
  return schema;
};

const buildAnswerSchema = (field: Field): z.ZodType => {
  switch (field.type) {
    case 'text':
    case 'longText':
      return text(field.maxLength);
    case 'date': {
      let schema: z.ZodType<string> = isoDate;
      if (field.earliest) {
        const earliest = field.earliest;
        schema = schema.refine((d) => d >= earliest, `Enter a date on or after ${earliest}`);
      }
      if (field.latest) {
        const latest = field.latest;
        schema = schema.refine((d) => d <= latest, `Enter a date on or before ${latest}`);
      }
      return schema;
    }
    case 'number': {
      let schema = z.number({ error: 'Enter a number' }).finite();
      if (field.integer) schema = schema.int('Enter a whole number');
      if (field.min !== undefined) schema = schema.min(field.min, `Enter ${field.min} or more`);
      if (field.max !== undefined) schema = schema.max(field.max, `Enter ${field.max} or less`);
      // Paper and phone answers arrive as text; accept a plain decimal string too.
      return z.preprocess(
        (v) => (typeof v === 'string' && /^-?\d+(\.\d+)?$/.test(v.trim()) ? Number(v) : v),
        schema,
      );
    }
    case 'money': {
      const { minPence, maxPence } = field;
      return money
        .refine((p) => p >= minPence, `Enter at least £${(minPence / 100).toFixed(2)}`)
        .refine(
          (p) => maxPence === undefined || p <= maxPence,
          `Enter no more than £${((maxPence ?? 0) / 100).toFixed(2)}`,
        );
    }
    case 'yesNo':
      return yesNo;
    case 'choice':
      return z.enum(field.options.map((o) => o.value) as [string, ...string[]], {
        error: `Select one of: ${field.options.map((o) => o.value).join(', ')}`,
      });
    case 'ukAddress':
      return ukAddressSchema;
    case 'ukPostcode':
      return postcode;
    case 'nino':
      return nino;
    case 'email':
      return email;
    case 'ukPhone':
      return ukPhone;
  }
};

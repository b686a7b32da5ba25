import { z } from 'zod';
import { calendarDate, EARLIEST_DATE, LATEST_DATE, text as textValue } from './values';

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
    /** Earliest and latest accepted date, ISO YYYY-MM-DD; every date field has both. */
    earliest: z.iso.date().default(EARLIEST_DATE),
    /** 'today': no later than the day the answer is given (a date of birth, say). */
    latest: z.union([z.iso.date(), z.literal('today')]).default(LATEST_DATE),
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

const email = textValue({ max: 254, blank: 'Enter an email address' }).refine(
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
  const total = Number(pounds) * 100 + Number(pence.padEnd(2, '0'));
  if (!Number.isSafeInteger(total)) {
    ctx.addIssue({ code: 'custom', message: 'Enter a smaller amount' });
    return z.NEVER;
  }
  return total;
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

/** A required answer in words: one line, or several for long answers. */
const text = (maxLength: number, multiLine = false) =>
  textValue({ max: maxLength, multiLine, blank: 'Enter an answer' });

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

const schemas = new WeakMap<Field, Map<string, z.ZodType>>();

/**
 * The zod schema that validates and normalises one answer to a field, on the London date
 * `today` the answer is given (built once per field, and per day for relative bounds).
 */
export const answerSchema = (field: Field, today: string = LATEST_DATE): z.ZodType => {
  const day = field.type === 'date' && field.latest === 'today' ? today : '';
  let byDay = schemas.get(field);
  if (!byDay) {
    byDay = new Map();
    schemas.set(field, byDay);
  }
  let schema = byDay.get(day);
  if (!schema) {
    if (byDay.size > 1000) byDay.clear();
    schema = buildAnswerSchema(field, today);
    byDay.set(day, schema);
  }
  return schema;
};

const buildAnswerSchema = (field: Field, today: string): z.ZodType => {
  switch (field.type) {
    case 'text':
      return text(field.maxLength);
    case 'longText':
      return text(field.maxLength, true);
    case 'date':
      return calendarDate({
        earliest: field.earliest,
        latest: field.latest === 'today' ? today : field.latest,
      });
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

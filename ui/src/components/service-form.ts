import { dateParts, EMPTY_DATE, isoDate, type DateParts } from './fields';

/**
 * A service's form as the API describes it (`services { sections { fields } }`), and the
 * values a member of staff keys into it. Values become the answers the intake validates
 * exactly as it validates a web form's: nothing is checked or reshaped here beyond what a
 * form control needs, so the same answer gets the same error on every channel.
 */
export type FieldType =
  | 'text'
  | 'longText'
  | 'date'
  | 'number'
  | 'money'
  | 'yesNo'
  | 'choice'
  | 'ukAddress'
  | 'ukPostcode'
  | 'nino'
  | 'email'
  | 'ukPhone';

export interface FormField {
  id: string;
  label: string;
  hint: string | null;
  type: FieldType;
  required: boolean;
  options: { value: string; label: string }[] | null;
  /** Asked only when another answer has this value. */
  askedWhen: { field: string; equals: string | boolean } | null;
}

export interface ServiceForm {
  id: string;
  name: string;
  description: string;
  sections: { id: string; title: string; fields: FormField[] }[];
}

/** What to ask for in a `services` query to draw a service's form. */
export const SERVICE_FORM = `id name description
  sections { id title fields { id label hint type required options { value label } askedWhen } }`;

export const ADDRESS_PARTS = ['line1', 'line2', 'town', 'county', 'postcode'] as const;
export type AddressParts = Record<(typeof ADDRESS_PARTS)[number], string>;
const EMPTY_ADDRESS: AddressParts = { line1: '', line2: '', town: '', county: '', postcode: '' };

export type AnswerValue = string | DateParts | AddressParts;
export type AnswerValues = Record<string, AnswerValue>;

export const fieldsOf = (form: ServiceForm) => form.sections.flatMap((s) => s.fields);

/** The id of a question's control: the API's error path (`answers.dateOfBirth`) joined with '-'. */
export const answerId = (fieldId: string, part?: string) =>
  ['answers', fieldId, part].filter(Boolean).join('-');

/** Error paths the form shows somewhere else: an address as a whole, on its first line. */
export const answerErrorTargets = (form: ServiceForm): Record<string, string> =>
  Object.fromEntries(
    fieldsOf(form)
      .filter((f) => f.type === 'ukAddress')
      .map((f) => [answerId(f.id), answerId(f.id, 'line1')]),
  );

export const emptyValue = (field: FormField): AnswerValue =>
  field.type === 'date' ? EMPTY_DATE : field.type === 'ukAddress' ? EMPTY_ADDRESS : '';

const YES = ['yes', 'y', 'true'];
const NO = ['no', 'n', 'false'];

/** A value as a form control holds it, from an answer as stored or as it came in a file. */
const valueOf = (field: FormField, given: unknown): AnswerValue => {
  if (given === undefined || given === null) return emptyValue(field);
  if (field.type === 'ukAddress') {
    const parts = typeof given === 'object' ? (given as Record<string, unknown>) : {};
    return Object.fromEntries(
      ADDRESS_PARTS.map((p) => [p, parts[p] === undefined ? '' : String(parts[p])]),
    ) as AddressParts;
  }
  const text = String(given).trim();
  if (field.type === 'date') {
    const dmy = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(text);
    return dmy ? { day: dmy[1]!, month: dmy[2]!, year: dmy[3]! } : dateParts(text);
  }
  if (field.type === 'yesNo') {
    const lower = text.toLowerCase();
    return YES.includes(lower) ? 'yes' : NO.includes(lower) ? 'no' : '';
  }
  return text;
};

/** Every question's value, from answers already given (an imported row, say) or blank. */
export const initialValues = (form: ServiceForm, given: Record<string, unknown> = {}) =>
  Object.fromEntries(fieldsOf(form).map((f) => [f.id, valueOf(f, given[f.id])])) as AnswerValues;

/** One question's answer as the API takes it; undefined when left blank. */
const answerOf = (field: FormField, value: AnswerValue | undefined): unknown => {
  if (value === undefined) return undefined;
  if (field.type === 'date') {
    const parts = value as DateParts;
    // A date that does not exist goes as typed, so the intake's own message explains why.
    const iso = isoDate(parts);
    return iso === '' ? undefined : (iso ?? `${parts.year}-${parts.month}-${parts.day}`);
  }
  if (field.type === 'ukAddress') {
    const parts = value as AddressParts;
    return Object.values(parts).some((p) => p.trim()) ? parts : undefined;
  }
  const text = value as string;
  if (text.trim() === '') return undefined;
  if (field.type === 'yesNo') return text === 'yes';
  return text;
};

/**
 * The answers to send, in the form's order, leaving out questions that are not asked
 * given the answers before them (as the intake decides it) and ones left blank.
 */
export const answersFrom = (form: ServiceForm, values: AnswerValues) => {
  const answers: Record<string, unknown> = {};
  for (const field of fieldsOf(form)) {
    if (!isAsked(field, answers)) continue;
    const answer = answerOf(field, values[field.id]);
    if (answer !== undefined) answers[field.id] = answer;
  }
  return answers;
};

export const isAsked = (field: FormField, answersSoFar: Record<string, unknown>) =>
  !field.askedWhen || answersSoFar[field.askedWhen.field] === field.askedWhen.equals;

/** The questions to show for these values: the unconditional ones and those now asked. */
export const askedFields = (form: ServiceForm, values: AnswerValues): Set<string> => {
  const answers = answersFrom(form, values);
  return new Set(
    fieldsOf(form)
      .filter((f) => isAsked(f, answers))
      .map((f) => f.id),
  );
};

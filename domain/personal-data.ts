import { CASE_STREAM_PREFIX, isCaseEventType } from './events';

/**
 * Personal data sits under each case event's `personal` part. It belongs to one data
 * subject — the applicant of the case — and is encrypted with that subject's key before
 * it is stored. Once the key is destroyed the part reads as erased: the same fields, each
 * value replaced by a visible marker, so every screen and read model still has its shape.
 */
export const ERASED = '[erased]';

/** The data subject whose personal data a stream's events carry, if any. */
export const personalDataSubject = (streamId: string): string | undefined =>
  streamId.startsWith(CASE_STREAM_PREFIX) ? streamId.slice(CASE_STREAM_PREFIX.length) : undefined;

type Personal = Record<string, unknown>;

/**
 * The names (not values) of what a `personal` part holds: kept in the clear beside the
 * ciphertext so an erased event can still say which fields it had.
 */
export const personalFieldNames = (type: string, personal: Personal): string[] => {
  if (type === 'ApplicationSubmitted') return Object.keys((personal.answers ?? {}) as Personal);
  if (type === 'AnswersAmended') {
    return ((personal.changes ?? []) as { field: string }[]).map((c) => c.field);
  }
  return Object.keys(personal);
};

/**
 * The fields of a `personal` part that hold nothing (null, as a satisfaction rating with no
 * comment): nothing to protect, so they still read as null once the subject is erased.
 */
export const emptyPersonalFields = (type: string, personal: Personal): string[] => {
  if (type === 'AnswersAmended') return [];
  const values =
    type === 'ApplicationSubmitted' ? ((personal.answers ?? {}) as Personal) : personal;
  return Object.keys(values).filter((k) => values[k] === null);
};

/** The `personal` part of an event whose subject has been erased. */
export const erasedPersonal = (
  type: string,
  fields: readonly string[],
  empty: readonly string[] = [],
): Personal => {
  const erased = Object.fromEntries(fields.map((f) => [f, empty.includes(f) ? null : ERASED]));
  if (type === 'ApplicationSubmitted') return { answers: erased };
  if (type === 'AnswersAmended') {
    return { changes: fields.map((field) => ({ field, before: ERASED, after: ERASED })) };
  }
  return erased;
};

/**
 * Replaces every value of a record with the erased marker (for read models scrubbing a
 * case), as an erased event reads: what held nothing still holds nothing.
 */
export const eraseValues = (values: Personal): Personal =>
  Object.fromEntries(Object.entries(values).map(([k, v]) => [k, v === null ? null : ERASED]));

export const carriesPersonalData = (type: string, data: Record<string, unknown>): boolean =>
  isCaseEventType(type) && data.personal !== undefined && data.personal !== null;

/**
 * Free text (a log message, an error quoting a value) with anything shaped like an email
 * address, National Insurance number, UK phone number or postcode replaced by a marker.
 */
const PATTERNS: [RegExp, string][] = [
  [/[\w.+-]+@[\w-]+(?:\.[\w-]+)+/g, '[email]'],
  [/\b[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z] ?\d{2} ?\d{2} ?\d{2} ?[A-D]\b/gi, '[nino]'],
  [/(?:\+44\s?|\b0)[1-9](?:[\s-]?\d){8,9}\b/g, '[phone]'],
  [/\b[A-Z]{1,2}\d[A-Z\d]? ?\d[A-Z]{2}\b/gi, '[postcode]'],
];

export const scrub = (text: string): string =>
  PATTERNS.reduce((out, [pattern, marker]) => out.replace(pattern, marker), text);

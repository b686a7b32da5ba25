import { GraphQLRequestError } from '../graphql/client';
import type { ErrorLink } from './error-summary';

/**
 * What a failed submission shows: field errors beside their fields and in the error
 * summary, anything else as the summary's description. Field ids are the API's error
 * paths joined with '-' (`changes-address-postcode`), so forms name their fields that way.
 */
export interface FormErrors {
  byField: Record<string, string>;
  links: ErrorLink[];
  description: string | null;
  attempt: number;
}

export const NO_ERRORS: FormErrors = { byField: {}, links: [], description: null, attempt: 0 };

export const fieldId = (path: readonly (string | number)[]) => path.join('-');

export const hasErrors = (errors: FormErrors) =>
  errors.links.length > 0 || errors.description !== null;

let attempts = 0;

/** Errors found in the browser before anything is sent, keyed by field id. */
export const localErrors = (byField: Record<string, string>): FormErrors => ({
  byField,
  links: Object.entries(byField).map(([id, text]) => ({ id, text })),
  description: null,
  attempt: ++attempts,
});

/**
 * Errors the API gave. `fields` maps an error path's id to the id of the element that
 * shows it when they differ (a path deeper than the form's fields, say); paths the form
 * does not show go in the description.
 */
export const apiErrors = (error: unknown, fields: Record<string, string> = {}): FormErrors => {
  if (!(error instanceof GraphQLRequestError))
    return { ...NO_ERRORS, description: 'Something went wrong: try again', attempt: ++attempts };
  // The form stays as the person left it, so say so: nothing they typed needs typing again.
  if (error.code === 'SERVICE_UNAVAILABLE') {
    return {
      ...NO_ERRORS,
      description:
        'Casework is unavailable just now. What you entered is still here: try again in a few minutes.',
      attempt: ++attempts,
    };
  }
  const byField: Record<string, string> = {};
  const unplaced: string[] = [];
  for (const f of error.fieldErrors) {
    const id = fields[fieldId(f.path)] ?? fieldId(f.path);
    if (document.getElementById(id)) byField[id] ??= f.message;
    else unplaced.push(f.message);
  }
  const placed = Object.keys(byField).length > 0;
  return {
    byField,
    links: Object.entries(byField).map(([id, text]) => ({ id, text })),
    description: !placed ? error.message : unplaced.length ? unplaced.join('. ') : null,
    attempt: ++attempts,
  };
};

/** The messages of the rules that fail, by field id: `failing({ reason: [!reason, 'Enter why'] })`. */
export const failing = (rules: Record<string, [boolean, string]>): Record<string, string> =>
  Object.fromEntries(
    Object.entries(rules)
      .filter(([, [failed]]) => failed)
      .map(([id, [, message]]) => [id, message]),
  );

/** A field's id and the error shown beside it, found by that id: `<Select {...at(errors.byField, 'team')} />`. */
export const at = (byField: Record<string, string>, id: string) => ({ id, error: byField[id] });

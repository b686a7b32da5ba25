import { currentSession, signOut } from '../session';

/**
 * The UI's only way to the server: POST /graphql with the signed-in person's bearer
 * token. A response with errors becomes one `GraphQLRequestError` carrying the API's
 * error code, the field errors of BAD_USER_INPUT (for GOV.UK error summaries) and, on
 * CONFLICT, the case's current revision.
 */
export type ErrorCode =
  | 'BAD_USER_INPUT'
  | 'CONFLICT'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'UNAUTHENTICATED'
  | 'SERVICE_UNAVAILABLE'
  | 'INTERNAL'
  | 'NETWORK';

export interface FieldError {
  /** Where the problem is, as the API names it: `['reasons']`, `['changes', 'address', 'postcode']`. */
  path: string[];
  message: string;
}

interface WireError {
  message: string;
  path?: (string | number)[];
  extensions?: {
    code?: string;
    fieldErrors?: { path: (string | number)[]; message: string }[];
    currentRevision?: string;
  };
}

const KNOWN_CODES: ErrorCode[] = [
  'BAD_USER_INPUT',
  'CONFLICT',
  'FORBIDDEN',
  'NOT_FOUND',
  'UNAUTHENTICATED',
  'SERVICE_UNAVAILABLE',
  'INTERNAL',
];

/** What a person reads while the back office cannot reach its database or queue. */
export const UNAVAILABLE = 'Casework is unavailable just now: try again in a few minutes';

export class GraphQLRequestError extends Error {
  override readonly name = 'GraphQLRequestError';
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly fieldErrors: FieldError[] = [],
    readonly currentRevision: string | null = null,
  ) {
    super(message);
  }

  static from(errors: WireError[]): GraphQLRequestError {
    const first = errors[0]!;
    const code = KNOWN_CODES.find((c) => c === first.extensions?.code) ?? 'INTERNAL';
    const fieldErrors = errors.flatMap(
      (e) =>
        e.extensions?.fieldErrors?.map((f) => ({ path: f.path.map(String), message: f.message })) ??
        [],
    );
    return new GraphQLRequestError(
      code,
      first.message,
      fieldErrors,
      first.extensions?.currentRevision ?? null,
    );
  }
}

export const isConflict = (error: unknown): error is GraphQLRequestError =>
  error instanceof GraphQLRequestError && error.code === 'CONFLICT';

/** `token` stands in for the session's while a sign-in checks the token it was given. */
export const graphql = async <T>(
  query: string,
  variables: Record<string, unknown> = {},
  token = currentSession()?.token,
): Promise<T> => {
  let response: Response;
  try {
    response = await fetch('/graphql', {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        accept: 'application/graphql-response+json, application/json',
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      body: JSON.stringify({ query, variables }),
    });
  } catch {
    throw new GraphQLRequestError('NETWORK', 'Casework cannot be reached: check your connection');
  }
  const body = (await response.json().catch(() => ({}))) as {
    data?: T | null;
    errors?: WireError[];
  };
  if (body.errors?.length) {
    const error = GraphQLRequestError.from(body.errors);
    // An expired or unknown token: the person has to sign in again.
    if (error.code === 'UNAUTHENTICATED') signOut();
    throw error;
  }
  // An outage with no GraphQL answer at all (a proxy's page, say) is still an outage.
  if (response.status === 503) throw new GraphQLRequestError('SERVICE_UNAVAILABLE', UNAVAILABLE);
  if (!response.ok || !body.data) {
    throw new GraphQLRequestError('INTERNAL', `Casework answered ${response.status}: try again`);
  }
  return body.data;
};

/**
 * Telling an outage from a fault. When PostgreSQL, Redis or EventStoreDB cannot be reached,
 * the back office is unavailable: requests answer 503 ("try again later"), never "sign in
 * again" or a 500, and projections wait for the service to return instead of counting the
 * failure against the event they were applying.
 */

/**
 * A service the back office needs is missing or unreachable; the message is one clear
 * line for a person to act on (what to start or set), never a stack trace.
 */
export class ServiceUnavailable extends Error {
  override readonly name = 'ServiceUnavailable';
}

/** Network failures, as Node reports them. */
const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ECONNABORTED',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ERR_JWKS_TIMEOUT', // the OIDC provider's key set did not arrive
]);

/**
 * PostgreSQL: connection exceptions (class 08), the server shutting down or starting up
 * (57P01–57P03), too many connections (53300).
 */
const isUnavailableSqlState = (code: string) =>
  code.startsWith('08') || ['57P01', '57P02', '57P03', '53300'].includes(code);

/** What node-postgres, pg-pool and ioredis say when their connection is gone. */
const CONNECTION_GONE = [
  /^Connection terminated/,
  /^timeout exceeded when trying to connect/,
  /is not queryable$/,
  /^Connection is closed\.?$/,
  /^Stream isn't writeable/,
  /^Reached the max retries per request limit/,
];

/** EventStoreDB client errors meaning the server or its leader cannot be reached. */
const UNAVAILABLE_NAMES = new Set([
  'ServiceUnavailable',
  'UnavailableError',
  'DeadlineExceededError',
  'NotLeaderError',
  'MaxRetriesPerRequestError',
]);

const isOwnOutage = (error: object): boolean => {
  const { code, name, message } = error as { code?: unknown; name?: unknown; message?: unknown };
  if (typeof name === 'string' && UNAVAILABLE_NAMES.has(name)) return true;
  if (typeof code === 'string' && (NETWORK_CODES.has(code) || isUnavailableSqlState(code))) {
    return true;
  }
  return typeof message === 'string' && CONNECTION_GONE.some((pattern) => pattern.test(message));
};

/** Whether an error (or what caused it) says a service cannot be reached, rather than a fault. */
export const isOutage = (error: unknown): boolean => {
  const seen = new Set<unknown>();
  const pending: unknown[] = [error];
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    if (next === null || typeof next !== 'object' || seen.has(next)) continue;
    seen.add(next);
    if (isOwnOutage(next)) return true;
    const { cause, errors, thrownValue } = next as {
      cause?: unknown;
      errors?: unknown;
      thrownValue?: unknown;
    };
    // graphql-js wraps what is not an Error of its realm, keeping it as `thrownValue`.
    pending.push(cause, thrownValue);
    // Node reports a failed connection to several addresses as an AggregateError.
    if (Array.isArray(errors)) pending.push(...errors);
  }
  return false;
};

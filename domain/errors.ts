import type { ZodError } from 'zod';
import type { FieldError } from './case-type';

/** A zod error's issues as field errors, each path under `prefix` (where the value sat). */
export const fieldErrorsOf = (error: ZodError, prefix: (string | number)[] = []): FieldError[] =>
  error.issues.map((issue) => ({
    path: [...prefix, ...issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p))],
    message: issue.message,
  }));

/**
 * Errors a person can act on. Each maps to one HTTP status and one GraphQL code, in one
 * place in the API; anything else is a fault of ours.
 */
export abstract class DomainError extends Error {
  abstract readonly code: 'BAD_USER_INPUT' | 'CONFLICT' | 'FORBIDDEN' | 'NOT_FOUND';
}

/** The command does not apply to a case in its current status. */
export class InvalidTransition extends DomainError {
  override readonly name = 'InvalidTransition';
  readonly code = 'CONFLICT';
  constructor(
    readonly status: string,
    readonly command: string,
    detail?: string,
  ) {
    super(detail ?? `Cannot ${command} a case that is ${status.replace(/_/g, ' ')}`);
  }
}

/** The input breaks the service's rules; every problem is listed with its field path. */
export class ValidationFailed extends DomainError {
  override readonly name = 'ValidationFailed';
  readonly code = 'BAD_USER_INPUT';
  constructor(readonly errors: FieldError[]) {
    super(
      errors
        .map((e) => (e.path.length ? `${e.path.join('.')}: ${e.message}` : e.message))
        .join('; '),
    );
  }
}

/** The rules forbid this person doing this (for example approving their own decision). */
export class NotAllowed extends DomainError {
  override readonly name = 'NotAllowed';
  readonly code = 'FORBIDDEN';
}

export class CaseNotFound extends DomainError {
  override readonly name = 'CaseNotFound';
  readonly code = 'NOT_FOUND';
  constructor(readonly caseRef: string) {
    super(`No case ${caseRef}`);
  }
}

/** The same idempotency key was used before for a different submission. */
export class IdempotencyKeyReused extends DomainError {
  override readonly name = 'IdempotencyKeyReused';
  readonly code = 'CONFLICT';
  constructor(readonly key: string) {
    super(`Idempotency key ${key} was already used for a different application`);
  }
}

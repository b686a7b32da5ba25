import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { jsonShapeProblem } from '../domain/values';
import { ZodError } from 'zod';
import {
  DomainError,
  fieldErrorsOf,
  IdempotencyKeyReused,
  ValidationFailed,
} from '../domain/errors';
import type { FieldError } from '../domain/case-type';
import { isOutage, ServiceUnavailable } from '../eventstore/outage';
import { EventIdConflict, WrongExpectedRevision } from '../eventstore/port';

/**
 * The one place errors become HTTP statuses and GraphQL codes. A person's mistake gets a
 * 4xx with what to fix (field paths included); anything else is our fault: a 500 with
 * no internals, logged with its stack.
 */
export type ErrorCode =
  | 'BAD_USER_INPUT'
  | 'CONFLICT'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'UNAUTHENTICATED'
  | 'SERVICE_UNAVAILABLE'
  | 'INTERNAL';

export interface Problem {
  status: number;
  code: ErrorCode;
  title: string;
  detail: string;
  errors?: FieldError[];
  currentRevision?: string;
}

export class Unauthenticated extends Error {
  override readonly name = 'Unauthenticated';
}

export class Forbidden extends Error {
  override readonly name = 'Forbidden';
}

export class NotFound extends Error {
  override readonly name = 'NotFound';
}

const STATUS: Record<ErrorCode, number> = {
  BAD_USER_INPUT: 400,
  CONFLICT: 409,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  UNAUTHENTICATED: 401,
  SERVICE_UNAVAILABLE: 503,
  INTERNAL: 500,
};

const TITLE: Record<ErrorCode, string> = {
  BAD_USER_INPUT: 'The request is not valid',
  CONFLICT: 'The request conflicts with the current state',
  FORBIDDEN: 'Not allowed',
  NOT_FOUND: 'Not found',
  UNAUTHENTICATED: 'Sign in or give credentials',
  SERVICE_UNAVAILABLE: 'The service is unavailable',
  INTERNAL: 'Something went wrong on our side',
};

/** Seconds a client is asked to wait before trying again after a 503. */
export const RETRY_AFTER_SECONDS = 30;

const problem = (code: ErrorCode, detail: string, extra: Partial<Problem> = {}): Problem => ({
  status: STATUS[code],
  code,
  title: TITLE[code],
  detail,
  ...extra,
});

export const toProblem = (error: unknown): Problem => {
  // Checked first: an outage can surface anywhere, wrapped in anything.
  if (error instanceof ServiceUnavailable || isOutage(error)) {
    return problem(
      'SERVICE_UNAVAILABLE',
      'Casework cannot reach its database or message queue just now. Nothing was lost: try again in a few minutes.',
    );
  }
  if (error instanceof IdempotencyKeyReused) {
    // The same key with another body: the request cannot be processed as sent (RFC 9110 422).
    return { ...problem('CONFLICT', error.message), status: 422 };
  }
  if (error instanceof ValidationFailed)
    return problem('BAD_USER_INPUT', error.message, { errors: error.errors });
  if (error instanceof WrongExpectedRevision) {
    return problem('CONFLICT', 'Someone else changed this case first: reload it and try again', {
      currentRevision: String(error.actualRevision),
    });
  }
  if (error instanceof EventIdConflict) return problem('CONFLICT', error.message);
  if (error instanceof DomainError) return problem(error.code, error.message);
  if (error instanceof ZodError) {
    const errors = fieldErrorsOf(error);
    return problem(
      'BAD_USER_INPUT',
      errors.map((e) => `${e.path.join('.')}: ${e.message}`).join('; '),
      { errors },
    );
  }
  if (error instanceof Unauthenticated) return problem('UNAUTHENTICATED', error.message);
  if (error instanceof Forbidden) return problem('FORBIDDEN', error.message);
  if (error instanceof NotFound) return problem('NOT_FOUND', error.message);
  // PostgreSQL refuses text it cannot store (a NUL character, say): the input's fault.
  if (['22021', '22P05'].includes((error as { code?: string }).code ?? '')) {
    return problem(
      'BAD_USER_INPUT',
      'The request contains characters that cannot be stored, such as a NUL character',
    );
  }
  const fastify = error as FastifyError;
  if (
    typeof fastify.statusCode === 'number' &&
    fastify.statusCode >= 400 &&
    fastify.statusCode < 500
  ) {
    const code: ErrorCode =
      fastify.statusCode === 404
        ? 'NOT_FOUND'
        : fastify.statusCode === 401
          ? 'UNAUTHENTICATED'
          : 'BAD_USER_INPUT';
    return { ...problem(code, fastify.message), status: fastify.statusCode };
  }
  return problem('INTERNAL', 'The error has been logged; try again later');
};

/** Fastify error handler answering `application/problem+json` (RFC 9457). */
export const sendProblem = (error: unknown, request: FastifyRequest, reply: FastifyReply) => {
  const p = toProblem(error);
  if (p.code === 'INTERNAL') request.log.error({ err: error }, 'request failed');
  if (p.code === 'SERVICE_UNAVAILABLE') {
    request.log.warn({ err: error }, 'a service the request needs is unavailable');
  }
  return reply
    .code(p.status)
    .type('application/problem+json')
    .send({ type: 'about:blank', instance: request.url, ...p });
};

/**
 * JSON request bodies are parsed as fastify does (refusing `__proto__` poisoning) and then
 * refused if they are deeper or larger than anything the back office accepts, before any
 * code walks them recursively (a 5,000-deep body would otherwise overflow the stack).
 */
export const boundedJsonBodies = (app: FastifyInstance) => {
  const parse = app.getDefaultJsonParser('error', 'ignore');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) =>
    parse(request, String(body), (error: Error | null, value?: unknown) => {
      if (error) return done(error);
      const shape = jsonShapeProblem(value);
      if (shape) return done(Object.assign(new Error(shape), { statusCode: 400 }));
      done(null, value);
    }),
  );
};

/** Every 503, REST or GraphQL, tells the client when to try again. */
export const retryAfterWhenUnavailable = (app: FastifyInstance) => {
  app.addHook('onSend', async (_request, reply, payload) => {
    if (reply.statusCode === 503 && !reply.hasHeader('retry-after')) {
      void reply.header('retry-after', String(RETRY_AFTER_SECONDS));
    }
    return payload;
  });
};

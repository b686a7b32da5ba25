import type { FastifyServerOptions } from 'fastify';
import { stdSerializers, type DestinationStream } from 'pino';
import { scrub } from '../domain/personal-data';

/*
 * Structured logs (pino, through fastify) that never carry personal data. Known places
 * for it — answers, personal parts, GraphQL variables, credentials — are redacted by
 * path; requests are logged by the route they matched; free text (a message,
 * an error from the database quoting a value) is scrubbed of anything shaped like an
 * email address, National Insurance number, UK phone number or postcode (`scrub`).
 */

const scrubDeep = (value: unknown, depth = 0): unknown => {
  if (typeof value === 'string') return scrub(value);
  if (depth > 6 || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((v) => scrubDeep(v, depth + 1));
  // Requests, replies and errors keep their class: their serializers below scrub them.
  const proto: unknown = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) return value;
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, scrubDeep(v, depth + 1)]));
};

export const REDACTED_PATHS = [
  'answers',
  '*.answers',
  'personal',
  '*.personal',
  'variables',
  '*.variables',
  'body',
  '*.body',
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-api-key"]',
  'res.headers["set-cookie"]',
];

export const loggerOptions = (
  level: string,
  stream?: DestinationStream,
): FastifyServerOptions['logger'] =>
  level === 'silent' && !stream
    ? false
    : {
        level,
        redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
        formatters: { log: (object) => scrubDeep(object) as Record<string, unknown> },
        hooks: {
          logMethod(args, method) {
            method.apply(this, args.map((a) => scrubDeep(a)) as Parameters<typeof method>);
          },
        },
        serializers: {
          // Paths and query strings can carry anything (a name searched for, a reference
          // typed wrongly, a hostile probe): requests are logged by the route they matched,
          // never by what the client sent.
          req: (request: { method: string; routeOptions?: { url?: string }; ip?: string }) => ({
            method: request.method,
            route: request.routeOptions?.url ?? '(no route)',
            remoteAddress: request.ip,
          }),
          // The serialized error is copied to a plain object first: as pino makes it, its
          // prototype is pino's own, which scrubDeep would pass by as a class instance.
          err: (error: Error) =>
            scrubDeep({ ...stdSerializers.err(error) }) as ReturnType<typeof stdSerializers.err>,
        },
        ...(stream ? { stream } : {}),
      };

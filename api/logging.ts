import type { FastifyServerOptions } from 'fastify';
import { stdSerializers, type DestinationStream } from 'pino';
import { scrub } from '../domain/personal-data';

/*
 * Structured logs (pino, through fastify) that never carry personal data. Known places
 * for it — answers, personal parts, GraphQL variables, credentials — are redacted by
 * path; requests are logged without their query strings; free text (a message, a path,
 * an error from the database quoting a value) is scrubbed of anything shaped like an
 * email address, National Insurance number, UK phone number or postcode (`scrub`).
 */

/** Paths are scrubbed as people typed them: `%40` is still an email address's `@`. */
const decoded = (path: string) => {
  try {
    return decodeURIComponent(path);
  } catch {
    return path;
  }
};

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
          // Query strings carry search terms (names, postcodes): requests are logged by path.
          req: (request: { method: string; url: string; ip?: string }) => ({
            method: request.method,
            url: scrub(decoded(request.url.split('?')[0] ?? '')),
            remoteAddress: request.ip,
          }),
          err: (error: Error) =>
            scrubDeep(stdSerializers.err(error)) as ReturnType<typeof stdSerializers.err>,
        },
        ...(stream ? { stream } : {}),
      };

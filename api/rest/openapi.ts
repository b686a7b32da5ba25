import { createHash } from 'node:crypto';
import type { FastifyPluginAsync } from 'fastify';
import { z } from 'zod';
import type { CaseTypeRegistry } from '../../domain/case-types';
import {
  applicationCreatedSchema,
  applicationRequestSchema,
  applicationStatusSchema,
  answersJsonSchema,
  problemSchema,
} from './schemas';
import { webhookRequestSchema } from '../webhook-endpoints';

/**
 * OpenAPI 3.1, generated from the same zod schemas the routes validate with, so the
 * document cannot drift from the behaviour. Served at /api/v1/openapi.json, with a
 * plain docs page at /api/docs that needs nothing from outside the back office.
 */
const jsonSchema = (schema: z.ZodType, io: 'input' | 'output') => {
  const { $schema: _ignored, ...rest } = z.toJSONSchema(schema, {
    io,
    unrepresentable: 'any',
  }) as Record<string, unknown>;
  return rest;
};

const problems = (...statuses: number[]) =>
  Object.fromEntries(
    statuses.map((s) => [
      String(s),
      {
        description: 'Problem details (RFC 9457)',
        content: {
          'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } },
        },
      },
    ]),
  );

export const openApiDocument = (caseTypes: CaseTypeRegistry) => ({
  openapi: '3.1.0',
  info: {
    title: 'Casework intake API',
    version: '1.0.0',
    description:
      'Push applications into the back office from web forms and legacy systems, and follow their progress. Authenticate with `Authorization: Bearer <API key>`.',
  },
  components: {
    securitySchemes: {
      apiKey: {
        type: 'http',
        scheme: 'bearer',
        description: 'An API key made with `casework apikey create`',
      },
    },
    schemas: {
      ApplicationRequest: jsonSchema(applicationRequestSchema, 'input'),
      ApplicationCreated: jsonSchema(applicationCreatedSchema, 'output'),
      ApplicationStatus: jsonSchema(applicationStatusSchema, 'output'),
      Problem: jsonSchema(problemSchema, 'output'),
      WebhookRequest: jsonSchema(webhookRequestSchema, 'input'),
      ...Object.fromEntries(caseTypes.all.map((t) => [`Answers_${t.id}`, answersJsonSchema(t)])),
    },
  },
  security: [{ apiKey: [] }],
  paths: {
    '/api/v1/applications': {
      post: {
        summary: 'Submit an application',
        description:
          'Creates a case. Retrying with the same Idempotency-Key and body returns the same case (200); the same key with another body is refused (422).',
        parameters: [
          {
            name: 'Idempotency-Key',
            in: 'header',
            required: true,
            schema: { type: 'string', minLength: 1, maxLength: 255 },
          },
        ],
        requestBody: {
          required: true,
          content: {
            'application/json': { schema: { $ref: '#/components/schemas/ApplicationRequest' } },
          },
        },
        responses: {
          '201': {
            description: 'Created',
            headers: { Location: { schema: { type: 'string' } } },
            content: {
              'application/json': { schema: { $ref: '#/components/schemas/ApplicationCreated' } },
            },
          },
          '200': {
            description: 'Already submitted with this key',
            content: {
              'application/json': { schema: { $ref: '#/components/schemas/ApplicationCreated' } },
            },
          },
          ...problems(400, 401, 403, 422),
        },
      },
    },
    '/api/v1/applications/{reference}': {
      get: {
        summary: "An application's status (your own submissions only)",
        parameters: [{ name: 'reference', in: 'path', required: true, schema: { type: 'string' } }],
        responses: {
          '200': {
            description: 'OK',
            content: {
              'application/json': { schema: { $ref: '#/components/schemas/ApplicationStatus' } },
            },
          },
          ...problems(401, 403, 404),
        },
      },
    },
    '/api/v1/webhooks': {
      post: {
        summary:
          'Register an endpoint for case events (needs the webhooks scope); the signing secret is shown once',
        requestBody: {
          required: true,
          content: {
            'application/json': { schema: { $ref: '#/components/schemas/WebhookRequest' } },
          },
        },
        responses: {
          '201': { description: 'Created, with its secret' },
          ...problems(400, 401, 403),
        },
      },
      get: {
        summary: 'Your registered endpoints',
        responses: { '200': { description: 'OK' }, ...problems(401, 403) },
      },
    },
    '/api/v1/webhooks/{id}': {
      delete: {
        summary: 'Remove an endpoint',
        parameters: [
          { name: 'id', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } },
        ],
        responses: { '204': { description: 'Removed' }, ...problems(401, 403, 404) },
      },
    },
    '/api/v1/webhooks/{id}/rotate-secret': {
      post: {
        summary: "Replace an endpoint's signing secret",
        parameters: [
          { name: 'id', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } },
        ],
        responses: { '200': { description: 'The new secret' }, ...problems(401, 403, 404) },
      },
    },
    '/api/v1/services': {
      get: {
        summary: 'Every service with its answers schema and an example',
        security: [],
        responses: { '200': { description: 'OK' } },
      },
    },
    '/api/v1/services/{id}': {
      get: {
        summary: "One service's answers schema and an example",
        security: [],
        parameters: [
          {
            name: 'id',
            in: 'path',
            required: true,
            schema: { type: 'string', enum: caseTypes.all.map((t) => t.id) },
          },
        ],
        responses: { '200': { description: 'OK' }, ...problems(404) },
      },
    },
  },
});

const DOCS_STYLE = `body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;line-height:1.5;color:#0b0c0c}
h2{border-top:1px solid #b1b4b6;padding-top:1rem}pre{background:#f3f2f1;padding:1rem;overflow:auto}code{font-size:.95em}
.method{font-weight:700;text-transform:uppercase;margin-right:.5rem}`;

const DOCS_SCRIPT = `
fetch('/api/v1/openapi.json').then(r => r.json()).then(doc => {
  document.getElementById('intro').textContent = doc.info.description;
  const ops = document.getElementById('ops');
  for (const [path, methods] of Object.entries(doc.paths)) for (const [method, op] of Object.entries(methods)) {
    const section = document.createElement('section');
    const h = document.createElement('h2');
    h.innerHTML = '<span class="method"></span><code></code>';
    h.querySelector('.method').textContent = method; h.querySelector('code').textContent = path;
    const p = document.createElement('p'); p.textContent = op.summary + (op.description ? ' — ' + op.description : '');
    const pre = document.createElement('pre'); pre.textContent = JSON.stringify({ parameters: op.parameters, requestBody: op.requestBody, responses: op.responses }, null, 2);
    section.append(h, p, pre); ops.append(section);
  }
  const s = document.createElement('section'); const h = document.createElement('h2'); h.textContent = 'Schemas';
  const pre = document.createElement('pre'); pre.textContent = JSON.stringify(doc.components.schemas, null, 2); s.append(h, pre); ops.append(s);
});
`;

const DOCS_PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Casework intake API</title>
<style>${DOCS_STYLE}</style></head>
<body><main><h1>Casework intake API</h1><p id="intro">Loading the OpenAPI document…</p><div id="ops"></div></main>
<script>${DOCS_SCRIPT}</script></body></html>`;

const sha256 = (text: string) => `'sha256-${createHash('sha256').update(text).digest('base64')}'`;

/** The docs page runs only its own script and style, and reads only the OpenAPI document. */
const DOCS_POLICY = [
  "default-src 'none'",
  `script-src ${sha256(DOCS_SCRIPT)}`,
  `style-src ${sha256(DOCS_STYLE)}`,
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

export const openApiRoutes: FastifyPluginAsync<{ caseTypes: CaseTypeRegistry }> = async (
  app,
  { caseTypes },
) => {
  const document = openApiDocument(caseTypes);
  app.get('/api/v1/openapi.json', async () => document);
  app.get('/api/docs', async (_request, reply) =>
    reply.type('text/html').header('content-security-policy', DOCS_POLICY).send(DOCS_PAGE),
  );
};

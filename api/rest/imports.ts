import type { FastifyPluginAsync } from 'fastify';
import type { Pool } from 'pg';
import { z } from 'zod';
import { APPLICATION_CHANNELS } from '../../domain/channels';
import { ValidationFailed, fieldErrorsOf } from '../../domain/errors';
import type { IntakeContext } from '../../eventstore/intake';
import { importApplications } from '../../workers/import/import';
import { parseRows } from '../../workers/import/rows';
import { Forbidden } from '../problems';

/**
 * Upload a backlog: `POST /api/v1/imports?service=…&channel=…[&key=column]` with a CSV
 * (`text/csv`) or JSON Lines (`application/x-ndjson`) body. Every row goes through the
 * intake; the answer is the summary, with the lines that became exceptions.
 */
const query = z.strictObject({
  service: z.string().min(1),
  channel: z.enum(APPLICATION_CHANNELS),
  key: z.string().min(1).max(100).optional(),
});

const FORMATS: Record<string, 'csv' | 'jsonl'> = {
  'text/csv': 'csv',
  'application/x-ndjson': 'jsonl',
  'application/jsonl': 'jsonl',
};

export const importRoutes: FastifyPluginAsync<{ intake: IntakeContext; pool: Pool }> = async (
  app,
  { intake, pool },
) => {
  app.addContentTypeParser(
    Object.keys(FORMATS),
    { parseAs: 'string', bodyLimit: 10 * 1024 * 1024 },
    (_request, body, done) => done(null, body),
  );
  app.post('/api/v1/imports', { bodyLimit: 10 * 1024 * 1024 }, async (request) => {
    const principal = await request.principal();
    const allowed =
      principal.kind === 'integrator'
        ? principal.scopes.includes('intake')
        : ['team_leader', 'admin'].includes(principal.role);
    if (!allowed)
      throw new Forbidden('Imports are for team leaders, administrators and intake keys');
    const params = query.safeParse(request.query ?? {});
    const format = FORMATS[(request.headers['content-type'] ?? '').split(';')[0]!.trim()];
    const errors = [
      ...(params.success ? [] : fieldErrorsOf(params.error, ['query'])),
      ...(format
        ? []
        : [
            { path: ['headers', 'content-type'], message: 'Send text/csv or application/x-ndjson' },
          ]),
    ];
    if (errors.length || !params.success || !format) throw new ValidationFailed(errors);
    return importApplications(
      { ...intake, pool },
      {
        source: `upload by ${principal.id}`,
        service: params.data.service,
        channel: params.data.channel,
        rows: parseRows(String(request.body ?? ''), format),
        ...(params.data.key ? { keyColumn: params.data.key } : {}),
        operator: { id: principal.id, role: principal.role },
      },
    );
  });
};

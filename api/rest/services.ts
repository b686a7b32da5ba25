import type { FastifyPluginAsync } from 'fastify';
import type { CaseType } from '../../domain/case-type';
import type { CaseTypeRegistry } from '../../domain/case-types';
import { NotFound } from '../problems';
import { answersJsonSchema } from './schemas';

/** Each service's questions as JSON Schema, with a valid example, so integrators need no rekeying guide. */
export const describeService = (caseType: CaseType) => ({
  id: caseType.id,
  name: caseType.name,
  description: caseType.description,
  version: caseType.version,
  referencePrefix: caseType.referencePrefix,
  answersSchema: answersJsonSchema(caseType),
  example: { service: caseType.id, channel: 'web', answers: caseType.example },
});

export const serviceRoutes: FastifyPluginAsync<{ caseTypes: CaseTypeRegistry }> = async (
  app,
  { caseTypes },
) => {
  app.get('/api/v1/services', async () => ({ services: caseTypes.all.map(describeService) }));
  app.get<{ Params: { id: string } }>('/api/v1/services/:id', async (request) => {
    const caseType = caseTypes.byId(request.params.id);
    if (!caseType) throw new NotFound(`No service ${request.params.id}`);
    return describeService(caseType);
  });
};

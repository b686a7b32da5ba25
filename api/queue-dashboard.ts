import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { FastifyAdapter } from '@bull-board/fastify';
import type { Queue } from 'bullmq';
import type { FastifyPluginAsync } from 'fastify';
import { Forbidden, sendProblem } from './problems';

/**
 * The workers' queues for administrators (Bull Board): waiting, delayed, failed and
 * finished jobs, with retry. Job data holds ids only, so nothing personal is shown.
 */
export const DASHBOARD_PATH = '/admin/queues';

export const queueDashboard: FastifyPluginAsync<{ queues: readonly Queue[] }> = async (
  app,
  { queues },
) => {
  const serverAdapter = new FastifyAdapter();
  serverAdapter.setBasePath(DASHBOARD_PATH);
  createBullBoard({ queues: queues.map((q) => new BullMQAdapter(q)), serverAdapter });
  // Answered here rather than thrown: Bull Board's routes have an error handler of their own.
  app.addHook('onRequest', async (request, reply) => {
    try {
      const principal = await request.principal();
      if (principal.kind !== 'staff' || principal.role !== 'admin') {
        throw new Forbidden('The queue dashboard is for administrators');
      }
    } catch (error) {
      return sendProblem(error, request, reply);
    }
  });
  await app.register(serverAdapter.registerPlugin(), { prefix: DASHBOARD_PATH });
};

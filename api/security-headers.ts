import type { FastifyInstance } from 'fastify';

/**
 * Headers every response carries, whatever route answers it (errors and 404s too): no
 * content-type sniffing, and HTTPS only for a year once a browser has seen the back
 * office over HTTPS (browsers ignore the header over plain HTTP, so development is not
 * affected). Pages add their own Content-Security-Policy.
 */
export const securityHeaders = (app: FastifyInstance) => {
  app.addHook('onSend', async (_request, reply, payload) => {
    reply.header('x-content-type-options', 'nosniff');
    reply.header('strict-transport-security', 'max-age=31536000; includeSubDomains');
    return payload;
  });
};

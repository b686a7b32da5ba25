import formBody from '@fastify/formbody';
import type { FastifyPluginAsync } from 'fastify';
import { z } from 'zod';
import { Forbidden, NotFound } from '../problems';
import type { IdentityStore } from './identity-store';
import { issueDevToken } from './tokens';

/**
 * The development identity provider: a sign-in page listing the seeded staff, a token
 * endpoint and its JWKS. Never registered when NODE_ENV=production, and answering only
 * clients on this machine: anyone who reaches it can sign in as anyone.
 */
const isLoopback = (address: string) => /^(127\.|::ffff:127\.)/.test(address) || address === '::1';

const escape = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

export const devIdentityRoutes: FastifyPluginAsync<{ identity: IdentityStore }> = async (
  app,
  { identity },
) => {
  app.addHook('onRequest', async (request) => {
    if (!isLoopback(request.socket.remoteAddress ?? '')) {
      throw new Forbidden('The development sign-in answers only clients on this machine');
    }
  });
  await app.register(formBody);
  app.get('/auth/jwks.json', async () => ({ keys: await identity.publicKeys() }));

  app.get('/auth/sign-in', async (_request, reply) => {
    const staff = await identity.staff();
    const options = staff
      .map(
        (u) =>
          `<option value="${escape(u.id)}">${escape(u.name)} (${escape(u.role.replace('_', ' '))}${u.teams.length ? `: ${escape(u.teams.join(', '))}` : ''})</option>`,
      )
      .join('');
    return reply.type('text/html')
      .send(`<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Sign in – Casework (development)</title></head>
<body><main><h1>Sign in</h1><p>Development identity provider: choose a member of staff.</p>
<form method="post" action="/auth/token"><label for="user">Staff member</label>
<select id="user" name="userId">${options}</select><button type="submit">Sign in</button></form></main></body></html>`);
  });

  // The same list as JSON, for the back-office UI's sign-in page.
  app.get('/auth/staff', async () => ({ staff: await identity.staff() }));

  app.post('/auth/token', async (request) => {
    const { userId } = z.object({ userId: z.string().min(1) }).parse(request.body ?? {});
    const user = await identity.staffUser(userId);
    if (!user) throw new NotFound(`No staff member ${userId}`);
    return { token: await issueDevToken(identity, user), user };
  });
};

import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyPluginAsync, FastifyReply } from 'fastify';

/**
 * Serves the back-office UI (`ui/dist`, built by `npm run build`) at `/`. Any GET for a
 * page address — not the API's own paths, not a file — gets index.html, so the browser
 * app's own router can show it after a reload or from a bookmark. Hashed build files are
 * cached for good; index.html is checked on every visit, so a release shows at once.
 */
export interface UiOptions {
  /** The built UI; by default `ui/dist` in the package. */
  dist?: string;
  /** Where the browser goes and connects to while signing staff in through an OIDC provider. */
  signInOrigins?: () => Promise<string[]>;
}

const API_PATHS = /^\/(graphql|graphiql|api|auth|health|metrics|admin)(\/|$)/;
const FILE = /\/[^/]+\.[A-Za-z0-9]+$/;
/** Build output and the design systems' fonts carry a content hash in their names. */
const HASHED = /-[A-Za-z0-9_-]{8,}(-v\d+)?\.[A-Za-z0-9]+$/;

/**
 * Everything the page loads is its own: scripts, styles, fonts, and the API (including
 * WebSockets). Signing in through an OIDC provider adds the provider's origins: the page
 * fetches its discovery document and exchanges the code at its token endpoint
 * (connect-src), and leaves for its sign-in and sign-out pages (form-action, which also
 * covers where a form's submission is redirected).
 */
export const contentSecurityPolicy = (signInOrigins: readonly string[] = []) => {
  const selfAnd = (directive: string) => [directive, "'self'", ...signInOrigins].join(' ');
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    selfAnd('connect-src'),
    "object-src 'none'",
    "base-uri 'self'",
    selfAnd('form-action'),
    "frame-ancestors 'none'",
  ].join('; ');
};

const packageRoot = () => {
  let dir = __dirname;
  while (!existsSync(join(dir, 'package.json')) && dirname(dir) !== dir) dir = dirname(dir);
  return dir;
};

export const defaultUiDist = () => join(packageRoot(), 'ui', 'dist');

const setCaching = (reply: FastifyReply, path: string) => {
  if (path.endsWith('.html')) {
    reply
      .header('cache-control', 'no-cache')
      .header('x-content-type-options', 'nosniff')
      .header('referrer-policy', 'same-origin');
  } else {
    reply.header(
      'cache-control',
      HASHED.test(path) ? 'public, max-age=31536000, immutable' : 'public, max-age=3600',
    );
  }
};

const NOT_BUILT = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Casework</title></head>
<body><main><h1>The back-office UI is not built</h1>
<p>Run <code>npm run build</code> (or <code>npm start</code>, which builds it) and reload this page.
The API is running: GraphQL at <a href="/graphql">/graphql</a>, REST at <a href="/api/docs">/api/docs</a>.</p></main></body></html>`;

export const uiRoutes: FastifyPluginAsync<UiOptions> = async (
  app,
  { dist = defaultUiDist(), signInOrigins = async () => [] },
) => {
  if (!existsSync(join(dist, 'index.html'))) {
    app.get('/', async (_request, reply) =>
      reply.type('text/html').header('cache-control', 'no-store').send(NOT_BUILT),
    );
    return;
  }
  app.addHook('onSend', async (_request, reply, payload) => {
    if (String(reply.getHeader('content-type')).startsWith('text/html')) {
      reply.header('content-security-policy', contentSecurityPolicy(await signInOrigins()));
    }
    return payload;
  });
  await app.register(fastifyStatic, {
    root: dist,
    prefix: '/',
    wildcard: false,
    index: false,
    cacheControl: false,
    setHeaders: setCaching,
  });
  app.get('/*', async (request, reply) => {
    const path = request.url.split('?')[0]!;
    if (API_PATHS.test(path) || FILE.test(path)) return reply.callNotFound();
    return reply.sendFile('index.html');
  });
};

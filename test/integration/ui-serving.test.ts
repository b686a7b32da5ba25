import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { openTestApi, type TestApi } from '../support/api';

/** The API process serves the built back-office UI at `/`, beside the API's own paths. */
describe('serving the back-office UI', () => {
  let api: TestApi;
  let ui: FastifyInstance;
  let dist: string;
  beforeAll(async () => {
    dist = mkdtempSync(join(tmpdir(), 'casework-ui-'));
    mkdirSync(join(dist, 'assets', 'images'), { recursive: true });
    writeFileSync(join(dist, 'index.html'), '<!doctype html><title>Casework</title>');
    writeFileSync(join(dist, 'assets', 'index-Buw_AxP4.js'), 'console.log(1)');
    writeFileSync(join(dist, 'assets', 'images', 'favicon.svg'), '<svg/>');
    api = await openTestApi('ui');
    ui = await api.anotherServer({ uiDist: dist });
  });
  afterAll(async () => {
    await api.close();
    rmSync(dist, { recursive: true, force: true });
  });

  it.each(['/', '/queues/my-cases', '/cases/0c8a0a52-3f7e-4c55-9f3c-1c1d2a9f6a11/audit'])(
    'answers the page address %s with index.html, checked on every visit, under a strict CSP',
    async (url) => {
      const response = await ui.inject(url);
      expect(response.statusCode).toBe(200);
      expect(response.headers['content-type']).toMatch(/^text\/html/);
      expect(response.body).toContain('<title>Casework</title>');
      expect(response.headers['cache-control']).toBe('no-cache');
      expect(response.headers['content-security-policy']).toContain("script-src 'self'");
    },
  );

  it('caches hashed build files for good and other files for an hour', async () => {
    const script = await ui.inject('/assets/index-Buw_AxP4.js');
    expect(script.statusCode).toBe(200);
    expect(script.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    const icon = await ui.inject('/assets/images/favicon.svg');
    expect(icon.headers['cache-control']).toBe('public, max-age=3600');
  });

  it('leaves the API its own answers: unknown API paths and missing files are 404 problems', async () => {
    for (const url of ['/api/v1/nothing-here', '/auth/nothing', '/assets/missing-abcdefgh.js']) {
      const response = await ui.inject(url);
      expect(response.statusCode).toBe(404);
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    }
    const health = await ui.inject('/health/live');
    expect(health.statusCode).toBe(200);
    const graphql = await ui.inject({
      method: 'POST',
      url: '/graphql',
      headers: { 'content-type': 'application/json' },
      payload: { query: '{ services { id } }' },
    });
    expect(graphql.json().errors[0].extensions.code).toBe('UNAUTHENTICATED');
  });

  it('says how to build the UI when it has not been built', async () => {
    const unbuilt = await api.anotherServer({ uiDist: join(dist, 'not-built') });
    const response = await unbuilt.inject('/');
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain('npm run build');
  });
});

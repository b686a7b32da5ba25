import { auditServer, type AuditResult } from 'graphql-http';
import { openTestApi, type TestApi } from '../support/api';

/**
 * The GraphQL endpoint speaks GraphQL over HTTP: the `graphql-http` server audit, run
 * against a real listening server, finds no MUST requirement broken. Its SHOULDs are
 * listed when they warn, so a change in them shows in the test output.
 */
describe('GraphQL over HTTP conformance', () => {
  let api: TestApi;
  let results: AuditResult[];
  beforeAll(async () => {
    api = await openTestApi('graphql_http');
    const address = await api.app.listen({ port: 0, host: '127.0.0.1' });
    results = await auditServer({ url: `${address}/graphql` });
  });
  afterAll(async () => api.close());

  it('passes every MUST of the server audit', () => {
    expect(results.length).toBeGreaterThan(50);
    const broken = results
      .filter((r) => r.name.startsWith('MUST') && r.status !== 'ok')
      .map((r) => `${r.name}: ${'reason' in r ? r.reason : ''}`);
    expect(broken).toEqual([]);
  });

  it('takes a null extensions parameter and answers application/graphql-response+json to those who ask', async () => {
    for (const accept of ['application/json', 'application/graphql-response+json']) {
      const response = await api.app.inject({
        method: 'POST',
        url: '/graphql',
        headers: { 'content-type': 'application/json', accept },
        payload: { query: '{ __typename }', extensions: null },
      });
      expect(response.statusCode).toBe(200);
      expect(response.headers['content-type']).toContain(accept);
      expect(response.json()).toEqual({ data: { __typename: 'Query' } });
    }
  });

  it('leaves the data entry out of a request refused before execution', async () => {
    const response = await api.app.inject({
      method: 'POST',
      url: '/graphql',
      headers: { 'content-type': 'application/json' },
      payload: { query: '{ __typename' },
    });
    expect(response.statusCode).toBe(400);
    const body = response.json();
    expect(body).not.toHaveProperty('data');
    expect(body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
  });
});

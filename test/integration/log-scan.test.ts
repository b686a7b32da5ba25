import { PassThrough } from 'node:stream';
import fc from 'fast-check';
import { fakeAnswers, seededRandom } from '../../cli/seed/fake-answers';
import carers from '../../domain/case-types/carers-support-payment';
import { submitApplication } from '../../eventstore/intake';
import { openTestApi, type TestApi } from '../support/api';
import { runProjections } from '../support/projections';

/**
 * Nothing personal in any log line. Seeded applicants' names, National Insurance numbers,
 * emails, phone numbers and postcodes are sent in every place a request can carry them —
 * paths, query strings, headers, REST bodies right and wrong, GraphQL arguments,
 * variables and malformed documents, JSON that does not parse — to every kind of route,
 * with the server logging at trace level. Afterwards not one of them is in the log.
 */
const SEED = Number(process.env.FC_SEED ?? 20261204);
const APPLICANTS = 12;

describe('the logs', () => {
  let api: TestApi;
  let logs = '';
  let projections: Awaited<ReturnType<typeof runProjections>>;
  beforeAll(async () => {
    const stream = new PassThrough();
    stream.on('data', (chunk: Buffer) => (logs += chunk.toString()));
    api = await openTestApi('log_scan', { logStream: stream });
    projections = await runProjections(api.pool, api.store, api.db.schema, undefined, () => {});
  });
  afterAll(async () => {
    await projections.stop();
    await api.close();
  });

  it('carry none of the personal data that requests carried, whatever the request', async () => {
    const key = await api.apiKey('forms');
    const token = await api.staffToken({
      id: 'aisha.khan',
      name: 'Aisha Khan',
      role: 'caseworker',
      teams: ['carer-claims'],
    });
    // Applicants whose data is unmistakable in a log: no fake name is a common word.
    const applicants = Array.from({ length: APPLICANTS }, (_, i) => {
      const answers = fakeAnswers(carers, seededRandom(SEED + i)) as Record<string, unknown>;
      return {
        ...answers,
        firstName: `Zeb${'q'.repeat(i % 5)}${i}x`,
        lastName: `Quill${i}feather`,
      };
    });
    for (const [i, answers] of applicants.entries()) {
      await submitApplication(api, {
        service: carers.id,
        channel: 'web',
        answers,
        idempotencyKey: `log-scan-${i}`,
        actor: { id: 'forms', role: 'integrator' },
      });
    }
    const address = (a: Record<string, unknown>) =>
      a.address as { postcode: string; line1: string };
    const secretsOf = (a: Record<string, unknown>) => [
      String(a.firstName),
      String(a.lastName),
      String(a.nationalInsuranceNumber),
      String(a.nationalInsuranceNumber).replace(/\s/g, ''),
      String(a.phone),
      String(a.phone).replace(/\s/g, ''),
      address(a).postcode,
      address(a).line1,
    ];
    const personal = (a: Record<string, unknown>) => fc.constantFrom(...secretsOf(a));
    const applicant = fc.constantFrom(...applicants);

    const requestWith = applicant.chain((a) =>
      fc.tuple(fc.constant(a), personal(a), fc.nat(11)).map(([answers, secret, kind]) => {
        const auth = { authorization: `Bearer ${kind % 2 ? token : key}` };
        const gql = (query: string, variables: Record<string, unknown> = {}) => ({
          method: 'POST' as const,
          url: '/graphql',
          headers: { ...auth, 'content-type': 'application/json' },
          payload: JSON.stringify({ query, variables }),
        });
        switch (kind) {
          case 0:
            return {
              method: 'GET' as const,
              url: `/api/v1/applications/${encodeURIComponent(secret)}`,
              headers: auth,
            };
          case 1:
            return {
              method: 'GET' as const,
              url: `/api/v1/nowhere/${encodeURIComponent(secret)}?q=${encodeURIComponent(secret)}`,
              headers: auth,
            };
          case 2:
            return {
              method: 'POST' as const,
              url: '/api/v1/applications',
              headers: {
                authorization: `Bearer ${key}`,
                'idempotency-key': secret,
                'x-note': secret,
              },
              payload: {
                service: carers.id,
                channel: 'web',
                answers: { ...answers, dateOfBirth: secret },
              },
            };
          case 3:
            return {
              method: 'POST' as const,
              url: '/api/v1/applications',
              headers: {
                authorization: `Bearer ${key}`,
                'content-type': 'application/json',
                'idempotency-key': 'k',
              },
              payload: `{"service": "${secret}", "answers": {"firstName": "${secret}"`,
            };
          case 4:
            return gql(`{ search(query: "${secret}") { kind } }`);
          case 5:
            return gql('query($q: String!) { search(query: $q) { kind } }', { q: secret });
          case 6:
            return gql(`{ queue(filter: { text: "${secret}" }, first: "${secret}") { total } }`);
          case 7:
            return gql(
              `mutation { addNote(change: { caseId: "${secret}", expectedRevision: "0" }, text: "${secret}") { revision } }`,
            );
          case 8:
            return gql(`{ case(id: "${secret}") { reference `);
          case 9:
            return gql(
              'mutation($i: SubmitApplicationInput!) { submitApplication(input: $i) { caseId } }',
              {
                i: {
                  service: carers.id,
                  channel: 'phone',
                  idempotencyKey: secret,
                  answers: { ...answers, email: secret },
                },
              },
            );
          case 10:
            return {
              method: 'GET' as const,
              url: `/graphql?query=${encodeURIComponent(`{ search(query: "${secret}") { kind } }`)}`,
              headers: { ...auth, 'x-casework-csrf': '1' },
            };
          default:
            return {
              method: 'POST' as const,
              url: '/api/v1/imports?service=carers-support-payment&channel=post',
              headers: { authorization: `Bearer ${key}`, 'content-type': 'application/x-ndjson' },
              payload: `${JSON.stringify({ ...answers, nationalInsuranceNumber: secret })}\n{"firstName": "${secret}"\n`,
            };
        }
      }),
    );
    await fc.assert(
      fc.asyncProperty(requestWith, async (request) => {
        const response = await api.app.inject(request);
        expect(response.statusCode).toBeLessThan(500);
      }),
      { numRuns: 600, seed: SEED },
    );
    // Logged at all: the scan is not of an empty log.
    expect(logs.split('\n').length).toBeGreaterThan(600);
    const leaked = applicants
      .flatMap(secretsOf)
      .filter((secret) => logs.toLowerCase().includes(secret.toLowerCase()));
    const lines = logs
      .split('\n')
      .filter((l) => leaked.some((s) => l.toLowerCase().includes(s.toLowerCase())));
    expect({ leaked, example: lines.slice(0, 6) }).toEqual({ leaked: [], example: [] });
  }, 120_000);
});

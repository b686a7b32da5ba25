import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import carers from '../../domain/case-types/carers-support-payment';
import { executeCaseCommand } from '../../eventstore/case-commands';
import { isPublicAddress } from '../../workers/legacy-sync/destination';
import { openTestApi, type TestApi } from '../support/api';
import { expectCaughtUp } from '../support/caught-up';
import { eventually } from '../support/eventually';
import { runTestWorkers } from '../support/workers';

/**
 * Webhooks carry decrypted case data, so they go only where they should: nothing to a
 * revoked key's endpoints from the moment it is revoked (jobs already queued included),
 * and — outside development and tests — only HTTPS to public addresses, checked when an
 * endpoint is registered and again when each delivery connects.
 */
const receiver = async () => {
  const received: string[] = [];
  const server: Server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString()));
    request.on('end', () => {
      received.push(body);
      response.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/events`,
    received,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
};

describe('where webhooks may go', () => {
  let api: TestApi;
  let legacy: Awaited<ReturnType<typeof receiver>>;
  beforeAll(async () => {
    api = await openTestApi('webhook_destinations');
    legacy = await receiver();
  });
  afterAll(async () => {
    await legacy.close();
    await api.close();
  });

  it('knows a public address from this machine, private networks and metadata services', () => {
    for (const address of ['8.8.8.8', '2a00:1450:4009:81f::200e', '151.101.0.81'])
      expect({ address, public: isPublicAddress(address) }).toEqual({ address, public: true });
    for (const address of [
      '127.0.0.1',
      '10.1.2.3',
      '172.20.0.1',
      '192.168.1.1',
      '169.254.169.254',
      '100.64.0.1',
      '0.0.0.0',
      '::1',
      '::',
      'fd00::1',
      'fe80::1',
      '::ffff:10.0.0.1',
      '::ffff:127.0.0.1',
      'not an address',
    ])
      expect({ address, public: isPublicAddress(address) }).toEqual({ address, public: false });
  });

  it('refuses at registration, in production rules, anything but HTTPS to a public address', async () => {
    const strict = await api.anotherServer({
      webhookDestinations: { allowPrivateNetworks: false },
    });
    const key = await api.apiKey('crm', ['webhooks']);
    for (const url of [
      legacy.url,
      'https://127.0.0.1/events',
      'https://localhost/events',
      'https://10.0.0.8/events',
      'https://[::1]/events',
      'https://169.254.169.254/latest/meta-data',
      'https://[::ffff:192.168.0.1]/events',
      'https://no-such-host.invalid/events',
    ]) {
      const refused = await strict.inject({
        method: 'POST',
        url: '/api/v1/webhooks',
        headers: { authorization: `Bearer ${key}` },
        payload: { url },
      });
      expect({ url, status: refused.statusCode }).toEqual({ url, status: 400 });
      expect(refused.json().errors[0].path).toEqual(['body', 'url']);
    }
    expect(
      (
        await api.pool.query(
          'select count(*)::int as n from webhook_endpoints where owner like $1',
          ['apikey:%'],
        )
      ).rows[0].n,
    ).toBe(0);
  });

  it('sends nothing to a revoked key’s endpoints, nor to one whose address is private at delivery', async () => {
    const key = await api.apiKey('legacy-crm', ['intake', 'webhooks']);
    const admin = await api.staffToken({ id: 'ruth', name: 'Ruth', role: 'admin', teams: [] });
    const registered = await api.app.inject({
      method: 'POST',
      url: '/api/v1/webhooks',
      headers: { authorization: `Bearer ${key}` },
      payload: { url: legacy.url, events: ['ApplicationSubmitted', 'ApplicationWithdrawn'] },
    });
    expect(registered.statusCode).toBe(201);
    const workers = await runTestWorkers(api, { quiet: true });
    try {
      const submitted = await api.app.inject({
        method: 'POST',
        url: '/api/v1/applications',
        headers: { authorization: `Bearer ${key}`, 'idempotency-key': 'revoked-1' },
        payload: { service: carers.id, channel: 'web', answers: carers.example },
      });
      const { caseId } = submitted.json();
      await eventually(
        async () => (legacy.received.length === 1 ? true : undefined),
        'the first delivery',
      );

      const [apiKey] = (await api.identity.apiKeys()).filter((k) => k.name === 'legacy-crm');
      const revoked = await api.graphql(admin, `mutation { revokeApiKey(id: "${apiKey!.id}") }`);
      expect(revoked.data).toEqual({ revokeApiKey: true });
      // A later event of the key's case: the reactor enqueues nothing for a disabled endpoint…
      await executeCaseCommand(
        api,
        caseId,
        {
          type: 'WithdrawApplication',
          actor: { id: 'ruth', role: 'admin' },
          at: '2026-03-02T11:00:00Z',
          reason: 'The applicant asked',
        },
        { commandId: 'revoked-withdrawal' },
      );
      await expectCaughtUp(api.pool, api.store, workers.names);
      // …and a delivery queued before the revocation finds nothing to send to.
      const job = await workers.workers.queues.legacySync.add('deliver', {
        endpointId: registered.json().id,
        eventId: '00000000-0000-4000-8000-000000000001',
        streamId: `case-${caseId}`,
        revision: '0',
        caseId,
        reference: submitted.json().reference,
        service: carers.id,
        series: 0,
      });
      await eventually(
        async () => ((await job.isCompleted()) ? true : undefined),
        'the queued delivery to finish',
      );
      expect(legacy.received).toHaveLength(1);
    } finally {
      await workers.stop();
    }

    // An endpoint stored pointing at this machine (registered before the rule, or a name
    // that now resolves here) is refused when the delivery connects, in production rules.
    await api.pool.query(
      `insert into webhook_endpoints (id, owner, owner_kind, url, secret, services, events)
       values ('6f1c3a2b-1b4e-4f5a-9c7d-2e1f0a9b8c70', 'ruth', 'staff', $1, 'whsec_x', '{}', '{ApplicationSubmitted}')`,
      [legacy.url.replace('http:', 'https:')],
    );
    const strict = await runTestWorkers(api, {
      quiet: true,
      settings: { webhookAllowPrivateNetworks: false, webhookAttempts: 1 },
    });
    try {
      await api.app.inject({
        method: 'POST',
        url: '/api/v1/applications',
        headers: {
          authorization: `Bearer ${await api.apiKey('forms')}`,
          'idempotency-key': 'private-at-delivery',
        },
        payload: { service: carers.id, channel: 'web', answers: carers.example },
      });
      const failure = await eventually(
        async () =>
          (await api.pool.query<{ error: string }>('select error from failed_deliveries')).rows[0],
        'the delivery to be refused',
      );
      expect(failure.error).toMatch(/not a public address/);
      expect(legacy.received).toHaveLength(1);
    } finally {
      await strict.stop();
    }
  }, 60_000);
});

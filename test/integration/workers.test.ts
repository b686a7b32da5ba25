import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';
import carers from '../../domain/case-types/carers-support-payment';
import { loadCase } from '../../eventstore/case-history';
import { executeCaseCommand } from '../../eventstore/case-commands';
import { submitApplication } from '../../eventstore/intake';
import type { StoredEvent } from '../../eventstore/port';
import type { Workers } from '../../workers';
import { openTestApi, type TestApi } from '../support/api';
import { runTestWorkers } from '../support/workers';
import { eventually } from '../support/eventually';

/**
 * Workers against real Redis and a real HTTP receiver: legacy-sync webhooks signed per
 * Standard Webhooks, retried, failed into the list and retried by an administrator; SLA
 * timers that record warnings and breaches only for clocks still running.
 */
interface Received {
  headers: IncomingHttpHeaders;
  body: string;
}

const receiver = async () => {
  const received: Received[] = [];
  let status = 200;
  const server: Server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString()));
    request.on('end', () => {
      received.push({ headers: request.headers, body });
      response.writeHead(status, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ reference: `LEG-${received.length}` }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/casework-events`,
    received,
    answerWith: (code: number) => (status = code),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
};

describe('workers', () => {
  let api: TestApi;
  let workers: Workers;
  let running: Awaited<ReturnType<typeof runTestWorkers>>;
  let legacy: Awaited<ReturnType<typeof receiver>>;
  let now = new Date('2026-03-02T10:00:00Z');
  const tokens: Record<string, string> = {};

  beforeAll(async () => {
    api = await openTestApi('workers');
    legacy = await receiver();
    running = await runTestWorkers(api, { clock: () => now });
    workers = running.workers;
    api.useWorkers(workers);
    tokens.ada = await api.staffToken({ id: 'ada', name: 'Ada Min', role: 'admin', teams: [] });
  });
  afterAll(async () => {
    await running.stop();
    await legacy.close();
    await api.close();
  });

  const register = async (key: string) => {
    const response = await api.app.inject({
      method: 'POST',
      url: '/api/v1/webhooks',
      headers: { authorization: `Bearer ${key}` },
      payload: { url: legacy.url },
    });
    expect(response.statusCode).toBe(201);
    return response.json() as { id: string; secret: string };
  };
  const submit = async (key: string, idempotencyKey: string) => {
    const response = await api.app.inject({
      method: 'POST',
      url: '/api/v1/applications',
      headers: { authorization: `Bearer ${key}`, 'idempotency-key': idempotencyKey },
      payload: { service: carers.id, channel: 'web', answers: carers.example },
    });
    expect(response.statusCode).toBe(201);
    return response.json() as { caseId: string; reference: string };
  };
  const eventsOf = async (caseId: string, type: string): Promise<StoredEvent[]> =>
    (await loadCase(api.store, caseId)).events.filter((e) => e.type === type);
  const recorded = (caseId: string, type: string, count = 1) =>
    eventually(async () => {
      const events = await eventsOf(caseId, type);
      return events.length >= count ? events : undefined;
    }, `${count} ${type}`);

  it('delivers a new application to its integrator, signed per Standard Webhooks, and records the success', async () => {
    const portal = await api.apiKey('council-portal', ['intake', 'webhooks']);
    const other = await api.apiKey('other-portal', ['intake', 'webhooks']);
    const endpoint = await register(portal);
    await register(other);
    const { caseId, reference } = await submit(portal, 'delivered');

    const [success] = await recorded(caseId, 'LegacySyncSucceeded');
    expect(success!.data).toMatchObject({
      endpointId: endpoint.id,
      externalReference: expect.stringMatching(/^LEG-\d+$/),
      attempts: 1,
    });
    const deliveries = legacy.received.filter((r) => r.body.includes(reference));
    // Only the submitting integrator's endpoint receives the case.
    expect(deliveries).toHaveLength(1);
    const verified = new Webhook(endpoint.secret).verify(
      deliveries[0]!.body,
      deliveries[0]!.headers as Record<string, string>,
    );
    expect(verified).toMatchObject({
      specversion: '1.0',
      type: 'uk.gov.casework.ApplicationSubmitted',
      subject: reference,
      data: { caseId, reference, personal: { answers: { lastName: 'Sample' } } },
    });
    // Job data in Redis carries ids, never the answers.
    const job = (await workers.queues.legacySync.getCompleted()).find(
      (j) => j.data.caseId === caseId,
    );
    expect(JSON.stringify(job?.data)).not.toContain('Sample');
  });

  it('retries a failing endpoint, lists the delivery as failed after the last attempt, and an admin retry delivers it', async () => {
    const key = await api.apiKey('flaky-system', ['intake', 'webhooks']);
    await register(key);
    legacy.answerWith(500);
    const before = legacy.received.length;
    const { caseId, reference } = await submit(key, 'fails');
    const [failure] = await recorded(caseId, 'LegacySyncFailed');
    expect(failure!.data).toMatchObject({ attempts: 3, error: expect.stringMatching(/HTTP 500/) });
    const attempts = legacy.received.slice(before).filter((r) => r.body.includes(reference));
    expect(attempts).toHaveLength(3);
    // The same webhook-id on every attempt, so the receiver can tell a retry from news.
    expect(new Set(attempts.map((a) => a.headers['webhook-id'])).size).toBe(1);

    const listed = await api.graphql(
      tokens.ada!,
      '{ failedDeliveries { id reference attempts error } }',
    );
    const failed = (listed.data?.failedDeliveries as { id: string; reference: string }[]).find(
      (f) => f.reference === reference,
    );
    expect(failed).toMatchObject({ attempts: 3 });

    legacy.answerWith(200);
    const retry = (id: string) =>
      api.graphql(
        tokens.ada!,
        'mutation($id: ID!) { retryFailedDelivery(id: $id) { id retriedBy } }',
        { id },
      );
    expect((await retry(failed!.id)).data?.retryFailedDelivery).toEqual({
      id: failed!.id,
      retriedBy: 'ada',
    });
    const [success] = await recorded(caseId, 'LegacySyncSucceeded');
    expect(success!.data).toMatchObject({ attempts: 1 });
    expect((await retry(failed!.id)).errors?.[0]?.extensions.code).toBe('FORBIDDEN');
    expect((await retry('00000000-0000-4000-8000-000000000000')).errors?.[0]?.extensions.code).toBe(
      'NOT_FOUND',
    );
    expect(await workers.queues.counts()).toContainEqual({
      queue: 'legacy-sync',
      state: 'failed',
      count: expect.any(Number),
    });
    const after = await api.graphql(tokens.ada!, '{ failedDeliveries { reference } }');
    expect(after.data?.failedDeliveries).not.toContainEqual({ reference });
  });

  it('shows administrators the queues on a dashboard, and no one else', async () => {
    const app = await api.anotherServer({ queues: workers.queues.all });
    const caseworker = await api.staffToken({
      id: 'cw',
      name: 'C W',
      role: 'caseworker',
      teams: [],
    });
    const get = (url: string, token?: string) =>
      app.inject({ url, headers: token ? { authorization: `Bearer ${token}` } : {} });
    expect((await get('/admin/queues')).statusCode).toBe(401);
    expect((await get('/admin/queues', caseworker)).statusCode).toBe(403);
    const page = await get('/admin/queues', tokens.ada);
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toMatch(/text\/html/);
    const listed = await get('/admin/queues/api/queues', tokens.ada);
    expect(
      listed
        .json()
        .queues.map((q: { name: string }) => q.name)
        .sort(),
    ).toEqual(['legacy-sync', 'notify', 'sla-timers']);
  });

  const promoteTimers = async () => {
    await eventually(
      async () =>
        (await workers.queues.slaTimers.getJobCounts('wait', 'active')).active ? undefined : true,
      'SLA plans to finish',
    );
    await workers.queues.slaTimers.promoteJobs();
  };

  it('records warnings and breaches, and escalates, when clocks run past their dates', async () => {
    const { caseId } = await submitApplication(api, {
      service: carers.id,
      channel: 'web',
      answers: carers.example,
      idempotencyKey: 'overdue',
      actor: { id: 'portal', role: 'integrator' },
    });
    await eventually(
      async () => ((await workers.queues.slaTimers.getDelayedCount()) >= 4 ? true : undefined),
      'four timers',
    );
    now = new Date('2026-04-15T10:00:00Z');
    await promoteTimers();
    const breaches = await recorded(caseId, 'SlaBreached', 2);
    expect(breaches.map((b) => b.data.clock).sort()).toEqual(['decision', 'first-response']);
    expect(await recorded(caseId, 'SlaWarningRaised', 2)).toHaveLength(2);
    expect(await eventsOf(caseId, 'CaseEscalated')).toHaveLength(1);
    expect((await loadCase(api.store, caseId)).state.priority).toBe('urgent');
    now = new Date('2026-03-02T10:00:00Z');
  });

  it('ignores timers of a paused clock, and re-plans them when the clock resumes', async () => {
    const { caseId } = await submitApplication(api, {
      service: carers.id,
      channel: 'web',
      answers: carers.example,
      idempotencyKey: 'paused',
      actor: { id: 'portal', role: 'integrator' },
    });
    const staff = { id: 'carl', role: 'caseworker' };
    const act = (command: Record<string, unknown>, id: string) =>
      executeCaseCommand(api, caseId, { actor: staff, ...command } as never, { commandId: id });
    await act(
      { type: 'TriageCase', at: '2026-03-02T11:00:00Z', priority: 'normal', team: 'carer-claims' },
      'p1',
    );
    await act({ type: 'AssignCase', at: '2026-03-02T11:05:00Z', assignee: 'carl' }, 'p2');
    await act(
      {
        type: 'RequestInformation',
        at: '2026-03-02T12:00:00Z',
        requestId: '6f1c2a4e-6d0b-4e8a-9a53-3f8e3b1d2c10',
        items: ['Payslips'],
        message: 'Please send payslips',
      },
      'p3',
    );
    now = new Date('2026-05-15T10:00:00Z');
    await promoteTimers();
    await eventually(async () => {
      const counts = await workers.queues.slaTimers.getJobCounts('delayed', 'wait', 'active');
      return Object.values(counts).every((n) => n === 0) ? true : undefined;
    }, 'timers to fire');
    expect(await eventsOf(caseId, 'SlaBreached')).toHaveLength(0);

    await act(
      { type: 'RecordInformationReceived', at: '2026-04-01T09:00:00Z', summary: 'Payslips' },
      'p4',
    );
    await eventually(
      async () => ((await workers.queues.slaTimers.getDelayedCount()) > 0 ? true : undefined),
      're-planned timers',
    );
    await promoteTimers();
    const [breach] = await recorded(caseId, 'SlaBreached');
    // Paused from 2 March to 1 April, the decision deadline moved into May.
    expect(breach!.data).toMatchObject({ clock: 'decision' });
    expect(String(breach!.data.deadlineOn) > '2026-04-24').toBe(true);

    // An extension moves the deadline again: only the new date is breached.
    await act(
      {
        type: 'ExtendClock',
        at: '2026-05-20T09:00:00Z',
        clock: 'decision',
        workingDays: 10,
        reason: 'Complex',
      },
      'p5',
    );
    await eventually(
      async () => ((await workers.queues.slaTimers.getDelayedCount()) > 0 ? true : undefined),
      'timers after the extension',
    );
    now = new Date('2026-07-01T10:00:00Z');
    await promoteTimers();
    const breaches = await recorded(caseId, 'SlaBreached', 2);
    expect(String(breaches[1]!.data.deadlineOn) > String(breach!.data.deadlineOn)).toBe(true);
    now = new Date('2026-03-02T10:00:00Z');
  });
});

import { randomUUID } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import Fastify from 'fastify';
import { jwtVerify } from 'jose';
import carers from '../../domain/case-types/carers-support-payment';
import { sendProblem } from '../../api/problems';
import { notifyCallbackRoutes } from '../../api/rest/notify-callbacks';
import { loadCase } from '../../eventstore/case-history';
import { executeCaseCommand } from '../../eventstore/case-commands';
import { submitApplication } from '../../eventstore/intake';
import { notificationReference } from '../../workers/notify/notify';
import { openTestApi, type TestApi } from '../support/api';
import { runTestWorkers } from '../support/workers';
import { eventually } from '../support/eventually';

/**
 * GOV.UK Notify through the official client, against a local server that checks what
 * Notify checks: the path, the JSON shape and the JWT signed with the API key's secret.
 */
const serviceId = randomUUID();
const secret = randomUUID();
const apiKey = `casework_test-${serviceId}-${secret}`;

interface Sent {
  path: string;
  body: {
    template_id: string;
    reference: string;
    personalisation: Record<string, string>;
  } & Record<string, unknown>;
  id: string;
}

const fakeNotify = async () => {
  const sent: Sent[] = [];
  const problems: string[] = [];
  let mode: 'ok' | 'down' | 'hang-up-after-send' = 'ok';
  const authorised = async (headers: IncomingHttpHeaders) => {
    const token = /^Bearer (.+)$/.exec(headers.authorization ?? '')?.[1] ?? '';
    const { payload } = await jwtVerify(token, new TextEncoder().encode(secret), {
      algorithms: ['HS256'],
    });
    if (payload.iss !== serviceId || typeof payload.iat !== 'number') throw new Error('bad claims');
  };
  const server: Server = createServer((request, response) => {
    let text = '';
    request.on('data', (chunk: Buffer) => (text += chunk.toString()));
    request.on('end', async () => {
      const reply = (status: number, body: unknown) => {
        response.writeHead(status, { 'content-type': 'application/json' });
        response.end(JSON.stringify(body));
      };
      try {
        await authorised(request.headers);
      } catch (error) {
        problems.push(`auth: ${(error as Error).message}`);
        return reply(403, { errors: [{ error: 'AuthError', message: 'Invalid token' }] });
      }
      const url = new URL(request.url ?? '/', 'http://notify');
      if (request.method === 'GET' && url.pathname === '/v2/notifications') {
        const reference = url.searchParams.get('reference');
        return reply(200, {
          notifications: sent
            .filter((s) => s.body.reference === reference)
            .map((s) => ({ id: s.id })),
          links: {},
        });
      }
      const kind = /^\/v2\/notifications\/(email|sms|letter)$/.exec(url.pathname)?.[1];
      if (request.method !== 'POST' || !kind) return reply(404, { errors: [] });
      if (mode === 'down') return reply(500, { errors: [{ error: 'Exception', message: 'down' }] });
      const body = JSON.parse(text) as Sent['body'];
      if (!/^[0-9a-f-]{36}$/.test(body.template_id) || typeof body.reference !== 'string') {
        problems.push(`shape: ${text}`);
        return reply(400, { errors: [{ error: 'BadRequestError', message: 'shape' }] });
      }
      const id = randomUUID();
      sent.push({ path: url.pathname, body, id });
      if (mode === 'hang-up-after-send') {
        mode = 'ok';
        return request.socket.destroy();
      }
      return reply(201, { id, reference: body.reference, content: {}, uri: '', template: {} });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    sent,
    problems,
    setMode: (m: typeof mode) => (mode = m),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
};

describe('GOV.UK Notify', () => {
  let api: TestApi;
  let notify: Awaited<ReturnType<typeof fakeNotify>>;
  let running: Awaited<ReturnType<typeof runTestWorkers>>;

  beforeAll(async () => {
    api = await openTestApi('notify');
    notify = await fakeNotify();
    running = await runTestWorkers(api, {
      settings: {
        webhookAttempts: 1,
        webhookBackoffMs: 10,
        webhookTimeoutMs: 1000,
        notify: { apiKey, baseUrl: notify.url, attempts: 3, backoffMs: 20 },
      },
    });
  });
  afterAll(async () => {
    await running.stop();
    await notify.close();
    await api.close();
  });

  const submit = (key: string, answers: Record<string, unknown> = carers.example) =>
    submitApplication(api, {
      service: carers.id,
      channel: 'web',
      answers,
      idempotencyKey: key,
      actor: { id: 'portal', role: 'integrator' },
    });
  const recorded = (caseId: string, type: string) =>
    eventually(async () => {
      const found = (await loadCase(api.store, caseId)).events.filter((e) => e.type === type);
      return found.length ? found : undefined;
    }, type);

  it('emails the applicant that their application was received, with a reference free of personal data', async () => {
    const { caseId, reference } = await submit('received');
    const [sent] = await recorded(caseId, 'NotificationSent');
    const submitted = (await loadCase(api.store, caseId)).events[0]!;
    const ours = notificationReference(submitted.id);
    expect(sent!.data).toMatchObject({
      reference: ours,
      trigger: 'application-received',
      channel: 'email',
    });
    const messages = notify.sent.filter((s) => s.body.reference === ours);
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatchObject({
      path: '/v2/notifications/email',
      body: {
        template_id: carers.notifications['application-received']!.email,
        email_address: 'morag.sample@example.com',
        personalisation: { reference, name: 'Morag Sample', service: 'Carer Support Payment' },
      },
    });
    expect(sent!.data.notifyId).toBe(messages[0]!.id);
    expect(notify.problems).toEqual([]);
  });

  it('writes to the applicant about the decision when they gave no email address', async () => {
    const { email: _email, ...postal } = carers.example as Record<string, unknown>;
    const { caseId } = await submit('letter', postal);
    const staff = { id: 'carl', role: 'caseworker' };
    await executeCaseCommand(
      api,
      caseId,
      { type: 'AssignCase', actor: staff, at: '2026-03-03T09:00:00Z', assignee: 'carl' },
      { commandId: 'letter-assign' },
    );
    await executeCaseCommand(
      api,
      caseId,
      {
        type: 'RecordDecision',
        actor: staff,
        at: '2026-03-04T09:00:00Z',
        decisionId: randomUUID(),
        outcome: 'awarded',
        reasons: 'Meets the caring conditions',
      },
      { commandId: 'letter-decide' },
    );
    const letter = await eventually(async () => {
      const sent = (await recorded(caseId, 'NotificationSent')).find(
        (e) => e.data.trigger === 'decision-made',
      );
      return sent ? notify.sent.find((s) => s.body.reference === sent.data.reference) : undefined;
    }, 'the decision letter');
    expect(letter.path).toBe('/v2/notifications/letter');
    expect(letter.body.personalisation).toMatchObject({
      address_line_1: 'Morag Sample',
      address_line_2: 'Flat 2/1',
      address_line_5: 'G12 8QQ',
      outcome: 'Awarded',
    });
  });

  it('sends once per reference even when the worker loses the answer after Notify accepted it', async () => {
    notify.setMode('hang-up-after-send');
    const { caseId } = await submit('lost-answer');
    const [sent] = await recorded(caseId, 'NotificationSent');
    expect(notify.sent.filter((s) => s.body.reference === sent!.data.reference)).toHaveLength(1);
  });

  it('retries while Notify is down, then records the failure on the case', async () => {
    notify.setMode('down');
    const { caseId } = await submit('notify-down');
    const [failed] = await recorded(caseId, 'NotificationFailed');
    expect(failed!.data).toMatchObject({
      trigger: 'application-received',
      channel: 'email',
      error: expect.stringMatching(/HTTP 500/),
    });
    notify.setMode('ok');
  });

  it('records delivery receipts sent with the callback token, and refuses any other caller', async () => {
    const { caseId } = await submit('receipts');
    const [sent] = await recorded(caseId, 'NotificationSent');
    const app = Fastify();
    app.setErrorHandler(sendProblem);
    await app.register(notifyCallbackRoutes, {
      pool: api.pool,
      store: api.store,
      token: 'callback-token-0123456789',
      clock: () => new Date('2026-03-02T10:05:00Z'),
    });
    const receipt = (token: string, body: Record<string, unknown>) =>
      app.inject({
        method: 'POST',
        url: '/api/v1/notify/callbacks',
        headers: { authorization: `Bearer ${token}` },
        payload: body,
      });
    const delivered = {
      id: sent!.data.notifyId,
      reference: sent!.data.reference,
      status: 'delivered',
    };
    expect((await receipt('wrong-token-0123456789', delivered)).statusCode).toBe(401);
    expect((await receipt('callback-token-0123456789', { id: 1 })).statusCode).toBe(400);
    expect(
      (await receipt('callback-token-0123456789', { ...delivered, reference: randomUUID() }))
        .statusCode,
    ).toBe(404);
    expect((await receipt('callback-token-0123456789', delivered)).statusCode).toBe(204);
    expect((await receipt('callback-token-0123456789', delivered)).statusCode).toBe(204);
    const receipts = await recorded(caseId, 'NotificationDelivered');
    expect(receipts).toHaveLength(1);
    await app.close();
  });
});

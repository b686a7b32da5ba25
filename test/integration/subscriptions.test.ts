import WebSocket from 'ws';
import carers from '../../domain/case-types/carers-support-payment';
import { liveUpdatesReactor, publishVia, startLiveUpdatesAtHead } from '../../api/live-updates';
import { submitApplication } from '../../eventstore/intake';
import { waitForProjections } from '../../projections/checkpoints';
import { ProjectionRunner } from '../../projections/runner';
import { openTestApi, type TestApi } from '../support/api';
import { runProjections } from '../support/projections';

/** A graphql-transport-ws client, just enough to subscribe and read messages. */
const subscribe = async (url: string, token: string | null, query: string) => {
  const socket = new WebSocket(url, 'graphql-transport-ws');
  const messages: { type: string; payload?: { data?: Record<string, Record<string, string>> } }[] =
    [];
  const waiters: (() => void)[] = [];
  socket.on('message', (raw) => {
    messages.push(JSON.parse(String(raw)));
    for (const w of waiters.splice(0)) w();
  });
  const closed = new Promise<number>((resolve) => socket.on('close', (code) => resolve(code)));
  await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject));
  socket.send(
    JSON.stringify({
      type: 'connection_init',
      payload: token ? { authorization: `Bearer ${token}` } : {},
    }),
  );
  const next = async (predicate: (m: (typeof messages)[number]) => boolean, ms = 10_000) => {
    const deadline = Date.now() + ms;
    for (;;) {
      const found = messages.find(predicate);
      if (found) return found;
      if (Date.now() > deadline)
        throw new Error(`no such message; got ${JSON.stringify(messages)}`);
      await Promise.race([
        new Promise<void>((r) => waiters.push(r)),
        new Promise((r) => setTimeout(r, 100)),
      ]);
    }
  };
  return {
    closed,
    next,
    start: async () => {
      await next((m) => m.type === 'connection_ack');
      socket.send(JSON.stringify({ id: '1', type: 'subscribe', payload: { query } }));
    },
    close: () => socket.close(),
  };
};

describe('GraphQL subscriptions across two API processes', () => {
  let api: TestApi;
  let stopAll: () => Promise<unknown>;
  beforeAll(async () => {
    api = await openTestApi('live', { subscriptions: true });
  });
  afterAll(async () => {
    await stopAll?.();
    await api.close();
  });

  it('delivers a change made through one process to a subscriber on another, in its team only', async () => {
    const projections = await runProjections(api.pool, api.store, api.db.schema);
    await startLiveUpdatesAtHead(api.pool, api.store);
    const publisher = api.app;
    const live = new ProjectionRunner({
      pool: api.pool,
      store: api.store,
      schema: api.db.schema,
      projection: liveUpdatesReactor(api.pool, publishVia(publisher.graphql.pubsub)),
      standbyRetryMs: 100,
    });
    live.start();
    stopAll = async () => {
      await live.stop();
      await projections.stop();
    };
    const other = await api.anotherServer();
    const address = await other.listen({ port: 0, host: '127.0.0.1' });
    const url = `${address.replace('http', 'ws')}/graphql`;

    const alice = await api.staffToken({
      id: 'alice',
      name: 'Alice',
      role: 'caseworker',
      teams: ['carer-claims'],
    });
    const bob = await api.staffToken({
      id: 'bob',
      name: 'Bob',
      role: 'caseworker',
      teams: ['waste-registrations'],
    });
    const refused = await subscribe(url, null, '{ __typename }');
    await refused.closed; // no token: the server closes the socket without acknowledging it
    await expect(refused.next((m) => m.type === 'connection_ack', 200)).rejects.toThrow(
      'no such message',
    );

    const aliceQueue = await subscribe(
      url,
      alice,
      'subscription { queueChanged { caseId type team } }',
    );
    const bobQueue = await subscribe(
      url,
      bob,
      'subscription { queueChanged { caseId type team } }',
    );
    await aliceQueue.start();
    await bobQueue.start();
    await new Promise((r) => setTimeout(r, 1000)); // subscriptions registered on the Redis bus

    const submitted = await submitApplication(api, {
      service: carers.id,
      channel: 'web',
      answers: carers.example,
      idempotencyKey: 'live-1',
      actor: { id: 'web-form', role: 'integrator' },
    });
    await waitForProjections(api.pool, projections.names, submitted.position, 10_000);
    const message = await aliceQueue.next((m) => m.type === 'next');
    expect(message.payload!.data!.queueChanged).toEqual({
      caseId: submitted.caseId,
      type: 'ApplicationSubmitted',
      team: 'carer-claims',
    });

    const caseFeed = await subscribe(
      url,
      alice,
      `subscription { caseUpdated(caseId: "${submitted.caseId}") { revision type status } }`,
    );
    await caseFeed.start();
    await new Promise((r) => setTimeout(r, 1000));
    const response = await api.app.inject({
      method: 'POST',
      url: '/graphql',
      headers: { authorization: `Bearer ${alice}`, 'content-type': 'application/json' },
      payload: {
        query: `mutation { addNote(change: { caseId: "${submitted.caseId}", expectedRevision: "0" }, text: "Rang the applicant") { revision } }`,
      },
    });
    expect(response.json().errors).toBeUndefined();
    const update = await caseFeed.next((m) => m.type === 'next');
    expect(update.payload!.data!.caseUpdated).toEqual({
      revision: '1',
      type: 'NoteAdded',
      status: 'received',
    });
    await expect(bobQueue.next((m) => m.type === 'next', 1000)).rejects.toThrow('no such message');

    // Alice leaves: her subscriptions end at the next message instead of delivering it.
    await api.identity.deactivateStaffUser('alice');
    const later = await submitApplication(api, {
      service: carers.id,
      channel: 'web',
      answers: carers.example,
      idempotencyKey: 'live-2',
      actor: { id: 'web-form', role: 'integrator' },
    });
    await waitForProjections(api.pool, projections.names, later.position, 10_000);
    await aliceQueue.next((m) => m.type === 'complete');
    await expect(
      aliceQueue.next(
        (m) => m.type === 'next' && m.payload?.data?.queueChanged?.caseId === later.caseId,
        500,
      ),
    ).rejects.toThrow('no such message');
    for (const s of [aliceQueue, bobQueue, caseFeed]) s.close();
  });
});

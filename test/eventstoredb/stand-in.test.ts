import { randomUUID } from 'node:crypto';
import {
  ANY,
  BACKWARDS,
  END,
  EventStoreDBClient,
  jsonEvent,
  NO_STREAM,
  START,
  STREAM_EXISTS,
  StreamNotFoundError,
  UnknownError,
  WrongExpectedVersionError,
  type RecordedEvent,
  type AppendToStreamOptions,
  type ReadAllOptions,
  type ReadStreamOptions,
} from '@eventstore/db-client';
import { startEventStoreDbStandIn, type EventStoreDbStandIn } from './stand-in';

let standIn: EventStoreDbStandIn;
let client: EventStoreDBClient;

beforeAll(async () => {
  standIn = await startEventStoreDbStandIn();
  client = EventStoreDBClient.connectionString(standIn.connectionString);
});

afterAll(async () => {
  await client.dispose();
  await standIn.close();
});

const newStream = () => `case-${randomUUID()}`;
const event = (type = 'CaseSubmitted') => jsonEvent({ type, data: { reference: randomUUID() } });

const readStream = async (stream: string, options?: ReadStreamOptions) => {
  const events: RecordedEvent[] = [];
  for await (const resolved of client.readStream(stream, options)) {
    if (resolved.event) events.push(resolved.event);
  }
  return events;
};

const readAll = async (options?: ReadAllOptions) => {
  const events: RecordedEvent[] = [];
  for await (const resolved of client.readAll(options)) {
    if (resolved.event) events.push(resolved.event);
  }
  return events;
};

const refusal = (promise: Promise<unknown>) =>
  promise.then(
    () => Promise.reject(new Error('expected a refusal')),
    (error: unknown) => error,
  );

const revisionsOf = (events: RecordedEvent[]) => events.map((e) => e.revision);

// The client appends through BatchAppend when the server offers it, and through Append when
// a call carries its own credentials: the same rules hold on both.
describe.each<[string, AppendToStreamOptions]>([
  ['BatchAppend', {}],
  ['Append', { credentials: { username: 'admin', password: 'changeit' } }],
])('appending through %s', (_rpc, through) => {
  const append = (stream: string, events: ReturnType<typeof event>[], options = {}) =>
    client.appendToStream(stream, events, { ...through, ...options });

  test('no_stream creates the stream, then is refused with the revision it has', async () => {
    const stream = newStream();
    const created = await append(stream, [event(), event()], { expectedRevision: NO_STREAM });
    expect(created).toMatchObject({ success: true, nextExpectedRevision: 1n });

    const error = await refusal(append(stream, [event()], { expectedRevision: NO_STREAM }));
    expect(error).toBeInstanceOf(WrongExpectedVersionError);
    expect(error).toMatchObject({ actualVersion: 1n, expectedVersion: 'no_stream' });
  });

  test('stream_exists is refused for a missing stream and accepted for an existing one', async () => {
    const stream = newStream();
    const error = await refusal(append(stream, [event()], { expectedRevision: STREAM_EXISTS }));
    expect(error).toMatchObject({ actualVersion: 'no_stream', expectedVersion: 'stream_exists' });

    await append(stream, [event()], { expectedRevision: NO_STREAM });
    const appended = await append(stream, [event()], { expectedRevision: STREAM_EXISTS });
    expect(appended.nextExpectedRevision).toBe(1n);
  });

  test('an exact revision must be the last one, else the actual one comes back', async () => {
    const stream = newStream();
    await append(stream, [event(), event()], { expectedRevision: NO_STREAM });

    for (const stale of [0n, 2n]) {
      const error = await refusal(append(stream, [event()], { expectedRevision: stale }));
      expect(error).toMatchObject({ actualVersion: 1n, expectedVersion: stale });
    }
    const missing = await refusal(append(newStream(), [event()], { expectedRevision: 0n }));
    expect(missing).toMatchObject({ actualVersion: 'no_stream', expectedVersion: 0n });

    const appended = await append(stream, [event()], { expectedRevision: 1n });
    expect(appended.nextExpectedRevision).toBe(2n);
  });

  test('any appends to a missing stream and to an existing one', async () => {
    const stream = newStream();
    await append(stream, [event()], { expectedRevision: ANY });
    const appended = await append(stream, [event()], { expectedRevision: ANY });
    expect(appended.nextExpectedRevision).toBe(1n);
  });

  test('nothing to append succeeds and writes nothing, unless the revision is wrong', async () => {
    const stream = newStream();
    expect(await append(stream, [], { expectedRevision: NO_STREAM })).toMatchObject({
      success: true,
    });
    expect(await refusal(readStream(stream))).toBeInstanceOf(StreamNotFoundError);
    const error = await refusal(append(stream, [], { expectedRevision: STREAM_EXISTS }));
    expect(error).toBeInstanceOf(WrongExpectedVersionError);
  });

  test('the same events again where they were first written: the original result, nothing written', async () => {
    const stream = newStream();
    const first = [event(), event()];
    const second = [event()];
    const created = await append(stream, first, { expectedRevision: NO_STREAM });
    const extended = await append(stream, second, { expectedRevision: 1n });
    await append(stream, [event()], { expectedRevision: 2n });

    expect(await append(stream, first, { expectedRevision: NO_STREAM })).toEqual(created);
    expect(await append(stream, second, { expectedRevision: 1n })).toEqual(extended);
    expect(revisionsOf(await readStream(stream))).toEqual([0n, 1n, 2n, 3n]);
  });

  test('the same ids anywhere but exactly where they were written are refused', async () => {
    const stream = newStream();
    const [a, b] = [event(), event()];
    await append(stream, [a, b], { expectedRevision: NO_STREAM });

    for (const [events, expectedRevision] of [
      [[b], NO_STREAM],
      [[a, b, event()], NO_STREAM],
      [[a], 0n],
    ] as const) {
      const error = await refusal(append(stream, [...events], { expectedRevision }));
      expect(error).toBeInstanceOf(WrongExpectedVersionError);
    }
    expect(await readStream(stream)).toHaveLength(2);
  });

  test('the same events again with any or stream_exists are written again', async () => {
    const stream = newStream();
    const once = event();
    await append(stream, [once], { expectedRevision: ANY });
    await append(stream, [once], { expectedRevision: ANY });
    await append(stream, [once], { expectedRevision: STREAM_EXISTS });

    const ids = (await readStream(stream)).map((e) => e.id);
    expect(ids).toEqual([once.id, once.id, once.id]);
  });
});

describe('reading a stream', () => {
  const stream = newStream();
  const types = ['Submitted', 'Assigned', 'EvidenceRequested', 'Decided', 'Closed'];

  beforeAll(async () => {
    await client.appendToStream(stream, types.map(event), { expectedRevision: NO_STREAM });
  });

  const typesOf = async (options: ReadStreamOptions) =>
    (await readStream(stream, options)).map((e) => e.type);

  test('forwards from the start, from a revision, up to a count', async () => {
    expect(await typesOf({})).toEqual(types);
    expect(await typesOf({ fromRevision: 3n })).toEqual(['Decided', 'Closed']);
    expect(await typesOf({ fromRevision: 1n, maxCount: 2 })).toEqual([
      'Assigned',
      'EvidenceRequested',
    ]);
    expect(await typesOf({ fromRevision: 9n })).toEqual([]);
  });

  test('backwards from the end, from a revision, up to a count', async () => {
    expect(await typesOf({ direction: BACKWARDS, fromRevision: END })).toEqual(
      [...types].reverse(),
    );
    expect(await typesOf({ direction: BACKWARDS, fromRevision: 1n })).toEqual([
      'Assigned',
      'Submitted',
    ]);
    expect(await typesOf({ direction: BACKWARDS, fromRevision: END, maxCount: 1 })).toEqual([
      'Closed',
    ]);
  });

  test('gives each event its data, revision and $all position', async () => {
    const [first] = await readStream(stream, { maxCount: 1 });
    expect(first).toMatchObject({
      streamId: stream,
      revision: 0n,
      type: 'Submitted',
      isJson: true,
    });
    expect(first?.data).toEqual({ reference: expect.any(String) });
    expect(first?.position?.commit).toBeGreaterThan(0n);
  });

  test('a stream that does not exist is not found', async () => {
    const missing = newStream();
    const error = await refusal(readStream(missing));
    expect(error).toBeInstanceOf(StreamNotFoundError);
    expect(error).toMatchObject({ streamName: missing });
  });
});

describe('reading $all', () => {
  test('begins with the system events a fresh node writes', async () => {
    const opening = await readAll({ maxCount: 5 });
    expect(opening.every((e) => e.type.startsWith('$') && e.streamId.startsWith('$'))).toBe(true);
  });

  test('positions: commit equals prepare, and they grow with gaps between events', async () => {
    await client.appendToStream(newStream(), [event(), event(), event()]);
    const positions = (await readAll()).map((e) => e.position);
    for (const [i, position] of positions.entries()) {
      expect(position?.commit).toBe(position?.prepare);
      const previous = positions[i - 1];
      if (previous && position) expect(position.commit - previous.commit).toBeGreaterThan(1n);
    }
  });

  test('forwards from a position includes its event; backwards starts before it', async () => {
    const stream = newStream();
    await client.appendToStream(stream, [event('A'), event('B'), event('C')]);
    const [, middle] = await readStream(stream);
    const fromPosition = middle?.position;

    const forwards = await readAll({ fromPosition, maxCount: 2 });
    expect(forwards.map((e) => e.type)).toEqual(['B', 'C']);
    const backwards = await readAll({ fromPosition, direction: BACKWARDS, maxCount: 1 });
    expect(backwards.map((e) => e.type)).toEqual(['A']);
  });

  test('backwards from the end gives the latest first; from the start, nothing', async () => {
    await client.appendToStream(newStream(), [event('Latest')]);
    expect((await readAll({ direction: BACKWARDS, fromPosition: END, maxCount: 1 }))[0]?.type).toBe(
      'Latest',
    );
    expect(await readAll({ direction: BACKWARDS, fromPosition: START })).toEqual([]);
  });

  test('a position that is not an event boundary is refused', async () => {
    const [first] = await readAll({ maxCount: 1 });
    const inside = (first?.position?.commit ?? 0n) + 1n;
    const error = await refusal(readAll({ fromPosition: { commit: inside, prepare: inside } }));
    expect(error).toBeInstanceOf(UnknownError);
  });
});

import {
  END,
  EventStoreDBClient,
  eventTypeFilter,
  excludeSystemEvents,
  jsonEvent,
  START,
  streamNameFilter,
  UnavailableError,
  UnknownError,
  type Filter,
  type Position,
  type SubscribeToAllOptions,
} from '@eventstore/db-client';
import { eventually } from '../support/eventually';
import { startEventStoreDbStandIn, type EventStoreDbStandIn } from './stand-in';
import { SubscriptionWatch } from './subscription-watch';

// A node of its own per test, so `$all` holds exactly what the test wrote after the
// five system events a fresh node writes.
const SYSTEM_EVENTS = 5;

let standIn: EventStoreDbStandIn;
let client: EventStoreDBClient;

beforeEach(async () => {
  standIn = await startEventStoreDbStandIn();
  client = EventStoreDBClient.connectionString(standIn.connectionString);
});

afterEach(async () => {
  await client.dispose();
  await standIn.close();
});

const append = (stream: string, ...types: string[]) =>
  client.appendToStream(
    stream,
    types.map((type) => jsonEvent({ type, data: {} })),
  );

const subscribe = (options: SubscribeToAllOptions, watch = new SubscriptionWatch()) => {
  const subscription = watch.follow(client.subscribeToAll(options));
  return { watch, subscription };
};

const allPositions = async () => {
  const positions: Position[] = [];
  for await (const { event } of client.readAll()) if (event) positions.push(event.position);
  return positions;
};

test('confirms, catches up, says so, then delivers events as they are appended', async () => {
  await append('case-1', 'Submitted', 'Assigned');
  const { watch } = subscribe({ fromPosition: START });
  await watch.until((w) => w.caughtUpAfter !== undefined);
  expect(watch.confirmed).toBe(true);
  expect(watch.caughtUpAfter).toBe(SYSTEM_EVENTS + 2);

  await append('case-1', 'Decided');
  await watch.until((w) => w.events.length === SYSTEM_EVENTS + 3);
  expect(watch.types.slice(SYSTEM_EVENTS)).toEqual(['Submitted', 'Assigned', 'Decided']);
});

test('excludeSystemEvents leaves out every system event, however it was written', async () => {
  await append('case-1', 'Submitted');
  await client.setStreamMetadata('case-1', { maxAge: 3600 });
  const { watch } = subscribe({ fromPosition: START, filter: excludeSystemEvents() });
  await append('case-1', 'Closed');
  await watch.until((w) => w.types.includes('Closed'));
  expect(watch.types).toEqual(['Submitted', 'Closed']);
});

describe('filters on the server', () => {
  beforeEach(async () => {
    await append('case-1', 'CaseSubmitted', 'EvidenceRequested');
    await append('appeal-7', 'AppealLodged', 'EvidenceRequested');
    await append('case-note-1', 'NoteAdded');
  });

  test.each<[string, Filter, string[]]>([
    [
      'event type prefixes',
      eventTypeFilter({ prefixes: ['Case', 'Appeal'] }),
      ['case-1 CaseSubmitted', 'appeal-7 AppealLodged'],
    ],
    [
      'an event type regex',
      eventTypeFilter({ regex: 'Requested$' }),
      ['case-1 EvidenceRequested', 'appeal-7 EvidenceRequested'],
    ],
    [
      'stream name prefixes',
      streamNameFilter({ prefixes: ['appeal-'] }),
      ['appeal-7 AppealLodged', 'appeal-7 EvidenceRequested'],
    ],
    [
      'a stream name regex',
      streamNameFilter({ regex: '^case-\\d+$' }),
      ['case-1 CaseSubmitted', 'case-1 EvidenceRequested'],
    ],
  ])('%s', async (_name, filter, expected) => {
    const { watch } = subscribe({ fromPosition: START, filter });
    await watch.until((w) => w.caughtUpAfter !== undefined);
    expect(watch.events.map((e) => `${e.streamId} ${e.type}`)).toEqual(expected);
  });
});

test('checkpoints every checkpointInterval × maxSearchWindow events scanned, catching up and live', async () => {
  await append('case-1', 'Matched', 'Other', 'Matched', 'Other', 'Matched', 'Other', 'Other');
  const watch = new SubscriptionWatch();
  const filter = eventTypeFilter({
    prefixes: ['Matched'],
    maxSearchWindow: 2,
    checkpointInterval: 2,
    checkpointReached: watch.checkpointReached,
  });
  subscribe({ fromPosition: START, filter }, watch);
  await watch.until((w) => w.caughtUpAfter !== undefined);
  await append('case-1', 'Other', 'Other', 'Other', 'Matched');
  await watch.until((w) => w.checkpoints.length === 4);

  // Twelve events to catch up on (five of them the node's), four more live: a checkpoint
  // at every fourth event scanned, whether or not it matched.
  const positions = await allPositions();
  expect(watch.checkpoints).toEqual([positions[3], positions[7], positions[11], positions[15]]);
  expect(watch.types).toEqual(['Matched', 'Matched', 'Matched', 'Matched']);
});

test('a subscription from a position starts after it; from the end, with the next append', async () => {
  await append('case-1', 'Submitted', 'Assigned', 'Decided');
  const positions = await allPositions();
  const assigned = positions[SYSTEM_EVENTS + 1];

  const fromAssigned = subscribe({ fromPosition: assigned }).watch;
  const fromEnd = subscribe({ fromPosition: END }).watch;
  await fromEnd.until((w) => w.caughtUpAfter !== undefined);
  await append('case-1', 'Closed');

  await fromAssigned.until((w) => w.types.includes('Closed'));
  await fromEnd.until((w) => w.types.includes('Closed'));
  expect(fromAssigned.types).toEqual(['Decided', 'Closed']);
  expect(fromEnd.types).toEqual(['Closed']);
});

test('a subscription from a position that is not an event boundary is refused', async () => {
  const [first] = await allPositions();
  const inside = (first?.commit ?? 0n) + 1n;
  const { watch } = subscribe({ fromPosition: { commit: inside, prepare: inside } });
  await watch.until((w) => w.error !== undefined);
  expect(watch.error).toBeInstanceOf(UnknownError);
});

test('a subscription the client lets go of leaves nothing running on the node', async () => {
  const { watch, subscription } = subscribe({ fromPosition: START });
  await watch.until((w) => w.caughtUpAfter !== undefined);
  expect(standIn.liveSubscriptions()).toBe(1);

  await subscription.unsubscribe();
  await eventually(
    async () => (standIn.liveSubscriptions() === 0 ? true : undefined),
    'the node to end the cancelled subscription',
  );
});

test('dropSubscriptions ends every live subscription with UNAVAILABLE; resubscribing carries on', async () => {
  await append('case-1', 'Submitted');
  const first = subscribe({ fromPosition: START, filter: excludeSystemEvents() }).watch;
  const second = subscribe({ fromPosition: END }).watch;
  await first.until((w) => w.caughtUpAfter !== undefined);
  await second.until((w) => w.caughtUpAfter !== undefined);

  standIn.dropSubscriptions();
  for (const watch of [first, second]) {
    await watch.until((w) => w.error !== undefined);
    expect(watch.error).toBeInstanceOf(UnavailableError);
  }
  expect(standIn.liveSubscriptions()).toBe(0);

  // The client opens a new connection for the next call; a subscription resumed from the
  // last event seen gets only what came after it.
  await append('case-1', 'Assigned');
  const resumed = subscribe({
    fromPosition: first.events[first.events.length - 1]?.position ?? START,
    filter: excludeSystemEvents(),
  }).watch;
  await resumed.until((w) => w.caughtUpAfter !== undefined);
  expect(resumed.types).toEqual(['Assigned']);
});

import { status, type handleServerStreamingCall } from '@grpc/grpc-js';
import { ReadReq, ReadResp } from '@eventstore/db-client/generated/streams_pb';
import { AllSubscription, type LiveSubscriptions, type ReadCall } from './all-subscription';
import { eventFilterFrom, type EventFilter } from './event-filter';
import type { EventLog, LoggedEvent } from './event-log';
import { readEventOf, streamIdentifier, streamNameOf } from './messages';

const { ReadDirection } = ReadReq.Options;
const StreamRevision = ReadReq.Options.StreamOptions.RevisionOptionCase;
const AllPosition = ReadReq.Options.AllOptions.AllOptionCase;

class InvalidPosition extends Error {
  // The words and status EventStoreDB 23.10 answers with (the client raises UnknownError).
  constructor() {
    super('Trying to read from an invalid position.');
  }
}

/** One stream's events in the asked direction from a revision, or undefined if it has none. */
const streamEvents = (
  log: EventLog,
  options: ReadReq.Options.StreamOptions,
  backwards: boolean,
) => {
  const stream = log.stream(streamNameOf(options.getStreamIdentifier()));
  if (stream.length === 0) return undefined;
  const last = stream.length - 1;
  const asked = options.getRevisionOptionCase();
  const revision = asked === StreamRevision.REVISION ? BigInt(options.getRevision()) : undefined;
  if (!backwards) {
    if (asked === StreamRevision.END || (revision ?? 0n) > BigInt(last)) return [];
    return stream.slice(Number(revision ?? 0n));
  }
  // Backwards from a revision past the end reads from the last event.
  const from = asked === StreamRevision.START ? 0 : Math.min(Number(revision ?? last), last);
  return stream.slice(0, from + 1).reverse();
};

const validPosition = (log: EventLog, options: ReadReq.Options.AllOptions): bigint => {
  const commit = BigInt(options.getPosition()?.getCommitPosition() ?? '0');
  const prepare = BigInt(options.getPosition()?.getPreparePosition() ?? '0');
  if (!log.isValidPosition(commit, prepare)) throw new InvalidPosition();
  return commit;
};

/**
 * `$all` from a position. Forwards includes the event at the position; backwards starts
 * before it, as the server reads back from the record boundary.
 */
const allEvents = (log: EventLog, options: ReadReq.Options.AllOptions, backwards: boolean) => {
  const asked = options.getAllOptionCase();
  // A copy: what a read returns is the log as it stood when the read began.
  if (asked === AllPosition.START) return backwards ? [] : log.events.slice();
  if (asked === AllPosition.END) return backwards ? [...log.events].reverse() : [];
  const index = log.indexAtOrAfter(validPosition(log, options));
  return backwards ? log.events.slice(0, index).reverse() : log.events.slice(index);
};

/** Where a subscription starts: the index of the first event after its position. */
const subscriptionStart = (log: EventLog, options: ReadReq.Options.AllOptions): number => {
  const asked = options.getAllOptionCase();
  if (asked === AllPosition.START) return 0;
  if (asked === AllPosition.END) return log.events.length;
  const position = validPosition(log, options);
  const index = log.indexAtOrAfter(position);
  return log.events[index]?.position === position ? index + 1 : index;
};

function* responses(events: readonly LoggedEvent[], count: bigint, filter?: EventFilter) {
  let sent = 0n;
  for (const event of events) {
    if (sent >= count) return;
    if (filter && !filter.matches(event)) continue;
    sent += 1n;
    yield readEventOf(event);
  }
}

// Writes at the client's pace and stops as soon as the client goes away.
const sendAll = async (call: ReadCall, messages: Iterable<ReadResp>) => {
  for (const message of messages) {
    if (call.cancelled) return;
    if (!call.write(message)) {
      await new Promise<void>((resolve) => {
        const resume = () => {
          call.off('drain', resume);
          call.off('cancelled', resume);
          resolve();
        };
        call.on('drain', resume);
        call.on('cancelled', resume);
      });
    }
  }
  if (!call.cancelled) call.end();
};

const fail = (call: ReadCall, code: status, details: string): void => {
  call.emit('error', { code, details });
};

const streamNotFound = (options: ReadReq.Options.StreamOptions) =>
  new ReadResp().setStreamNotFound(
    new ReadResp.StreamNotFound().setStreamIdentifier(
      streamIdentifier(streamNameOf(options.getStreamIdentifier())),
    ),
  );

/** `Streams.Read`: stream and `$all` reads, and catch-up subscriptions to `$all`. */
export const read =
  (log: EventLog, live: LiveSubscriptions): handleServerStreamingCall<ReadReq, ReadResp> =>
  (call) => {
    const options = call.request.getOptions();
    if (!options) return fail(call, status.INVALID_ARGUMENT, 'Read options are required.');
    const filter = eventFilterFrom(options);
    const backwards = options.getReadDirection() === ReadDirection.BACKWARDS;
    const count = BigInt(options.getCount());
    const stream = options.getStream();
    const all = options.getAll();
    try {
      if (options.hasSubscription()) {
        if (!all) return fail(call, status.UNIMPLEMENTED, 'Only $all subscriptions are served.');
        new AllSubscription(log, call, live, subscriptionStart(log, all), filter);
      } else if (stream) {
        const events = streamEvents(log, stream, backwards);
        void sendAll(call, events ? responses(events, count, filter) : [streamNotFound(stream)]);
      } else if (all) {
        void sendAll(call, responses(allEvents(log, all, backwards), count, filter));
      } else {
        fail(call, status.INVALID_ARGUMENT, 'Read a stream or $all.');
      }
    } catch (error) {
      if (!(error instanceof InvalidPosition)) throw error;
      fail(call, status.UNKNOWN, error.message);
    }
  };

import { status, type handleClientStreamingCall } from '@grpc/grpc-js';
import { Empty } from '@eventstore/db-client/generated/shared_pb';
import { AppendReq, AppendResp } from '@eventstore/db-client/generated/streams_pb';
import type { AppendOutcome, EventLog, ExpectedRevision, ProposedEvent } from './event-log';
import { expectedRevisionFrom, fillSuccess } from './append-outcome';
import { proposedEventFrom, streamNameOf } from './messages';

const Expected = AppendReq.Options.ExpectedStreamRevisionCase;

const expectedRevisionOf = (options: AppendReq.Options): ExpectedRevision =>
  expectedRevisionFrom(
    options.getExpectedStreamRevisionCase(),
    {
      revision: Expected.REVISION,
      noStream: Expected.NO_STREAM,
      streamExists: Expected.STREAM_EXISTS,
    },
    () => options.getRevision(),
  );

const wrongExpectedVersion = (
  current: bigint | 'no_stream',
  expected: ExpectedRevision,
): AppendResp.WrongExpectedVersion => {
  const error = new AppendResp.WrongExpectedVersion();
  if (current === 'no_stream') error.setCurrentNoStream(new Empty());
  else error.setCurrentRevision(current.toString());
  if (typeof expected === 'bigint') error.setExpectedRevision(expected.toString());
  else if (expected === 'no_stream') error.setExpectedNoStream(new Empty());
  else if (expected === 'stream_exists') error.setExpectedStreamExists(new Empty());
  else error.setExpectedAny(new Empty());
  return error;
};

const appendResponse = (outcome: AppendOutcome): AppendResp => {
  if (outcome.kind === 'wrong_expected_version') {
    return new AppendResp().setWrongExpectedVersion(
      wrongExpectedVersion(outcome.current, outcome.expected),
    );
  }
  return new AppendResp().setSuccess(
    fillSuccess(
      new AppendResp.Success(),
      outcome,
      () => new Empty(),
      () => new AppendResp.Position(),
    ),
  );
};

/**
 * `Streams.Append`: options, then one message per event, then the client ends its side.
 * Nothing is written until the end, so an append the client abandons writes nothing.
 */
export const append =
  (log: EventLog): handleClientStreamingCall<AppendReq, AppendResp> =>
  (call, respond) => {
    let options: AppendReq.Options | undefined;
    const events: ProposedEvent[] = [];
    call.on('data', (request: AppendReq) => {
      options ??= request.getOptions();
      const message = request.getProposedMessage();
      if (message) events.push(proposedEventFrom(message));
    });
    call.on('end', () => {
      if (call.cancelled) return;
      if (!options) {
        respond({ code: status.INVALID_ARGUMENT, details: 'Append options come first.' });
        return;
      }
      const streamName = streamNameOf(options.getStreamIdentifier());
      respond(null, appendResponse(log.append(streamName, expectedRevisionOf(options), events)));
    });
  };

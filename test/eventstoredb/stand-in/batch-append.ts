import { status, type handleBidiStreamingCall } from '@grpc/grpc-js';
import { Any } from 'google-protobuf/google/protobuf/any_pb';
import { Empty } from 'google-protobuf/google/protobuf/empty_pb';
import { Code } from '@eventstore/db-client/generated/code_pb';
import { AllStreamPosition, WrongExpectedVersion } from '@eventstore/db-client/generated/shared_pb';
import { Status } from '@eventstore/db-client/generated/status_pb';
import { BatchAppendReq, BatchAppendResp } from '@eventstore/db-client/generated/streams_pb';
import type { AppendOutcome, EventLog, ExpectedRevision, ProposedEvent } from './event-log';
import { expectedRevisionFrom, fillSuccess } from './append-outcome';
import { proposedEventFrom, streamIdentifier, streamNameOf, uuid } from './messages';

const Expected = BatchAppendReq.Options.ExpectedStreamPositionCase;

interface PendingBatch {
  streamName: string;
  expected: ExpectedRevision;
  events: ProposedEvent[];
}

const expectedRevisionOf = (options: BatchAppendReq.Options): ExpectedRevision =>
  expectedRevisionFrom(
    options.getExpectedStreamPositionCase(),
    {
      revision: Expected.STREAM_POSITION,
      noStream: Expected.NO_STREAM,
      streamExists: Expected.STREAM_EXISTS,
    },
    () => options.getStreamPosition(),
  );

/** The error EventStoreDB sends: a google.rpc.Status whose details pack the versions. */
const wrongExpectedVersion = (current: bigint | 'no_stream', expected: ExpectedRevision) => {
  const versions = new WrongExpectedVersion();
  if (current === 'no_stream') versions.setCurrentNoStream(new Empty());
  else versions.setCurrentStreamRevision(current.toString());
  if (typeof expected === 'bigint') versions.setExpectedStreamPosition(expected.toString());
  else if (expected === 'no_stream') versions.setExpectedNoStream(new Empty());
  else if (expected === 'stream_exists') versions.setExpectedStreamExists(new Empty());
  else versions.setExpectedAny(new Empty());
  const details = new Any();
  details.pack(versions.serializeBinary(), 'event_store.client.WrongExpectedVersion');
  return new Status()
    .setCode(Code.FAILED_PRECONDITION)
    .setMessage('Wrong expected version.')
    .setDetails(details);
};

const withExpected = (response: BatchAppendResp, expected: ExpectedRevision) => {
  if (typeof expected === 'bigint') return response.setStreamPosition(expected.toString());
  if (expected === 'no_stream') return response.setNoStream(new Empty());
  if (expected === 'stream_exists') return response.setStreamExists(new Empty());
  return response.setAny(new Empty());
};

const batchResponse = (batch: PendingBatch, outcome: AppendOutcome): BatchAppendResp => {
  const response = withExpected(
    new BatchAppendResp().setStreamIdentifier(streamIdentifier(batch.streamName)),
    batch.expected,
  );
  if (outcome.kind === 'wrong_expected_version') {
    return response.setError(wrongExpectedVersion(outcome.current, outcome.expected));
  }
  return response.setSuccess(
    fillSuccess(
      new BatchAppendResp.Success(),
      outcome,
      () => new Empty(),
      () => new AllStreamPosition(),
    ),
  );
};

/**
 * `Streams.BatchAppend`: one long-lived call per client carries every append, each named
 * by a correlation id. An append may span several requests (options in the first); it is
 * written when its final request arrives and answered on the same call.
 */
export const batchAppend =
  (log: EventLog): handleBidiStreamingCall<BatchAppendReq, BatchAppendResp> =>
  (call) => {
    const pending = new Map<string, PendingBatch>();
    call.on('data', (request: BatchAppendReq) => {
      const correlationId = request.getCorrelationId()?.getString() ?? '';
      const options = request.getOptions();
      if (options) {
        pending.set(correlationId, {
          streamName: streamNameOf(options.getStreamIdentifier()),
          expected: expectedRevisionOf(options),
          events: [],
        });
      }
      const batch = pending.get(correlationId);
      if (!batch) {
        call.emit('error', { code: status.INVALID_ARGUMENT, details: 'Options come first.' });
        return;
      }
      batch.events.push(...request.getProposedMessagesList().map(proposedEventFrom));
      if (!request.getIsFinal()) return;
      pending.delete(correlationId);
      const outcome = log.append(batch.streamName, batch.expected, batch.events);
      call.write(batchResponse(batch, outcome).setCorrelationId(uuid(correlationId)));
    });
    call.on('end', () => call.end());
    call.on('cancelled', () => pending.clear());
  };

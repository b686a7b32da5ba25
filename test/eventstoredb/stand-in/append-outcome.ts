import type { AppendOutcome, ExpectedRevision } from './event-log';

/**
 * What `Streams.Append` and `Streams.BatchAppend` answer alike. Their generated messages
 * are different classes (and even different `Empty`s), so these take the message and an
 * `Empty` maker and use only the setters the two share.
 */
export type Written = Exclude<AppendOutcome, { kind: 'wrong_expected_version' }>;

interface PositionMessage<P> {
  setCommitPosition(value: string): P;
  setPreparePosition(value: string): P;
}

interface SuccessMessage<S, E, P> {
  setNoStream(value: E): S;
  setCurrentRevision(value: string): S;
  setNoPosition(value: E): S;
  setPosition(value: P): S;
}

/** Fills a success: the stream's revision and where the events landed, if any were written. */
export const fillSuccess = <S extends SuccessMessage<S, E, P>, E, P extends PositionMessage<P>>(
  success: S,
  outcome: Written,
  empty: () => E,
  position: () => P,
): S => {
  if (outcome.kind === 'nothing_to_append') {
    if (outcome.revision === 'no_stream') success.setNoStream(empty());
    else success.setCurrentRevision(outcome.revision.toString());
    return success.setNoPosition(empty());
  }
  const at = position()
    .setCommitPosition(outcome.position.toString())
    .setPreparePosition(outcome.position.toString());
  return success.setCurrentRevision(outcome.revision.toString()).setPosition(at);
};

/** The expected revision an append's options name; the two calls number the cases differently. */
export const expectedRevisionFrom = (
  chosen: number,
  cases: { revision: number; noStream: number; streamExists: number },
  revision: () => string,
): ExpectedRevision => {
  if (chosen === cases.revision) return BigInt(revision());
  if (chosen === cases.noStream) return 'no_stream';
  if (chosen === cases.streamExists) return 'stream_exists';
  return 'any';
};

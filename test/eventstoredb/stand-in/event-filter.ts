import { ReadReq } from '@eventstore/db-client/generated/streams_pb';
import type { LoggedEvent } from './event-log';

/** A server-side `$all` filter, and how often a filtered subscription reports a checkpoint. */
export interface EventFilter {
  matches(event: LoggedEvent): boolean;
  /** Events scanned (matching or not) between two checkpoints. */
  checkpointInterval: number;
}

// The window the server searches per read when the client does not choose one.
const DEFAULT_SEARCH_WINDOW = 32;

const { FilterCase, WindowCase } = ReadReq.Options.FilterOptions;

/**
 * As EventStoreDB reads a filter: a non-empty regex wins over prefixes, the regex is not
 * anchored (the client's `excludeSystemEvents` sends `^[^$].*`), and a checkpoint is due
 * every `checkpointIntervalMultiplier × search window` events scanned.
 */
export const eventFilterFrom = (options: ReadReq.Options): EventFilter | undefined => {
  const filter = options.getFilter();
  if (!filter) return undefined;
  const onStreams = filter.getFilterCase() === FilterCase.STREAM_IDENTIFIER;
  const expression = onStreams ? filter.getStreamIdentifier() : filter.getEventType();
  const subject = (event: LoggedEvent) => (onStreams ? event.streamId : event.type);
  const regex = expression?.getRegex() ? new RegExp(expression.getRegex()) : undefined;
  const prefixes = expression?.getPrefixList() ?? [];
  const window =
    filter.getWindowCase() === WindowCase.MAX ? filter.getMax() : DEFAULT_SEARCH_WINDOW;
  return {
    matches: (event) =>
      regex
        ? regex.test(subject(event))
        : prefixes.some((prefix) => subject(event).startsWith(prefix)),
    checkpointInterval: Math.max(1, filter.getCheckpointintervalmultiplier()) * window,
  };
};

import {
  jsonEvent,
  type JSONEventData,
  type Position as EsdbPosition,
} from '@eventstore/db-client';
import type { EventMetadata, StoredEvent } from '../port';
import { positionFrom, positionParts, START, type Position } from '../position';

/**
 * How one of our events is written as an EventStoreDB record. The record's data is the
 * event's data; its metadata is ours (actor, channel, correlation, occurred-at,
 * recorded-at) plus the schema version and the hash-chain link, and EventStoreDB's own
 * `$correlationId`/`$causationId`, so its UI and projections follow our correlations too.
 * Recorded-at is ours, not the server's `created`, so a history keeps its hashes when it
 * moves between stores.
 */
export interface RecordMetadata extends EventMetadata {
  recordedAt: string;
  schemaVersion: number;
  hash: string;
  $correlationId: string;
  $causationId?: string;
}

/** A record as the client reads it, whether from a stream or from `$all`. */
export interface EsdbRecord {
  streamId: string;
  id: string;
  revision: bigint;
  type: string;
  isJson: boolean;
  data: unknown;
  metadata: unknown;
  position?: EsdbPosition;
}

export const toEsdbPosition = (position: Position): EsdbPosition => {
  const [commit, prepare] = positionParts(position);
  return { commit, prepare };
};

export const fromEsdbPosition = (position: EsdbPosition): Position =>
  positionFrom(position.commit, position.prepare);

export const isStart = (position: Position) => position === START;

/** System records (`$`-prefixed types or streams): the server's own, never the product's. */
export const isSystemRecord = (record: Pick<EsdbRecord, 'type' | 'streamId'>) =>
  record.type.startsWith('$') || record.streamId.startsWith('$');

export const toRecord = (event: Omit<StoredEvent, 'position' | 'revision'>): JSONEventData => {
  const metadata: RecordMetadata = {
    ...event.metadata,
    schemaVersion: event.schemaVersion,
    hash: event.hash,
    $correlationId: event.metadata.correlationId,
    ...(event.metadata.causationId ? { $causationId: event.metadata.causationId } : {}),
  };
  return jsonEvent({ id: event.id, type: event.type, data: event.data, metadata });
};

export const fromRecord = (record: EsdbRecord): StoredEvent => {
  if (!record.position) {
    throw new Error(`EventStoreDB gave no position for ${record.streamId}@${record.revision}`);
  }
  if (!record.isJson) {
    throw new Error(`${record.streamId}@${record.revision} is not a JSON event of this product`);
  }
  // EventStoreDB's own correlation keys repeat ours; the hash covers only ours.
  const {
    schemaVersion,
    hash,
    $correlationId: _correlation,
    $causationId: _causation,
    ...metadata
  } = record.metadata as RecordMetadata;
  return {
    id: record.id,
    streamId: record.streamId,
    revision: record.revision,
    position: fromEsdbPosition(record.position),
    type: record.type,
    schemaVersion,
    data: record.data as Record<string, unknown>,
    metadata,
    hash,
  };
};

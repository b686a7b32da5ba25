import { CASE_EVENT_SCHEMA_VERSIONS, isCaseEventType, type CaseEventType } from './events';

/**
 * Events are stored in the shape they had when written and never rewritten. An upcaster
 * turns one stored version of an event type into the next; `upcast` chains them, so
 * projections, replay and the API only ever see the current shape.
 */
type Data = Record<string, unknown>;
type Upcaster = (data: Data) => Data;

const upcasters: Partial<Record<CaseEventType, Record<number, Upcaster>>> = {
  NoteAdded: {
    // Version 1 kept a note's text beside its id, in the clear.
    1: ({ text, ...rest }) => ({ ...rest, personal: { text } }),
  },
  SatisfactionRecorded: {
    // Version 1 kept the applicant's comment beside the rating.
    1: ({ comment, ...rest }) => ({ ...rest, personal: { comment: comment ?? null } }),
  },
};

export interface VersionedData {
  schemaVersion: number;
  data: Data;
}

/** The event's data in its type's current shape; types this domain does not own pass through. */
export const upcast = (type: string, stored: VersionedData): VersionedData => {
  if (!isCaseEventType(type)) return stored;
  const current = CASE_EVENT_SCHEMA_VERSIONS[type];
  let { schemaVersion, data } = stored;
  if (schemaVersion > current) {
    throw new RangeError(
      `${type} version ${schemaVersion} is newer than this release understands (${current})`,
    );
  }
  for (; schemaVersion < current; schemaVersion++) {
    const step = upcasters[type]?.[schemaVersion];
    if (!step) throw new RangeError(`No upcaster for ${type} version ${schemaVersion}`);
    data = step(data);
  }
  return { schemaVersion, data };
};

/** Every version step has an upcaster: checked by the domain tests. */
export const missingUpcasters = (): string[] =>
  Object.entries(CASE_EVENT_SCHEMA_VERSIONS).flatMap(([type, current]) =>
    Array.from({ length: current - 1 }, (_, i) => i + 1)
      .filter((v) => !upcasters[type as CaseEventType]?.[v])
      .map((v) => `${type} v${v}`),
  );

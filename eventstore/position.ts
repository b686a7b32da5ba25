/**
 * A global position: opaque to callers, serialisable (it is a string) and comparable
 * with `<`/`>` or `comparePositions`. Adapters build it from two unsigned 64-bit
 * numbers — PostgreSQL from (transaction id, sequence), EventStoreDB from
 * {commit, prepare} — zero-padded so string order is numeric order.
 */
export type Position = string & { readonly __brand: 'Position' };

const WIDTH = 20; // digits in 2^64 - 1

export const positionFrom = (major: bigint | string, minor: bigint | string): Position =>
  `${String(major).padStart(WIDTH, '0')}/${String(minor).padStart(WIDTH, '0')}` as Position;

export const START: Position = positionFrom(0n, 0n);

const FORMAT = /^\d{20}\/\d{20}$/;

export const isPosition = (value: unknown): value is Position =>
  typeof value === 'string' && FORMAT.test(value);

export const parsePosition = (value: string): Position => {
  if (!isPosition(value)) throw new RangeError(`Not a position: ${value}`);
  return value;
};

export const positionParts = (position: Position): [bigint, bigint] => {
  const [major = '0', minor = '0'] = position.split('/');
  return [BigInt(major), BigInt(minor)];
};

export const comparePositions = (a: Position, b: Position): number => (a < b ? -1 : a > b ? 1 : 0);

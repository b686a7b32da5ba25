import { timingSafeEqual } from 'node:crypto';

/** Whether a token given equals the one expected, in time that says nothing of how much matched. */
export const sameToken = (given: string, expected: string) => {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
};

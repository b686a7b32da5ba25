import { createHash } from 'node:crypto';

/**
 * Name-based UUIDs (RFC 9562 version 5). The same name always gives the same id, which is
 * how a retried submission or job produces the event it produced the first time.
 */
const CASEWORK_NAMESPACE = Buffer.from('6f1c1f6e5a4b4c2e9b7d3a9e8c0d2b11', 'hex');

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Whether text is a UUID: ids from outside are checked before they reach a query. */
export const isUuid = (text: string): boolean => UUID.test(text);

export const nameBasedId = (...parts: string[]): string => {
  const hash = createHash('sha1').update(CASEWORK_NAMESPACE).update(parts.join('\u001f')).digest();
  hash[6] = (hash[6]! & 0x0f) | 0x50;
  hash[8] = (hash[8]! & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
};

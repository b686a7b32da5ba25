import { randomUUID } from 'node:crypto';
import type { EventLog } from './event-log';

const NODE = '127.0.0.1:2113';

const json = (value: unknown) => Buffer.from(JSON.stringify(value), 'utf8');

/**
 * What a fresh node writes before any client: stream metadata for its statistics, the
 * default access settings, the admin user, a first statistics sample. All of it is in
 * `$`-prefixed streams with `$`-prefixed types, and `$all` readers see it first.
 */
const SYSTEM_EVENTS: readonly { stream: string; type: string; data: unknown }[] = [
  { stream: `$$$stats-${NODE}`, type: '$metadata', data: { $maxAge: 86400 } },
  {
    stream: '$settings',
    type: '$settings',
    data: {
      $userStreamAcl: { $r: '$all', $w: '$all', $d: '$all', $mr: '$all', $mw: '$all' },
      $systemStreamAcl: { $r: '$admins', $w: '$admins', $d: '$admins' },
    },
  },
  { stream: '$users', type: '$UserCreated', data: 'admin' },
  {
    stream: '$user-admin',
    type: '$user',
    data: { loginName: 'admin', fullName: 'Event Store Administrator', groups: ['$admins'] },
  },
  { stream: `$stats-${NODE}`, type: '$statsCollected', data: { 'proc-startTime': Date.now() } },
];

export const writeSystemEvents = (log: EventLog): void => {
  for (const { stream, type, data } of SYSTEM_EVENTS) {
    log.append(stream, 'any', [
      {
        id: randomUUID(),
        type,
        contentType: 'application/json',
        data: json(data),
        customMetadata: new Uint8Array(),
      },
    ]);
  }
};

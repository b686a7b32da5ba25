import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import {
  emptyPersonalFields,
  erasedPersonal,
  personalFieldNames,
} from '../../domain/personal-data';

/**
 * How an event's `personal` part is stored: AES-256-GCM under the subject's data key,
 * bound to the event id and subject (so ciphertext cannot be moved to another event),
 * with the names of the fields it holds in the clear so an erased event keeps its shape.
 */
export interface SealedPersonal {
  sealed: {
    subject: string;
    iv: string;
    tag: string;
    ciphertext: string;
    fields: string[];
    /** Those of `fields` that were null (not kept in events sealed before it was). */
    empty?: string[];
  };
}

export const isSealed = (personal: unknown): personal is SealedPersonal =>
  typeof personal === 'object' &&
  personal !== null &&
  typeof (personal as { sealed?: unknown }).sealed === 'object';

const aad = (eventId: string, subject: string) =>
  Buffer.from(`casework:${eventId.toLowerCase()}:${subject}`);

export const seal = (
  key: Buffer,
  subject: string,
  event: { id: string; type: string },
  personal: Record<string, unknown>,
): SealedPersonal => {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv).setAAD(aad(event.id, subject));
  const ciphertext = Buffer.concat([cipher.update(JSON.stringify(personal)), cipher.final()]);
  const empty = emptyPersonalFields(event.type, personal);
  return {
    sealed: {
      subject,
      iv: iv.toString('base64'),
      tag: cipher.getAuthTag().toString('base64'),
      ciphertext: ciphertext.toString('base64'),
      fields: personalFieldNames(event.type, personal),
      ...(empty.length ? { empty } : {}),
    },
  };
};

/** The sealed part decrypted, or its erased form when the subject's key is gone. */
export const open = (
  key: Buffer | null,
  event: { id: string; type: string },
  { sealed }: SealedPersonal,
): Record<string, unknown> => {
  if (!key) return erasedPersonal(event.type, sealed.fields, sealed.empty);
  const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(sealed.iv, 'base64'))
    .setAAD(aad(event.id, sealed.subject))
    .setAuthTag(Buffer.from(sealed.tag, 'base64'));
  const plain = Buffer.concat([
    decipher.update(Buffer.from(sealed.ciphertext, 'base64')),
    decipher.final(),
  ]);
  return JSON.parse(plain.toString('utf8')) as Record<string, unknown>;
};

import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';

/**
 * Wraps and unwraps data keys with a master key the database never sees. This one holds
 * the master key in the process (from configuration); a cloud KMS or an HSM plugs in by
 * implementing the same two calls.
 */
export interface KeyProvider {
  /** Names the master key that wraps new data keys; stored beside each wrapped key. */
  readonly keyId: string;
  /** `context` (the data subject) is bound into the wrapping: a wrapped key cannot be moved to another subject. */
  wrap(dataKey: Buffer, context: string): Promise<Buffer>;
  unwrap(wrapped: Buffer, keyId: string, context: string): Promise<Buffer>;
}

const IV_BYTES = 12;
const TAG_BYTES = 16;

export class KeyUnavailable extends Error {
  override readonly name = 'KeyUnavailable';
}

/** AES-256-GCM key wrapping under a 32-byte master key: iv ‖ tag ‖ ciphertext. */
export const localKeyProvider = (masterKey: Buffer): KeyProvider => {
  if (masterKey.length !== 32) throw new RangeError('The master key must be 32 bytes');
  const keyId = `local:${createHash('sha256').update(masterKey).digest('hex').slice(0, 16)}`;
  return {
    keyId,
    async wrap(dataKey, context) {
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv('aes-256-gcm', masterKey, iv).setAAD(Buffer.from(context));
      const sealed = Buffer.concat([cipher.update(dataKey), cipher.final()]);
      return Buffer.concat([iv, cipher.getAuthTag(), sealed]);
    },
    async unwrap(wrapped, wrappedWith, context) {
      if (wrappedWith !== keyId) {
        throw new KeyUnavailable(
          `Data key was wrapped with master key ${wrappedWith}, not ${keyId}`,
        );
      }
      const decipher = createDecipheriv('aes-256-gcm', masterKey, wrapped.subarray(0, IV_BYTES))
        .setAAD(Buffer.from(context))
        .setAuthTag(wrapped.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
      return Buffer.concat([
        decipher.update(wrapped.subarray(IV_BYTES + TAG_BYTES)),
        decipher.final(),
      ]);
    },
  };
};

/**
 * The master key outside production when none is configured: fixed, so a developer's
 * database stays readable across restarts, and refused in production by the config.
 */
export const DEVELOPMENT_MASTER_KEY = createHash('sha256')
  .update('casework development master key: never use in production')
  .digest();

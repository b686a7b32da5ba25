import { createHash, createHmac } from 'node:crypto';

/**
 * How the `cases` read model stores what people search by, so the projection that fills
 * the columns and the queries that read them normalise in exactly one way.
 */

/** A National Insurance number as HMRC writes it: no spaces, upper case. */
export const normaliseNino = (nino: string): string => nino.replace(/\s+/g, '').toUpperCase();

/**
 * The secret NI number search keys are made with outside production, where none is
 * configured: fixed, so a developer's read models stay searchable across restarts.
 */
export const DEVELOPMENT_SEARCH_SECRET = createHash('sha256')
  .update('casework development search key: never use in production')
  .digest();

/**
 * The `nino_hash` column: hex HMAC-SHA256 of the normalised number under a secret from
 * configuration (`SEARCH_KEY_SECRET`). NI numbers are found only by exact match, so the
 * read model need not hold them in the clear; and there are few enough of them that an
 * unkeyed hash could be reversed by trying them all, so it is keyed.
 */
export const ninoHash = (nino: string, secret: Buffer = DEVELOPMENT_SEARCH_SECRET): string =>
  createHmac('sha256', secret).update(normaliseNino(nino)).digest('hex');

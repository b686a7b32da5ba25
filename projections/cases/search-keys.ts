import { createHash } from 'node:crypto';

/**
 * How the `cases` read model stores what people search by, so the projection that fills
 * the columns and the queries that read them normalise in exactly one way.
 */

/** A National Insurance number as HMRC writes it: no spaces, upper case. */
export const normaliseNino = (nino: string): string => nino.replace(/\s+/g, '').toUpperCase();

/**
 * The `nino_hash` column: hex SHA-256 of the normalised number. NI numbers are found only
 * by exact match, so the read model need not hold them in the clear.
 */
export const ninoHash = (nino: string): string =>
  createHash('sha256').update(normaliseNino(nino)).digest('hex');

import { userInfo } from 'node:os';
import { ServiceUnavailable } from '../outage';
import { Client, Pool, type ClientConfig, type PoolConfig } from 'pg';

/**
 * Connections to PostgreSQL. Every table lives in one schema (default `public`), set as
 * the search path of each connection, so tests can run side by side in schemas of their own.
 */

export const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,40}$/;

export { ServiceUnavailable };

/**
 * Connection settings for a URL. A URL without a user name connects as the operating-system
 * user, as psql does (node-postgres alone would rely on $USER, which services often lack).
 */
export const connectionConfig = (url: string, extra: ClientConfig = {}): ClientConfig => {
  const withUser = new URL(url);
  if (!withUser.username && !process.env.PGUSER) {
    withUser.username = process.env.USER || userInfo().username;
  }
  return { connectionString: withUser.toString(), ...extra };
};

export interface DatabaseOptions {
  url: string;
  schema?: string;
  max?: number;
  applicationName?: string;
}

export const createPool = ({
  url,
  schema = 'public',
  max = 20,
  applicationName = 'casework',
}: DatabaseOptions): Pool => {
  if (!SCHEMA_NAME.test(schema)) throw new RangeError(`Not a schema name: ${schema}`);
  const config: PoolConfig = {
    ...connectionConfig(url),
    max,
    application_name: applicationName,
    options: `-c search_path=${schema}`,
    idleTimeoutMillis: 30_000,
  };
  const pool = new Pool(config);
  // A client losing its connection must not crash the process, idle in the pool (which
  // replaces it) or checked out between queries (its next query fails instead, and an
  // outage is reported where it is met).
  pool.on('error', () => undefined);
  pool.on('connect', (client) => client.on('error', () => undefined));
  return pool;
};

const describe = (url: string) => {
  const u = new URL(url);
  return `${u.hostname}:${u.port || 5432}${u.pathname}`;
};

const isConnectionRefused = (error: unknown) =>
  error instanceof Error &&
  ['ECONNREFUSED', 'ENOTFOUND', 'ETIMEDOUT', 'EAI_AGAIN'].includes(
    (error as NodeJS.ErrnoException).code ?? '',
  );

/** Creates the database named in the URL if it does not exist yet (safe when two processes race). */
export const ensureDatabase = async (url: string): Promise<void> => {
  const target = new URL(url);
  const name = decodeURIComponent(target.pathname.slice(1));
  const probe = new Client(connectionConfig(url));
  try {
    await probe.connect();
    await probe.end();
    return;
  } catch (error) {
    await probe.end().catch(() => undefined);
    if (isConnectionRefused(error)) {
      throw new ServiceUnavailable(
        `PostgreSQL is not reachable at ${describe(url)}: start PostgreSQL or set DATABASE_URL.`,
      );
    }
    if ((error as { code?: string }).code !== '3D000') throw error;
  }
  const maintenance = new URL(url);
  maintenance.pathname = '/postgres';
  const admin = new Client(connectionConfig(maintenance.toString()));
  try {
    await admin.connect();
    await admin.query(`create database "${name.replace(/"/g, '""')}"`);
  } catch (error) {
    // 42P04: created by another process meanwhile; 23505: the same race seen in the catalogue.
    if (!['42P04', '23505'].includes((error as { code?: string }).code ?? '')) throw error;
  } finally {
    await admin.end().catch(() => undefined);
  }
};

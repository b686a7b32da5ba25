import type { FastifyInstance } from 'fastify';
import { accessLogMigrations } from '../../api/access-log';
import { webhookMigrations } from '../../workers/legacy-sync/endpoints';
import { identityMigrations, IdentityStore } from '../../api/auth/identity-store';
import type { ApiKeyScope, Principal } from '../../api/auth/roles';
import { devTokenVerifier, issueDevToken } from '../../api/auth/tokens';
import { buildServer, type ServerOptions } from '../../api/server';
import redisEmitter from 'mqemitter-redis';
import { connectRedis } from '../../cli/runtime';
import { migrate } from '../../eventstore/postgres/migrate';
import { retentionMigrations } from '../../workers/retention';
import { failedDeliveryMigrations } from '../../workers/legacy-sync/failed-deliveries';
import { notifyMigrations } from '../../workers/notify/notify';
import { importMigrations } from '../../workers/import/import';
import { caseTypeRegistry } from '../../domain/case-types';
import { allProjections, prepareProjections } from '../../projections';
import { createProjection } from '../../projections/rebuild';
import { openTestWriteSide, type TestWriteSide } from './runtime';
import type { DestinationStream } from 'pino';
import type { Workers } from '../../workers';
import { Forbidden } from '../../api/problems';

/** The HTTP API over a write side of its own, with helpers to act as staff or integrators. */
export interface TestApi extends TestWriteSide {
  app: FastifyInstance;
  /** Another API process on the same database (and, with subscriptions, the same Redis bus). */
  anotherServer(extra?: Partial<ServerOptions>): Promise<FastifyInstance>;
  identity: IdentityStore;
  staffToken(user: Omit<Principal, 'kind' | 'scopes'>): Promise<string>;
  apiKey(name: string, scopes?: ApiKeyScope[]): Promise<string>;
  /** Lets the API retry failed deliveries through these workers, as `casework start` does. */
  useWorkers(workers: Pick<Workers, 'retryDelivery'>): void;
  /** Posts a GraphQL operation with a staff bearer token (or none). */
  graphql(token: string | null, query: string, variables?: Record<string, unknown>): Promise<Gql>;
}

export interface Gql {
  data?: Record<string, unknown> | null;
  errors?: { message: string; path?: string[]; extensions: Record<string, unknown> }[];
}

export interface TestApiOptions {
  /** `null` gives a Redis client that was never able to connect. */
  redisUrl?: string | null;
  production?: boolean;
  subscriptions?: boolean;
  /** Log at trace level into this stream instead of not at all. */
  logStream?: DestinationStream;
  /** Another PostgreSQL server than the machine's (one a test stops and starts). */
  databaseUrl?: string;
}

export const openTestApi = async (
  prefix: string,
  {
    redisUrl = 'redis://127.0.0.1:6379',
    production = false,
    subscriptions = false,
    logStream,
    databaseUrl,
  }: TestApiOptions = {},
): Promise<TestApi> => {
  const w = await openTestWriteSide(prefix, databaseUrl ? { databaseUrl } : {});
  await migrate(w.pool, w.db.schema, 'identity', identityMigrations);
  await migrate(w.pool, w.db.schema, 'access-log', accessLogMigrations);
  await migrate(w.pool, w.db.schema, 'webhooks', webhookMigrations);
  await migrate(w.pool, w.db.schema, 'retention', retentionMigrations);
  await migrate(w.pool, w.db.schema, 'legacy-sync', failedDeliveryMigrations);
  await migrate(w.pool, w.db.schema, 'notify', notifyMigrations);
  await migrate(w.pool, w.db.schema, 'import', importMigrations);
  // The read models the API reads, empty until a test runs the projections.
  await prepareProjections(w.pool, w.db.schema);
  for (const projection of allProjections(caseTypeRegistry))
    await createProjection(w.pool, projection);
  const identity = new IdentityStore(w.pool);
  const redis = connectRedis(redisUrl ?? 'redis://127.0.0.1:1');
  if (redisUrl) await redis.connect();
  const emitters: { close(cb: () => void): void }[] = [];
  let workers: Pick<Workers, 'retryDelivery'> | undefined;
  const server = (extra: Partial<ServerOptions> = {}) => {
    const emitter = subscriptions ? redisEmitter({ host: '127.0.0.1', port: 6379 }) : undefined;
    if (emitter) emitters.push(emitter);
    return buildServer({
      pool: w.pool,
      redis,
      intake: w,
      identity,
      staffTokens: devTokenVerifier(identity),
      devIdentity: true,
      production,
      // Tests' receivers listen on this machine.
      webhookDestinations: { allowPrivateNetworks: true },
      logLevel: logStream ? 'trace' : 'silent',
      retryDelivery: (id: string, by: string) => {
        if (!workers) throw new Forbidden('No workers in this test');
        return workers.retryDelivery(id, by);
      },
      ...(logStream ? { logStream } : {}),
      ...(emitter ? { subscriptionEmitter: emitter } : {}),
      ...extra,
    });
  };
  const app = await server();
  const others: FastifyInstance[] = [];
  return {
    ...w,
    app,
    identity,
    async anotherServer(extra) {
      const other = await server(extra);
      others.push(other);
      return other;
    },
    async staffToken(user) {
      await identity.saveStaffUser({
        id: user.id,
        name: user.name,
        role: user.role,
        teams: user.teams,
      });
      return issueDevToken(identity, {
        id: user.id,
        name: user.name,
        role: user.role,
        teams: user.teams,
      });
    },
    useWorkers(running) {
      workers = running;
    },
    async graphql(token, query, variables = {}) {
      const response = await app.inject({
        method: 'POST',
        url: '/graphql',
        headers: {
          'content-type': 'application/json',
          ...(token ? { authorization: `Bearer ${token}` } : {}),
        },
        payload: { query, variables },
      });
      return response.json();
    },
    async apiKey(name, scopes = ['intake']) {
      return (await identity.createApiKey(name, scopes)).key;
    },
    async close() {
      await Promise.all([app, ...others].map((a) => a.close()));
      await Promise.all(emitters.map((e) => new Promise<void>((resolve) => e.close(resolve))));
      redis.disconnect();
      await w.close();
    },
  };
};

import { Redis } from 'ioredis';
import type { Pool } from 'pg';
import { caseTypeRegistry, type CaseTypeRegistry } from '../domain/case-types';
import type { EventLog } from '../eventstore/event-log';
import { migrate } from '../eventstore/postgres';
import { openEventLog } from '../eventstore/open-event-log';
import {
  PostgresReferenceRegister,
  referenceRegisterMigrations,
} from '../eventstore/postgres/reference-register';
import type { IntakeContext } from '../eventstore/intake';
import { allProjections, prepareProjections } from '../projections';
import type { Projection } from '../projections/projection';
import { accessLogMigrations } from '../api/access-log';
import { webhookMigrations } from '../workers/legacy-sync/endpoints';
import { IdentityStore, identityMigrations } from '../api/auth/identity-store';
import { devTokenVerifier, oidcTokenVerifier, type StaffTokenVerifier } from '../api/auth/tokens';
import type { Config } from './config';
import { retentionMigrations } from '../workers/retention';
import { failedDeliveryMigrations } from '../workers/legacy-sync/failed-deliveries';
import { notifyMigrations } from '../workers/notify/notify';
import { importMigrations } from '../workers/import/import';
import { DEVELOPMENT_MASTER_KEY } from '../eventstore/personal-data/key-provider';
import { protect, type ProtectedEventStore } from '../eventstore/personal-data/protected-store';
import { subjectKeyMigrations } from '../eventstore/personal-data/subject-keys';
import { seededStaff } from './seed/staff';

/** The services one process holds open: the database, the event store, Redis. */
export interface Runtime extends IntakeContext {
  config: Config;
  pool: Pool;
  /** The event log as the product reads it: personal data opened, events upcast. */
  store: ProtectedEventStore;
  /** The log exactly as stored (ciphertext), for hash-chain verification and lag counts. */
  eventLog: EventLog;
  caseTypes: CaseTypeRegistry;
  projections: Projection[];
  identity: IdentityStore;
  staffTokens: StaffTokenVerifier;
  devIdentity: boolean;
  close(): Promise<void>;
}

/** The NI number search secret as bytes (none configured: the development one). */
export const searchSecretOf = (config: Config): Buffer | undefined =>
  config.SEARCH_KEY_SECRET ? Buffer.from(config.SEARCH_KEY_SECRET, 'base64') : undefined;

/** Creates the database if needed, applies every migration and opens the event store. */
export const openRuntime = async (config: Config): Promise<Runtime> => {
  const { eventLog, pool } = await openEventLog({
    store: config.EVENT_STORE,
    url: config.DATABASE_URL,
    schema: config.DATABASE_SCHEMA,
    connectionString: config.EVENTSTORE_CONNECTION_STRING,
    onSubscriptionDropped: (error) =>
      console.warn(`EventStoreDB subscription dropped, resuming: ${(error as Error).message}`),
  });
  await migrate(pool, config.DATABASE_SCHEMA, 'personal-data', subjectKeyMigrations);
  const masterKey = config.PERSONAL_DATA_MASTER_KEY
    ? Buffer.from(config.PERSONAL_DATA_MASTER_KEY, 'base64')
    : DEVELOPMENT_MASTER_KEY;
  const store = protect(eventLog, pool, masterKey);
  await migrate(pool, config.DATABASE_SCHEMA, 'intake', referenceRegisterMigrations);
  await prepareProjections(pool, config.DATABASE_SCHEMA);
  await migrate(pool, config.DATABASE_SCHEMA, 'identity', identityMigrations);
  await migrate(pool, config.DATABASE_SCHEMA, 'access-log', accessLogMigrations);
  await migrate(pool, config.DATABASE_SCHEMA, 'webhooks', webhookMigrations);
  await migrate(pool, config.DATABASE_SCHEMA, 'retention', retentionMigrations);
  await migrate(pool, config.DATABASE_SCHEMA, 'legacy-sync', failedDeliveryMigrations);
  await migrate(pool, config.DATABASE_SCHEMA, 'notify', notifyMigrations);
  await migrate(pool, config.DATABASE_SCHEMA, 'import', importMigrations);
  const identity = new IdentityStore(pool);
  const devIdentity = !config.OIDC_ISSUER;
  if (devIdentity) {
    for (const user of seededStaff(caseTypeRegistry.all)) await identity.saveStaffUser(user);
  }
  return {
    config,
    pool,
    store,
    eventLog,
    caseTypes: caseTypeRegistry,
    projections: allProjections(caseTypeRegistry, searchSecretOf(config)),
    references: new PostgresReferenceRegister(pool),
    clock: () => new Date(),
    identity,
    devIdentity,
    staffTokens: config.OIDC_ISSUER
      ? oidcTokenVerifier(config.OIDC_ISSUER, config.OIDC_AUDIENCE)
      : devTokenVerifier(identity),
    async close() {
      await store.close();
      await pool.end();
    },
  };
};

/**
 * A Redis connection that fails fast instead of queueing commands while Redis is away,
 * so a health check answers at once.
 */
export const connectRedis = (url: string): Redis => {
  const redis = new Redis(url, {
    lazyConnect: true,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    retryStrategy: (times) => Math.min(times * 200, 2000),
  });
  redis.on('error', () => undefined); // reported through /health/ready, not as crashes
  return redis;
};

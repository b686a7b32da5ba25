import type { Pool } from 'pg';
import { caseTypeRegistry } from '../../domain/case-types';
import type { EventLog } from '../../eventstore/event-log';
import type { IntakeContext } from '../../eventstore/intake';
import { PostgresEventStore } from '../../eventstore/postgres';
import { migrate } from '../../eventstore/postgres/migrate';
import {
  PostgresReferenceRegister,
  referenceRegisterMigrations,
} from '../../eventstore/postgres/reference-register';
import { eventStoreMigrations } from '../../eventstore/postgres/schema';
import { createTestSchema, type TestSchema } from './database';
import { protect, type ProtectedEventStore } from '../../eventstore/personal-data/protected-store';
import { subjectKeyMigrations } from '../../eventstore/personal-data/subject-keys';

/** The write side over a schema of its own: event store, reference register, services. */
export interface TestWriteSide<Log extends EventLog = PostgresEventStore> extends IntakeContext {
  db: TestSchema;
  pool: Pool;
  /** The log as the product reads it (personal data sealed and opened, events upcast). */
  store: ProtectedEventStore;
  /** The log as stored. */
  eventLog: Log;
  close(): Promise<void>;
}

export interface TestWriteSideOptions {
  /** Another PostgreSQL server than the machine's. */
  databaseUrl?: string;
  /** The intake's "now" (default 2026-03-02T10:00:00Z): submissions may not be later. */
  now?: string;
}

export const openTestWriteSide = async (
  prefix: string,
  { databaseUrl, now }: TestWriteSideOptions = {},
): Promise<TestWriteSide> => {
  const db = await createTestSchema(prefix, databaseUrl);
  await migrate(db.pool, db.schema, 'eventstore', eventStoreMigrations);
  const eventLog = new PostgresEventStore({ pool: db.pool, url: db.url, schema: db.schema });
  const side = await writeSideOver(db, eventLog);
  return now ? { ...side, clock: () => new Date(now) } : side;
};

/** The write side over a given event log, with its other tables in the log's schema. */
export const writeSideOver = async <Log extends EventLog>(
  db: TestSchema,
  eventLog: Log,
): Promise<TestWriteSide<Log>> => {
  await migrate(db.pool, db.schema, 'intake', referenceRegisterMigrations);
  await migrate(db.pool, db.schema, 'personal-data', subjectKeyMigrations);
  const store = protect(eventLog, db.pool);
  return {
    db,
    pool: db.pool,
    store,
    eventLog,
    caseTypes: caseTypeRegistry,
    references: new PostgresReferenceRegister(db.pool),
    clock: () => new Date('2026-03-02T10:00:00Z'),
    async close() {
      await store.close();
      await db.drop();
    },
  };
};

import type { Pool } from 'pg';
import { caseTypeRegistry } from '../../domain/case-types';
import type { IntakeContext } from '../../eventstore/intake';
import { PostgresEventStore } from '../../eventstore/postgres';
import { migrate } from '../../eventstore/postgres/migrate';
import {
  PostgresReferenceRegister,
  referenceRegisterMigrations,
} from '../../eventstore/postgres/reference-register';
import { eventStoreMigrations } from '../../eventstore/postgres/schema';
import { createTestSchema, type TestSchema } from './database';

/** The write side over a schema of its own: event store, reference register, services. */
export interface TestWriteSide extends IntakeContext {
  db: TestSchema;
  pool: Pool;
  store: PostgresEventStore;
  close(): Promise<void>;
}

export const openTestWriteSide = async (prefix: string): Promise<TestWriteSide> => {
  const db = await createTestSchema(prefix);
  await migrate(db.pool, db.schema, 'eventstore', eventStoreMigrations);
  await migrate(db.pool, db.schema, 'intake', referenceRegisterMigrations);
  const store = new PostgresEventStore({ pool: db.pool, url: db.url, schema: db.schema });
  return {
    db,
    pool: db.pool,
    store,
    caseTypes: caseTypeRegistry,
    references: new PostgresReferenceRegister(db.pool),
    clock: () => new Date('2026-03-02T10:00:00Z'),
    async close() {
      await store.close();
      await db.drop();
    },
  };
};

import { caseTypeRegistry } from '../../domain/case-types';
import type { IntakeContext } from '../../eventstore/intake';
import { protect } from '../../eventstore/personal-data/protected-store';
import { subjectKeyMigrations } from '../../eventstore/personal-data/subject-keys';
import { migrate, openPostgresEventStore } from '../../eventstore/postgres';
import {
  PostgresReferenceRegister,
  referenceRegisterMigrations,
} from '../../eventstore/postgres/reference-register';

/**
 * The write side a benchmark measures, as the back office runs it: the PostgreSQL log
 * behind the personal-data protection, the reference register and the case types.
 */
export const openBenchWriteSide = async (url: string, schema: string) => {
  const { store: eventLog, pool } = await openPostgresEventStore({ url, schema });
  await migrate(pool, schema, 'intake', referenceRegisterMigrations);
  await migrate(pool, schema, 'personal-data', subjectKeyMigrations);
  const store = protect(eventLog, pool);
  const intake: IntakeContext = {
    store,
    caseTypes: caseTypeRegistry,
    references: new PostgresReferenceRegister(pool),
    clock: () => new Date(),
  };
  return { eventLog, store, pool, intake };
};

import type { Pool } from 'pg';
import type { CaseTypeRegistry } from '../domain/case-types';
import { migrate } from '../eventstore/postgres/migrate';
import { casesProjection } from './cases/projection';
import { miProjection } from './mi/projection';
import { ensureClaimsTable } from './cases/take-next';
import { checkpointMigrations } from './checkpoints';
import { ensureExtensions } from './extensions';
import type { Projection } from './projection';
import { timelineProjection } from './timeline/projection';

/** Every read model the back office keeps. */
export const allProjections = (
  caseTypes: CaseTypeRegistry,
  /** The secret NI number search keys are made with (none: the development one). */
  searchSecret?: Buffer,
): Projection[] => [
  casesProjection(caseTypes, searchSecret),
  timelineProjection(caseTypes),
  miProjection(caseTypes),
];

/** What projections need in the database before any runner starts. */
export const prepareProjections = async (pool: Pool, schema: string): Promise<void> => {
  await ensureExtensions(pool);
  await migrate(pool, schema, 'projections', checkpointMigrations);
  await ensureClaimsTable(pool);
};

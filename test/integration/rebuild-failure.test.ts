import carers from '../../domain/case-types/carers-support-payment';
import { caseTypeRegistry } from '../../domain/case-types';
import { submitApplication } from '../../eventstore/intake';
import { allProjections, prepareProjections } from '../../projections';
import { EventNotApplied, type Projection } from '../../projections/projection';
import { readPage } from '../../eventstore/personal-data/protected-store';
import { START } from '../../eventstore/position';
import { rebuildProjections } from '../../projections/rebuild';
import { openTestWriteSide, type TestWriteSide } from '../support/runtime';

/**
 * A rebuild fills every projection page by page, each at its own pace: when one fails
 * part-way on an event, the rebuild reports that failure, naming the event, and leaves
 * nothing running, whatever the other projections and the reader were doing at the time.
 */
describe('a rebuild that fails part-way', () => {
  let w: TestWriteSide;
  beforeAll(async () => {
    w = await openTestWriteSide('rebuild_failure');
    await prepareProjections(w.pool, w.db.schema);
    for (let i = 0; i < 40; i++) {
      await submitApplication(w, {
        service: carers.id,
        channel: 'web',
        answers: carers.example,
        idempotencyKey: `failing-${i}`,
        actor: { id: 'web-form', role: 'integrator' },
      });
    }
  });
  afterAll(async () => w.close());

  it('reports the failing projection’s error and leaves the live tables alone', async () => {
    const events = await readPage(w.store, START, 40);
    const culprit = events[7]!;
    const failing: Projection = {
      name: 'failing',
      version: 1,
      tables: [],
      createTables: () => 'select 1',
      createIndexes: () => 'select 1',
      async apply(_tx, batch) {
        await new Promise((resolve) => setTimeout(resolve, 20));
        if (batch.some((e) => e.id === culprit.id))
          throw new Error('the eighth event does not fit');
      },
    };
    await expect(
      rebuildProjections({
        pool: w.pool,
        store: w.store,
        projections: [...allProjections(caseTypeRegistry), failing],
        pageSize: 5,
      }),
    ).rejects.toThrow(
      new EventNotApplied('failing', culprit, new Error('the eighth event does not fit')),
    );
    const { rows } = await w.pool.query<{ n: number }>(
      `select count(*)::int as n from projection_checkpoints where name = 'failing'`,
    );
    expect(rows[0]!.n).toBe(0);
  });
});

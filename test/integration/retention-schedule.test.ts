import { caseTypeRegistry } from '../../domain/case-types';
import { prepareProjections } from '../../projections';
import { scheduleRetention } from '../../workers/retention';
import { openTestWriteSide } from '../support/runtime';

describe('scheduled retention', () => {
  it('waits quietly while the cases read model is still being built, as at first start-up', async () => {
    const w = await openTestWriteSide('retention_schedule');
    const logged: string[] = [];
    try {
      // Checkpoints are ready but the runner has not built the cases tables yet.
      await prepareProjections(w.pool, w.db.schema);
      const schedule = scheduleRetention(
        { pool: w.pool, store: w.store, caseTypes: caseTypeRegistry },
        { intervalMs: 60_000, log: (message) => logged.push(message) },
      );
      await schedule.stop(); // waits for the run made at start
      expect(logged).toEqual([]);
    } finally {
      await w.close();
    }
  });
});

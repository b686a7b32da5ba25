import { StatementBatcher, type Outcome } from '../../eventstore/postgres/statement-batcher';

/** A statement the test finishes by hand, recording every batch it was given. */
const controlledStatement = () => {
  const batches: number[][] = [];
  const finish: (() => void)[] = [];
  const run = (inputs: number[]) => {
    batches.push(inputs);
    return new Promise<Outcome<number>[]>((resolve) =>
      finish.push(() => resolve(inputs.map((n) => ({ value: n * 10 })))),
    );
  };
  return { batches, finish, run };
};

const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('StatementBatcher', () => {
  it('runs a lone call at once and gathers the calls that arrive meanwhile into one statement', async () => {
    const statement = controlledStatement();
    const batcher = new StatementBatcher(statement.run, { maxInFlight: 1 });
    const first = batcher.submit(1);
    const waiting = [2, 3, 4].map((n) => batcher.submit(n));
    expect(statement.batches).toEqual([[1]]);
    statement.finish[0]!();
    expect(await first).toBe(10);
    await settle();
    expect(statement.batches).toEqual([[1], [2, 3, 4]]);
    statement.finish[1]!();
    expect(await Promise.all(waiting)).toEqual([20, 30, 40]);
  });

  it('keeps batches within the size and weight limits', async () => {
    const statement = controlledStatement();
    const batcher = new StatementBatcher(statement.run, {
      maxInFlight: 1,
      maxBatch: 3,
      maxBatchWeight: 10,
      weigh: (n) => n,
    });
    const all = [1, 1, 1, 1, 6, 5, 20].map((n) => batcher.submit(n));
    for (let i = 0; i < 5; i++) {
      await settle();
      statement.finish[i]?.();
    }
    await Promise.all(all);
    // A batch always takes at least one call, however heavy.
    expect(statement.batches).toEqual([[1], [1, 1, 1], [6], [5], [20]]);
  });

  it('reports a failing call to that caller alone', async () => {
    const batcher = new StatementBatcher<number, number>(async (inputs) => {
      if (inputs.includes(13)) throw new Error('unlucky');
      return inputs.map((n) => (n % 2 ? { value: n } : { error: new Error(`even ${n}`) }));
    });
    const results = await Promise.allSettled([1, 13, 3, 4].map((n) => batcher.submit(n)));
    expect(results.map((r) => (r.status === 'fulfilled' ? r.value : String(r.reason)))).toEqual([
      1,
      'Error: unlucky',
      3,
      'Error: even 4',
    ]);
  });

  it('runs a statement again after an error that left nothing committed, a few times at most', async () => {
    let attempts = 0;
    const deadlock = Object.assign(new Error('deadlock detected'), { code: '40P01' });
    const batcher = new StatementBatcher<number, number>(async (inputs) => {
      attempts++;
      if (attempts < 3) throw deadlock;
      return inputs.map((value) => ({ value }));
    });
    expect(await batcher.submit(7)).toBe(7);
    expect(attempts).toBe(3);

    attempts = -10;
    await expect(batcher.submit(8)).rejects.toBe(deadlock);
    expect(attempts).toBe(-7);
  });
});

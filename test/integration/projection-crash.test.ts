import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { caseTypeRegistry } from '../../domain/case-types';
import { PostgresEventStore } from '../../eventstore/postgres';
import { allProjections } from '../../projections';
import { protect } from '../../eventstore/personal-data/protected-store';
import { readCheckpoint, waitForProjections } from '../../projections/checkpoints';
import { ProjectionRunner } from '../../projections/runner';
import { rebuildProjection } from '../../projections/rebuild';
import { rebuildTables } from '../../projections/projection';
import { createTestSchema, TEST_DATABASE_URL, type TestSchema } from '../support/database';
import { tableDifference } from '../support/projections';

/**
 * A back-office process killed with SIGKILL while projections catch up: the batch in
 * flight rolls back with its checkpoint, and the next process resumes exactly there.
 */
const CLI = join(__dirname, '../../dist/cli/casework.js');
const run = promisify(execFile);

const freePort = () =>
  new Promise<number>((resolve) => {
    const server = createServer().listen(0, () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });

describe('a projection killed mid-batch', () => {
  let db: TestSchema;
  let env: NodeJS.ProcessEnv;
  beforeAll(async () => {
    db = await createTestSchema('crash');
    env = {
      ...process.env,
      DATABASE_URL: TEST_DATABASE_URL,
      DATABASE_SCHEMA: db.schema,
      LOG_LEVEL: 'silent',
      HOST: '127.0.0.1',
    };
  });
  afterAll(async () => db.drop());

  const startProcess = async (): Promise<ChildProcess> =>
    spawn(process.execPath, [CLI, 'start'], {
      env: { ...env, PORT: String(await freePort()) },
      stdio: 'ignore',
    });

  const applied = async (name: string) => (await readCheckpoint(db.pool, name))?.eventsApplied ?? 0;

  it('resumes with nothing applied twice or missed', async () => {
    await run('node', [CLI, 'seed', '--cases', '3000'], { env });
    const { rows } = await db.pool.query<{ n: number }>('select count(*)::int as n from events');
    const total = rows[0]!.n;

    const first = await startProcess();
    const exited = new Promise((resolve) => first.on('exit', resolve));
    while ((await applied('cases')) === 0) {
      await new Promise((r) => setTimeout(r, 5));
    }
    first.kill('SIGKILL');
    await exited;
    const atKill = await applied('cases');
    expect(atKill).toBeLessThan(total);

    const second = await startProcess();
    try {
      while ((await applied('cases')) < total || (await applied('timeline')) < total) {
        await new Promise((r) => setTimeout(r, 50));
      }
    } finally {
      second.kill('SIGTERM');
      await new Promise((resolve) => second.on('exit', resolve));
    }

    // The back office records events of its own as it runs (SLA timers firing on the
    // seeded cases), some perhaps after the last batch its runners applied: with no
    // process running any more, let runners here take every projection to the end of the
    // log, so the counts and the rebuild below compare the same log.
    const store = protect(
      new PostgresEventStore({ pool: db.pool, url: db.url, schema: db.schema }),
      db.pool,
    );
    const projections = allProjections(caseTypeRegistry);
    const runners = projections.map(
      (projection) => new ProjectionRunner({ pool: db.pool, store, projection, schema: db.schema }),
    );
    for (const runner of runners) runner.start();
    const head = await store.headPosition();
    const caughtUp = await waitForProjections(
      db.pool,
      projections.map((p) => p.name),
      head,
      60_000,
    );
    await Promise.all(runners.map((runner) => runner.stop()));
    expect(caughtUp).toBe(true);

    const logged = await db.pool.query<{ n: number }>('select count(*)::int as n from events');
    const timeline = await db.pool.query<{ n: number }>(
      'select count(*)::int as n from case_timeline',
    );
    expect(logged.rows[0]!.n).toBeGreaterThanOrEqual(total);
    expect(timeline.rows[0]!.n).toBe(logged.rows[0]!.n);
    for (const projection of projections) {
      await rebuildProjection({ pool: db.pool, store, projection, swap: false });
      const next = rebuildTables(projection);
      for (const table of projection.tables)
        expect(await tableDifference(db.pool, table, next[table]!)).toBe(0);
    }
    await store.close();
  }, 240_000);
});

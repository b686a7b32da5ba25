import { execFile, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { promisify } from 'node:util';
import carers from '../../domain/case-types/carers-support-payment';
import { createTestSchema, TEST_DATABASE_URL, type TestSchema } from '../support/database';

/** The `casework` command as people run it: built, in its own process, against real services. */
const CLI = join(__dirname, '../../dist/cli/casework.js');
const run = promisify(execFile);

const casework = async (args: string[], env: Record<string, string>) => {
  try {
    const { stdout, stderr } = await run('node', [CLI, ...args], {
      env: { ...process.env, ...env },
      timeout: 120_000,
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
};

const freePort = () =>
  new Promise<number>((resolve) => {
    const server = createServer().listen(0, () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });

describe('casework CLI', () => {
  let db: TestSchema;
  let env: Record<string, string>;
  beforeAll(async () => {
    if (!existsSync(CLI)) throw new Error('Build first: npm run build (npm test does this)');
    db = await createTestSchema('cli');
    env = { DATABASE_URL: TEST_DATABASE_URL, DATABASE_SCHEMA: db.schema, LOG_LEVEL: 'silent' };
  });
  afterAll(async () => db.drop());

  it('seeds 500 cases, verifies them, and names an event altered with psql', async () => {
    const seeded = await casework(['seed', '--cases', '500'], env);
    expect(seeded.stdout).toMatch(/Seeded 500 new cases/);
    expect(seeded.code).toBe(0);
    const again = await casework(['seed', '--cases', '500'], env);
    expect(again.stdout).toMatch(/Seeded 0 new cases \(500 already there\)/);

    const verified = await casework(['verify', '--all'], env);
    expect(verified.code).toBe(0);
    expect(verified.stdout).toMatch(/every hash chain is intact/);

    const { rows } = await db.pool.query<{ event_id: string; reference: string }>(
      `select e.event_id, r.reference from events e
       join case_references r on 'case-' || r.case_id = e.stream_id
       where e.revision = 1 and e.type = 'CaseTriaged' limit 1`,
    );
    const altered = rows[0]!;
    await run('psql', [
      TEST_DATABASE_URL,
      '-c',
      `update ${db.schema}.events set data = jsonb_set(data, '{priority}', '"tampered"') where event_id = '${altered.event_id}'`,
    ]);
    const caught = await casework(['verify', '--all'], env);
    expect(caught.code).toBe(1);
    expect(caught.stderr).toContain(`ALTERED: event ${altered.event_id}`);
    expect((await casework(['verify', altered.reference], env)).code).toBe(1);
  });

  it('replays a case as of a revision or a time, or as it is now', async () => {
    const { rows } = await db.pool.query<{ reference: string }>(
      `select r.reference from case_references r
       join events e on e.stream_id = 'case-' || r.case_id and e.type = 'CaseClosed' limit 1`,
    );
    const reference = rows[0]!.reference;
    const now = await casework(['replay', reference], env);
    expect(now.stdout).toMatch(/Status: closed/);
    const first = await casework(['replay', reference, '--as-of', '0'], env);
    expect(first.stdout).toMatch(/Status: received/);
    expect(first.stdout).toMatch(/As of revision 0/);
    const early = await casework(['replay', reference, '--as-of', '2020-01-01T00:00:00Z'], env);
    expect(early.stdout).toMatch(/As of revision -1/);
    const json = JSON.parse((await casework(['replay', reference, '--json'], env)).stdout);
    expect(json.state.reference).toBe(reference);
  });

  it('rebuilds every projection and reports each one caught up', async () => {
    const rebuilt = await casework(['rebuild'], env);
    expect(rebuilt.code).toBe(0);
    expect(rebuilt.stdout).toMatch(/Rebuilt cases, timeline, mi from \d+ events/);
    const status = await casework(['projections'], env);
    expect(status.code).toBe(0);
    for (const name of ['cases', 'timeline', 'mi']) {
      expect(status.stdout).toMatch(new RegExp(`^${name}\\s+\\d+\\s+0\\s+0\\.0`, 'm'));
    }
    expect((await casework(['rebuild', 'nonsense'], env)).code).toBe(2);
  });

  it('erases a case on request and reports what retention will erase', async () => {
    const { rows } = await db.pool.query<{ reference: string }>(
      `select r.reference from case_references r
       join events e on e.stream_id = 'case-' || r.case_id and e.type = 'ApplicationWithdrawn'
       limit 1`,
    );
    const reference = rows[0]!.reference;
    expect((await casework(['erase', reference], env)).code).toBe(2);
    const erased = await casework(['erase', reference, '--reason', 'Applicant asked'], env);
    expect(erased).toMatchObject({ code: 0 });
    expect(erased.stdout).toContain(`Erased the personal data of ${reference}`);
    expect((await casework(['erase', reference, '--reason', 'again'], env)).stdout).toContain(
      'was already erased',
    );
    expect((await casework(['replay', reference], env)).stdout).toContain('[erased]');
    expect((await casework(['verify', reference], env)).code).toBe(0);

    // (the rebuild above built the cases read model retention reads)
    const report = await casework(['retention'], env);
    expect(report.code).toBe(0);
    expect(report.stdout).toMatch(/^carers-support-payment\s+P6Y\s+0\s+0$/m);
    const run = JSON.parse((await casework(['retention', '--apply', '--json'], env)).stdout);
    expect(run).toMatchObject({ erased: [], failed: [] });
  });

  it('imports a backlog file through the intake, with a summary, and a re-run imports nothing twice', async () => {
    const file = join(tmpdir(), `backlog-${db.schema}.jsonl`);
    await writeFile(file, `${JSON.stringify(carers.example)}\n{broken\n`);
    const args = ['import', file, '--service', carers.id, '--channel', 'post'];
    const first = await casework(args, env);
    expect(first.stdout).toContain('Imported 1 of 2 rows (0 already imported, 1 exceptions)');
    expect(first.stdout).toContain('at lines: 2');
    expect(first.stderr).toMatch(/rows/);
    expect((await casework(args, env)).stdout).toContain(
      'Imported 0 of 2 rows (1 already imported',
    );
    expect((await casework(['import', file, '--service', carers.id], env)).code).toBe(2);
    expect((await casework(['deliveries'], env)).stdout).toContain('No failed deliveries.');
    const retry = await casework(
      ['deliveries', 'retry', '00000000-0000-4000-8000-000000000000'],
      env,
    );
    expect(retry).toMatchObject({ code: 1 });
    expect(retry.stderr).toContain('No failed delivery');
  });

  it('gives one clear line for a wrong reference, bad options or a missing database', async () => {
    const missing = await casework(['replay', 'CSP-2026-999999'], env);
    expect(missing).toMatchObject({ code: 1, stderr: 'No case CSP-2026-999999\n' });
    expect((await casework(['replay', 'CSP-2026-000001', '--as-of', 'soon'], env)).code).toBe(2);
    expect((await casework(['seed', '--cases', 'many'], env)).code).toBe(2);
    expect((await casework(['explode'], env)).code).toBe(2);
    const down = await casework(['migrate'], {
      ...env,
      DATABASE_URL: 'postgres://127.0.0.1:1/casework',
    });
    expect(down.code).toBe(1);
    expect(down.stderr.trim()).toBe(
      'PostgreSQL is not reachable at 127.0.0.1:1/casework: start PostgreSQL or set DATABASE_URL.',
    );
  });

  it('start serves /health/live and /health/ready, and stops cleanly on SIGTERM', async () => {
    const port = await freePort();
    const server = spawn(process.execPath, [CLI, 'start'], {
      env: { ...process.env, ...env, PORT: String(port), HOST: '127.0.0.1' },
    });
    const exited = new Promise<number | null>((resolve) => server.on('exit', resolve));
    try {
      let ready: Response | undefined;
      for (let i = 0; i < 100 && !ready; i++) {
        ready = await fetch(`http://127.0.0.1:${port}/health/ready`).catch(() => undefined);
        if (!ready) await new Promise((r) => setTimeout(r, 100));
      }
      expect(ready?.status).toBe(200);
      expect(await ready!.json()).toMatchObject({
        status: 'ok',
        checks: { postgres: { status: 'ok' }, redis: { status: 'ok' } },
      });
      expect((await fetch(`http://127.0.0.1:${port}/health/live`)).status).toBe(200);
      const metrics = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
      expect(metrics).toMatch(/casework_queue_jobs\{queue="legacy-sync",state="waiting"\} \d+/);

      // Credentials made by the CLI work against the running server.
      const key = (await casework(['apikey', 'create', '--name', 'council-forms'], env)).stdout
        .trim()
        .split('\n')
        .pop()!;
      const token = (await casework(['token', '--user', 'aisha.khan'], env)).stdout.trim();
      for (const [credential, channel] of [
        [key, 'web'],
        [token, 'phone'],
      ] as const) {
        const response = await fetch(`http://127.0.0.1:${port}/api/v1/applications`, {
          method: 'POST',
          headers: {
            authorization: `Bearer ${credential}`,
            'idempotency-key': `cli-${channel}`,
            'content-type': 'application/json',
          },
          body: JSON.stringify({ service: carers.id, channel, answers: carers.example }),
        });
        expect(response.status).toBe(201);
      }
      expect((await casework(['apikey', 'revoke', 'council-forms'], env)).code).toBe(0);
      expect((await casework(['token', '--user', 'new.person'], env)).code).toBe(2);
    } finally {
      server.kill('SIGTERM');
    }
    expect(await exited).toBe(0);
  });
});

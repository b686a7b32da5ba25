import { randomUUID } from 'node:crypto';
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import carers from '../../domain/case-types/carers-support-payment';
import { loadCase } from '../../eventstore/case-history';
import { submitApplication } from '../../eventstore/intake';
import { protect } from '../../eventstore/personal-data/protected-store';
import { PostgresEventStore } from '../../eventstore/postgres';
import { PostgresReferenceRegister } from '../../eventstore/postgres/reference-register';
import { caseTypeRegistry } from '../../domain/case-types';
import { createTestSchema, TEST_DATABASE_URL, type TestSchema } from '../support/database';

/**
 * A worker process killed with SIGKILL while a webhook is in flight: its job goes to the
 * next worker once the dead one's hold lapses, the receiver sees the same webhook-id again
 * until it acknowledges, and the case records exactly one success.
 */
const CLI = join(__dirname, '../../dist/cli/casework.js');

describe('a worker killed mid-delivery', () => {
  let db: TestSchema;
  beforeAll(async () => {
    db = await createTestSchema('worker_crash');
  });
  afterAll(async () => db.drop());

  it('delivers again after the crash, and the case records one success', async () => {
    const received: IncomingHttpHeaders[] = [];
    let held: ServerResponse | undefined;
    let url = '';
    let close: () => Promise<void> = async () => undefined;
    let listening: () => void = () => undefined;
    const ready = new Promise<void>((resolve) => (listening = resolve));
    const gotFirst = new Promise<void>((resolve) => {
      const server = createServer((request, response) => {
        request.resume();
        request.on('end', () => {
          received.push(request.headers);
          if (received.length === 1) {
            held = response; // never answered: the worker dies waiting
            resolve();
          } else response.writeHead(200).end('{"reference":"LEG-1"}');
        });
      });
      server.listen(0, '127.0.0.1', () => {
        url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/events`;
        close = () => new Promise<void>((r) => server.close(() => r()));
        listening();
      });
    });
    await ready;

    const env = {
      ...process.env,
      DATABASE_URL: TEST_DATABASE_URL,
      DATABASE_SCHEMA: db.schema,
      QUEUE_PREFIX: `crash-${db.schema}`,
      WORKER_LOCK_MS: '1000',
      WEBHOOK_BACKOFF_MS: '50',
      // The receiver listens on this machine.
      WEBHOOK_ALLOW_PRIVATE_NETWORKS: 'true',
      LOG_LEVEL: 'silent',
    };
    const worker = (): ChildProcess =>
      spawn(process.execPath, [CLI, 'worker'], { env, stdio: 'ignore' });
    const first = worker();
    let second: ChildProcess | undefined;
    try {
      // The worker migrates the schema; register the endpoint once its table exists.
      for (let i = 0; i < 200; i++) {
        const { rows } = await db.pool.query(
          `select 1 from information_schema.tables where table_schema = $1 and table_name = 'webhook_endpoints'`,
          [db.schema],
        );
        if (rows.length) break;
        await new Promise((r) => setTimeout(r, 50));
      }
      await db.pool.query(
        `insert into webhook_endpoints (id, owner, owner_kind, url, secret, events)
         values ($1, 'admin', 'staff', $2, $3, '{ApplicationSubmitted}')`,
        [randomUUID(), url, `whsec_${Buffer.alloc(24, 1).toString('base64')}`],
      );
      const store = protect(
        new PostgresEventStore({ pool: db.pool, url: db.url, schema: db.schema }),
        db.pool,
      );
      const { caseId } = await submitApplication(
        {
          store,
          caseTypes: caseTypeRegistry,
          references: new PostgresReferenceRegister(db.pool),
          clock: () => new Date('2026-03-02T10:00:00Z'),
        },
        {
          service: carers.id,
          channel: 'web',
          answers: carers.example,
          idempotencyKey: 'crash',
          actor: { id: 'portal', role: 'integrator' },
        },
      );
      await gotFirst;
      first.kill('SIGKILL');
      await new Promise((resolve) => first.on('exit', resolve));
      held?.destroy();
      second = worker();
      let successes = 0;
      for (let i = 0; i < 300 && successes === 0; i++) {
        await new Promise((r) => setTimeout(r, 100));
        successes = (await loadCase(store, caseId)).events.filter(
          (e) => e.type === 'LegacySyncSucceeded',
        ).length;
      }
      expect(successes).toBe(1);
      expect(received.length).toBeGreaterThanOrEqual(2);
      expect(new Set(received.map((h) => h['webhook-id'])).size).toBe(1);
      await new Promise((r) => setTimeout(r, 500));
      const again = (await loadCase(store, caseId)).events.filter(
        (e) => e.type === 'LegacySyncSucceeded',
      );
      expect(again).toHaveLength(1);
    } finally {
      first.kill('SIGKILL');
      second?.kill('SIGTERM');
      if (second) await new Promise((resolve) => second!.on('exit', resolve));
      await close();
    }
  }, 90_000);
});

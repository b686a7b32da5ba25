import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer as createHttpServer } from 'node:http';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import carers from '../../domain/case-types/carers-support-payment';
import { submitApplication } from '../../eventstore/intake';
import { openTestApi, type TestApi } from '../support/api';
import { runTestWorkers } from '../support/workers';

/**
 * Redis restarted (with its append-only file, as BullMQ needs in production) while
 * applications keep arriving: the intake never stops, the reactor keeps its place while
 * Redis is away, and every application is still delivered once Redis is back.
 */
const freePort = () =>
  new Promise<number>((resolve) => {
    const server = createServer().listen(0, () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });

describe('Redis restarting under load', () => {
  let api: TestApi;
  let dir: string;
  let port: number;
  let redis: ChildProcess | undefined;
  const startRedis = async () => {
    redis = spawn(
      'redis-server',
      [
        '--port',
        String(port),
        '--dir',
        dir,
        '--appendonly',
        'yes',
        '--appendfsync',
        'always',
        '--save',
        '',
      ],
      { stdio: 'ignore' },
    );
    for (let i = 0; i < 100; i++) {
      const up = await new Promise<boolean>((resolve) => {
        const socket = createServer();
        socket.once('error', () => resolve(true));
        socket.listen(port, '127.0.0.1', () => socket.close(() => resolve(false)));
      });
      if (up) return;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error('redis-server did not start');
  };
  const stopRedis = async () => {
    const exited = new Promise((resolve) => redis!.on('exit', resolve));
    redis!.kill('SIGTERM');
    await exited;
  };

  beforeAll(async () => {
    api = await openTestApi('redis_restart');
    dir = await mkdtemp(join(tmpdir(), 'casework-redis-'));
    port = await freePort();
    await startRedis();
  });
  afterAll(async () => {
    if (redis?.exitCode === null) await stopRedis();
    await rm(dir, { recursive: true, force: true });
    await api.close();
  });

  it('delivers every application submitted while Redis was down', async () => {
    const delivered = new Set<string>();
    const receiver = createHttpServer((request, response) => {
      let body = '';
      request.on('data', (chunk: Buffer) => (body += chunk.toString()));
      request.on('end', () => {
        delivered.add((JSON.parse(body) as { subject: string }).subject);
        response.writeHead(200).end('{}');
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    await api.pool.query(
      `insert into webhook_endpoints (id, owner, owner_kind, url, secret, events)
       values ($1, 'admin', 'staff', $2, $3, '{ApplicationSubmitted}')`,
      [
        randomUUID(),
        `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/events`,
        `whsec_${Buffer.alloc(24, 2).toString('base64')}`,
      ],
    );
    // Quiet: the reactors report every failed enqueue while Redis is down.
    const running = await runTestWorkers(api, {
      quiet: true,
      settings: {
        redisUrl: `redis://127.0.0.1:${port}`,
        prefix: 'restart',
        webhookAttempts: 5,
        webhookBackoffMs: 50,
        jobLockMs: 1000,
      },
    });
    try {
      const references: string[] = [];
      const submit = async (n: number) => {
        const { reference } = await submitApplication(api, {
          service: carers.id,
          channel: 'web',
          answers: carers.example,
          idempotencyKey: `load-${n}`,
          actor: { id: 'portal', role: 'integrator' },
        });
        references.push(reference);
      };
      for (let n = 0; n < 40; n++) await submit(n);
      await stopRedis();
      // The intake does not need Redis: applications keep arriving while it is down.
      for (let n = 40; n < 80; n++) await submit(n);
      await new Promise((r) => setTimeout(r, 300));
      await startRedis();
      for (let n = 80; n < 120; n++) await submit(n);
      for (let i = 0; i < 300 && delivered.size < references.length; i++) {
        await new Promise((r) => setTimeout(r, 100));
      }
      expect(references.filter((r) => !delivered.has(r))).toEqual([]);
    } finally {
      await running.stop();
      receiver.close();
    }
  }, 90_000);
});

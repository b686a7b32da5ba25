import type autocannon from 'autocannon';
import { parseArgs } from 'node:util';
import { accessLogMigrations } from '../../api/access-log';
import { identityMigrations, IdentityStore } from '../../api/auth/identity-store';
import { devTokenVerifier, issueDevToken } from '../../api/auth/tokens';
import { webhookMigrations } from '../../workers/legacy-sync/endpoints';
import { buildServer } from '../../api/server';
import { connectRedis } from '../../cli/runtime';
import { caseTypeRegistry } from '../../domain/case-types';
import carers from '../../domain/case-types/carers-support-payment';
import { migrate } from '../../eventstore/postgres/migrate';
import { allProjections, prepareProjections } from '../../projections';
import { createProjection } from '../../projections/rebuild';
import { pgbenchInsertTps } from '../support/pgbench';
import { round } from '../support/stats';
import { openBenchWriteSide } from '../support/write-side';
import { runLoad } from './load';

/**
 * Intake throughput: autocannon against POST /api/v1/applications (a fresh
 * Idempotency-Key per request) and the submitApplication mutation, then pgbench
 * single-row inserts with the same client count on the same database.
 * Last line: one JSON object of figures.
 */
const { values } = parseArgs({
  options: {
    connections: { type: 'string', default: '64' },
    seconds: { type: 'string', default: '20' },
    'database-url': {
      type: 'string',
      default: process.env.BENCH_DATABASE_URL ?? 'postgres://127.0.0.1:5432/casework_bench',
    },
  },
});
const connections = Number(values.connections);
const seconds = Number(values.seconds);
const url = values['database-url']!;

const main = async () => {
  const schema = `bench_intake_${process.pid}`;
  const { store, pool, intake } = await openBenchWriteSide(url, schema);
  const redis = connectRedis('redis://127.0.0.1:6379');
  try {
    for (const [component, migrations] of [
      ['identity', identityMigrations],
      ['access-log', accessLogMigrations],
      ['webhooks', webhookMigrations],
    ] as const) {
      await migrate(pool, schema, component, migrations);
    }
    await prepareProjections(pool, schema);
    for (const projection of allProjections(caseTypeRegistry))
      await createProjection(pool, projection);
    const identity = new IdentityStore(pool);
    await redis.connect();
    const app = await buildServer({
      pool,
      redis,
      intake,
      identity,
      staffTokens: devTokenVerifier(identity),
      devIdentity: false,
      logLevel: 'silent',
    });
    const address = await app.listen({ port: 0, host: '127.0.0.1' });
    const { key } = await identity.createApiKey('bench', ['intake']);
    const staff = {
      id: 'bench.keyer',
      name: 'Bench Keyer',
      role: 'caseworker' as const,
      teams: ['carer-claims'],
    };
    await identity.saveStaffUser(staff);
    const token = await issueDevToken(identity, staff);
    const answers = JSON.stringify(carers.example);

    const rest = await runLoad({
      url: `${address}/api/v1/applications`,
      connections,
      seconds,
      headers: { authorization: `Bearer ${key}` },
      body: `{"service":"${carers.id}","channel":"web","answers":${answers}}`,
      keyPrefix: 'bench-rest-',
    });
    const mutation =
      'mutation($input: SubmitApplicationInput!) { submitApplication(input: $input) { reference } }';
    const graphql = await runLoad({
      url: `${address}/graphql`,
      connections,
      seconds,
      headers: { authorization: `Bearer ${token}` },
      body: JSON.stringify({
        query: mutation,
        variables: {
          input: {
            service: carers.id,
            channel: 'phone',
            answers: carers.example,
            idempotencyKey: 'gql-{n}',
          },
        },
      }),
      keyPrefix: 'bench-graphql-',
    });
    await app.close();
    const pgbenchTps = await pgbenchInsertTps(url, pool, connections, seconds);
    const accepted = (r: autocannon.Result) => (r['2xx'] ?? 0) / seconds;
    process.stderr.write(`REST: ${r2(rest)}\nGraphQL: ${r2(graphql)}\n`);
    console.log(
      JSON.stringify({
        connections,
        seconds,
        restSubmissionsPerSecond: round(accepted(rest)),
        restP50Ms: rest.latency.p50,
        restP99Ms: rest.latency.p99,
        restNon2xx: rest.non2xx,
        graphqlSubmissionsPerSecond: round(accepted(graphql)),
        graphqlP50Ms: graphql.latency.p50,
        graphqlP99Ms: graphql.latency.p99,
        graphqlNon2xx: graphql.non2xx,
        pgbenchTps: round(pgbenchTps),
        ratio: round(accepted(rest) / pgbenchTps, 3),
      }),
    );
  } finally {
    redis.disconnect();
    await store.close();
    await pool.query(`drop schema ${schema} cascade`).catch(() => undefined);
    await pool.end();
  }
};

const r2 = (r: autocannon.Result) =>
  `${r['2xx']} accepted, ${r.non2xx} refused, ${r.errors} errors, p50 ${r.latency.p50} ms, p99 ${r.latency.p99} ms`;

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.stack : error);
  process.exit(1);
});

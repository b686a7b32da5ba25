#!/usr/bin/env node
import { parseArgs } from 'node:util';
import { DomainError } from '../domain/errors';
import { ServiceUnavailable } from '../eventstore/postgres';
import { ConfigError, loadConfig } from './config';
import { openRuntime } from './runtime';
import { apikey, token } from './commands/credentials';
import { rebuild, resumeProjection, showProjections } from './commands/projections';
import { replay } from './commands/replay';
import { erase, ReadModelNotReady, retention } from './commands/personal-data';
import { worker } from './commands/worker';
import { importFile } from './commands/import';
import { deliveries } from './commands/deliveries';
import { seed } from './commands/seed';
import { start } from './commands/start';
import { verify } from './commands/verify';
import { migrateEvents } from './commands/migrate-events';

const USAGE = `Usage: npm run casework -- <command> [options]

Commands:
  start                               serve the back office (migrates first)
  migrate                             create the database if missing and apply migrations
  seed --cases N [--seed S]           add N realistic cases through the intake (default 1000)
  replay <reference> [--as-of T|R]    show a case as of a time (ISO 8601) or revision [--json]
  verify <reference> | --all          check hash chains; exits 1 naming the first altered event
  projections                         each projection's position, lag and any stall
  projections resume <name>           try a stalled projection's event again now (after a fix)
  rebuild [name]                      rebuild projections into fresh tables and swap them in
  token --user ID [--role R] [--teams a,b]   print a development bearer token (user created if new)
  apikey create --name N [--scopes intake,webhooks] | list | revoke <name|id>
  import <file.csv|.jsonl> --service S --channel C [--key column]
                                      bring a backlog in through the intake; bad rows become exceptions
  worker                              run the workers (legacy sync, SLA timers) without the API
  deliveries [--all] | retry <id>     webhook deliveries that failed every attempt; retry one
  erase <reference> --reason R        erase the applicant's personal data (destroys their key)
  retention [--apply] [--json]        what is due for erasure under each service's retention period;
                                      --apply erases it now (the back office also does this hourly)
  migrate-events --to eventstoredb    copy the PostgreSQL event log to EVENTSTORE_CONNECTION_STRING,
                                      resumable, then compare counts and hash chains
`;

/** A failure the person can fix gets one line; anything else is a fault and shows its stack. */
const fail = (message: string, code = 1): never => {
  console.error(message);
  process.exit(code);
};

const positiveInt = (value: string | undefined, name: string, fallback: number) => {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1)
    return fail(`--${name} takes a whole number of 1 or more, not "${value}"`, 2);
  return n;
};

const main = async () => {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: {
      cases: { type: 'string' },
      seed: { type: 'string' },
      concurrency: { type: 'string' },
      'as-of': { type: 'string' },
      all: { type: 'boolean' },
      json: { type: 'boolean' },
      user: { type: 'string' },
      role: { type: 'string' },
      teams: { type: 'string' },
      name: { type: 'string' },
      scopes: { type: 'string' },
      reason: { type: 'string' },
      service: { type: 'string' },
      channel: { type: 'string' },
      key: { type: 'string' },
      apply: { type: 'boolean' },
      to: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  const [command, ...rest] = positionals;
  if (!command || values.help) {
    console.log(USAGE);
    return;
  }
  const known = [
    'start',
    'migrate',
    'seed',
    'replay',
    'verify',
    'projections',
    'rebuild',
    'token',
    'apikey',
    'erase',
    'retention',
    'worker',
    'deliveries',
    'import',
    'migrate-events',
  ];
  if (!known.includes(command)) fail(`Unknown command "${command}".\n\n${USAGE}`, 2);
  if (command === 'replay' && !rest[0])
    fail('replay needs a case reference, e.g. replay CSP-2026-000123', 2);
  if (command === 'import' && !rest[0])
    fail(
      'import needs a file, e.g. import backlog.csv --service carers-support-payment --channel post',
      2,
    );
  if (command === 'erase' && !rest[0])
    fail('erase needs a case reference, e.g. erase CSP-2026-000123 --reason "..."', 2);
  if (command === 'verify' && !rest[0] && !values.all)
    fail('verify needs a case reference or --all', 2);

  const runtime = await openRuntime(loadConfig());
  try {
    switch (command) {
      case 'start':
        return await start(runtime);
      case 'migrate':
        console.log(
          `Database migrated: ${runtime.config.DATABASE_URL.replace(/\/\/[^@]*@/, '//')}`,
        );
        return;
      case 'seed': {
        const cases = positiveInt(values.cases, 'cases', 1000);
        const started = Date.now();
        const result = await seed(runtime, {
          cases,
          seed: positiveInt(values.seed, 'seed', 1),
          concurrency: positiveInt(values.concurrency, 'concurrency', 16),
        });
        const seconds = (Date.now() - started) / 1000;
        console.log(
          `Seeded ${result.created} new cases (${cases - result.created} already there) and ${result.commands} case actions in ${seconds.toFixed(1)} s`,
        );
        return;
      }
      case 'token':
        console.log(await token(runtime, values.user!, values.role, values.teams));
        return;
      case 'staff': {
        if (rest[0] !== 'deactivate' || !rest[1]) fail('staff takes: deactivate <staff id>', 2);
        if (!(await runtime.identity.deactivateStaffUser(rest[1]!)))
          fail(`No active member of staff ${rest[1]}`);
        console.log(`Deactivated ${rest[1]}: their tokens are refused from now on`);
        return;
      }
      case 'apikey':
        console.log(
          await apikey(runtime, rest[0], {
            name: values.name,
            scopes: values.scopes,
            target: rest[1],
          }),
        );
        return;
      case 'projections':
        if (rest[0] === 'resume') {
          const { ok, text } = await resumeProjection(runtime, rest[1]);
          if (!ok) fail(text);
          console.log(text);
          return;
        }
        if (rest[0] !== undefined) fail(`projections takes no argument but "resume <name>"`, 2);
        console.log(await showProjections(runtime));
        return;
      case 'rebuild':
        console.log(await rebuild(runtime, rest[0]));
        return;
      case 'import':
        console.log(
          await importFile(runtime, rest[0]!, {
            service: values.service,
            channel: values.channel,
            key: values.key,
          }),
        );
        return;
      case 'worker':
        return await worker(runtime);
      case 'deliveries':
        console.log(await deliveries(runtime, rest[0], rest[1], values.all ?? false));
        return;
      case 'erase':
        console.log(await erase(runtime, rest[0]!, values.reason));
        return;
      case 'retention':
        console.log(await retention(runtime, values.apply ?? false, values.json ?? false));
        return;
      case 'replay':
        console.log(await replay(runtime, rest[0]!, values['as-of'], values.json ?? false));
        return;
      case 'migrate-events': {
        const { ok, text } = await migrateEvents(runtime, values.to);
        if (!ok) fail(text);
        console.log(text);
        return;
      }
      case 'verify': {
        const verifier = await verify(runtime, values.all ? undefined : rest[0]);
        if (verifier.altered.length === 0) {
          console.log(`Verified ${verifier.checked} events: every hash chain is intact.`);
          return;
        }
        for (const a of verifier.altered) {
          console.error(
            `ALTERED: event ${a.eventId} in ${a.streamId} at revision ${a.revision}: ${a.reason}`,
          );
        }
        fail(
          `Verification failed: ${verifier.altered.length} stream(s) altered out of ${verifier.checked} events checked.`,
        );
      }
    }
  } finally {
    await runtime.close();
  }
};

main().catch((error: unknown) => {
  if (
    error instanceof ServiceUnavailable ||
    error instanceof ConfigError ||
    error instanceof ReadModelNotReady ||
    error instanceof DomainError
  ) {
    fail(error.message);
  }
  if (
    error instanceof RangeError ||
    (error instanceof TypeError && (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS'))
  ) {
    fail(error.message, 2);
  }
  console.error(error);
  process.exit(1);
});

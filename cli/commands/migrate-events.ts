import { openEventStoreDbEventStore } from '../../eventstore/eventstoredb';
import { copyEventLog, copyLogMigrations } from '../../eventstore/eventstoredb/copy-log';
import { migrate } from '../../eventstore/postgres';
import { START } from '../../eventstore/position';
import { ProgressBar } from '../progress';
import type { Runtime } from '../runtime';

/**
 * `migrate-events --to eventstoredb`: copies this PostgreSQL event log to the EventStoreDB
 * at EVENTSTORE_CONNECTION_STRING. Run it again to resume after an interruption, or to
 * bring over what arrived since the last run; then set EVENT_STORE=eventstoredb.
 */
export const migrateEvents = async (runtime: Runtime, to: string | undefined) => {
  if (to !== 'eventstoredb') {
    throw new RangeError('migrate-events needs --to eventstoredb');
  }
  const { config, pool, eventLog } = runtime;
  if (config.EVENT_STORE !== 'postgres') {
    throw new RangeError(
      'migrate-events copies the PostgreSQL log: run it with EVENT_STORE unset.',
    );
  }
  if (!config.EVENTSTORE_CONNECTION_STRING) {
    throw new RangeError('migrate-events needs EVENTSTORE_CONNECTION_STRING (where to copy to).');
  }
  await migrate(pool, config.DATABASE_SCHEMA, 'event-log-copies', copyLogMigrations);
  const target = await openEventStoreDbEventStore({
    connectionString: config.EVENTSTORE_CONNECTION_STRING,
    pool,
    schema: config.DATABASE_SCHEMA,
  });
  try {
    const progress = new ProgressBar(await eventLog.countAfter(START), 'events');
    let reported = 0;
    const report = await copyEventLog({
      source: eventLog,
      target,
      pool,
      targetName: config.EVENTSTORE_CONNECTION_STRING.replace(/\/\/[^@/]*@/, '//'),
      onProgress: (copied) => {
        progress.tick(copied - reported);
        reported = copied;
      },
    });
    const lines = [
      `Copied ${report.eventsCopied} events to EventStoreDB${report.resumedFrom === START ? '' : ' (resumed)'}.`,
      `Events: ${report.sourceEvents} in PostgreSQL, ${report.targetEvents} in EventStoreDB.`,
      `Hash chains: ${report.streamsVerified} streams checked, ${report.altered.length} differ.`,
      ...report.altered.map((a) => `DIFFERS: ${a.streamId} at revision ${a.revision}: ${a.reason}`),
    ];
    return { ok: report.ok, text: lines.join('\n') };
  } finally {
    await target.close();
  }
};

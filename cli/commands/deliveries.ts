import { deliveryOptions } from '../../workers';
import { failedDeliveries, retryDelivery } from '../../workers/legacy-sync/failed-deliveries';
import { openQueues } from '../../workers/queues';
import type { Runtime } from '../runtime';
import { cliOperator } from '../config';
import { queueSettings } from './worker';

/** `casework deliveries [--all]` lists failed webhook deliveries; `deliveries retry <id>` sends one again. */
export const deliveries = async (
  runtime: Runtime,
  action: string | undefined,
  id: string | undefined,
  all: boolean,
): Promise<string> => {
  if (action === 'retry') {
    if (!id) throw new RangeError('deliveries retry needs the id of a failed delivery');
    const settings = queueSettings(runtime.config);
    const queues = openQueues(settings);
    try {
      const by = cliOperator(runtime.config, 'admin').id;
      const retried = await retryDelivery(
        runtime.pool,
        queues.legacySync,
        id,
        by,
        deliveryOptions(settings),
      );
      return `Retrying delivery of ${retried.reference}'s event ${retried.eventId} to endpoint ${retried.endpointId}.`;
    } finally {
      await queues.close();
    }
  }
  if (action !== undefined)
    throw new RangeError(`Unknown deliveries action "${action}": use retry`);
  const failed = await failedDeliveries(runtime.pool, all);
  if (failed.length === 0) return 'No failed deliveries.';
  return failed
    .map(
      (f) =>
        `${f.id}  ${f.reference}  ${f.failedAt.slice(0, 16)}  ${f.attempts} attempts  ${f.retriedAt ? `retried by ${f.retriedBy}` : f.error}`,
    )
    .join('\n');
};

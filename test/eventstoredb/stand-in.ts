import { Server, ServerCredentials } from '@grpc/grpc-js';
import { ServerFeaturesService } from '@eventstore/db-client/generated/serverfeatures_grpc_pb';
import { StreamsService } from '@eventstore/db-client/generated/streams_grpc_pb';
import type { LiveSubscriptions } from './stand-in/all-subscription';
import { append } from './stand-in/append';
import { batchAppend } from './stand-in/batch-append';
import { EventLog } from './stand-in/event-log';
import { read } from './stand-in/read';
import { serverFeatures, type ServedService } from './stand-in/server-features';
import { writeSystemEvents } from './stand-in/system-events';

/**
 * An EventStoreDB node in this process, in memory, speaking the gRPC protocol of
 * @eventstore/db-client from the service definitions that ship with the client. Tests
 * only: see README.md for what it reproduces and what it does not.
 */
export interface EventStoreDbStandIn {
  /** esdb://127.0.0.1:<port>?tls=false */
  connectionString: string;
  /** Ends every live subscription with UNAVAILABLE, as a restart or a leader change does. */
  dropSubscriptions(): void;
  /** How many subscription calls the node is serving: proves a client let go of its own. */
  liveSubscriptions(): number;
  /** How far into the log each live subscription has sent: shows a slow reader holds it back. */
  subscriptionProgress(): number[];
  close(): Promise<void>;
}

export const startEventStoreDbStandIn = async (): Promise<EventStoreDbStandIn> => {
  const log = new EventLog();
  writeSystemEvents(log);
  const live: LiveSubscriptions = new Set();
  const streams: ServedService = {
    definition: StreamsService,
    implementation: { read: read(log, live), append: append(log), batchAppend: batchAppend(log) },
  };
  const features: ServedService = {
    definition: ServerFeaturesService,
    implementation: { getSupportedMethods: serverFeatures([streams]) },
  };
  const server = new Server();
  for (const { definition, implementation } of [streams, features]) {
    server.addService(definition, implementation);
  }
  const port = await new Promise<number>((resolve, reject) =>
    server.bindAsync('127.0.0.1:0', ServerCredentials.createInsecure(), (error, bound) =>
      error ? reject(error) : resolve(bound),
    ),
  );
  return {
    connectionString: `esdb://127.0.0.1:${port}?tls=false`,
    dropSubscriptions: () => {
      for (const subscription of [...live]) subscription.drop();
    },
    liveSubscriptions: () => live.size,
    subscriptionProgress: () => [...live].map((subscription) => subscription.recordsSent),
    close: async () => {
      for (const subscription of [...live]) subscription.stop();
      server.forceShutdown();
    },
  };
};

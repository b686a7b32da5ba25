import { startEventStoreDbStandIn } from './stand-in';

export interface EventStoreServer {
  connectionString: string;
  /** Ends every live subscription as a restart would; only the stand-in can. */
  dropSubscriptions?: () => void;
  /** How far each live subscription has sent; only the stand-in can tell. */
  subscriptionProgress?: () => number[];
  close(): Promise<void>;
}

/**
 * The EventStoreDB the tests run against: a real server when EVENTSTORE_CONNECTION_STRING
 * is set, otherwise the in-process stand-in.
 */
export const eventStoreServer = async (): Promise<EventStoreServer> => {
  const real = process.env.EVENTSTORE_CONNECTION_STRING;
  if (real) return { connectionString: real, close: async () => undefined };
  const standIn = await startEventStoreDbStandIn();
  return {
    connectionString: standIn.connectionString,
    dropSubscriptions: () => standIn.dropSubscriptions(),
    subscriptionProgress: () => standIn.subscriptionProgress(),
    close: () => standIn.close(),
  };
};

import { startEventStoreDbStandIn } from './stand-in';

/**
 * Runs the stand-in on its own until interrupted, printing its connection string: for
 * trying the benchmarks' EventStoreDB path on a machine without EventStoreDB. Its figures
 * measure this in-memory stand-in, not a real server.
 */
const main = async () => {
  const standIn = await startEventStoreDbStandIn();
  console.log(standIn.connectionString);
  const stop = () => void standIn.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
};

void main();

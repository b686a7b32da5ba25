import autocannon from 'autocannon';
import { fork } from 'node:child_process';

/**
 * The load generator runs in a process of its own, as pgbench does: sharing the server's
 * event loop would charge the server for building requests and parsing responses. (Not a
 * worker thread: autocannon reports differently when it finds itself on one.)
 */
export interface Load {
  url: string;
  connections: number;
  seconds: number;
  headers: Record<string, string>;
  /** The request body; every `{n}` becomes the request's number, unique in this load. */
  body: string;
  /** Each request's Idempotency-Key is this followed by its number. */
  keyPrefix: string;
}

const generate = ({ url, connections, seconds, headers, body, keyPrefix }: Load) =>
  new Promise<autocannon.Result>((resolve, reject) => {
    let n = 0;
    autocannon(
      {
        url,
        connections,
        duration: seconds,
        requests: [
          {
            method: 'POST',
            setupRequest: (request) => {
              n++;
              return {
                ...request,
                headers: {
                  ...headers,
                  'content-type': 'application/json',
                  'idempotency-key': `${keyPrefix}${n}`,
                },
                body: body.replaceAll('{n}', String(n)),
              };
            },
          },
        ],
      },
      (error, result) => (error ? reject(error) : resolve(result)),
    );
  });

/** Runs a load in a child process and resolves with autocannon's result. */
export const runLoad = (load: Load) =>
  new Promise<autocannon.Result>((resolve, reject) => {
    const child = fork(__filename, [], { stdio: 'inherit' });
    child.once('message', (result: autocannon.Result) => {
      resolve(result);
      child.disconnect();
    });
    child.once('error', reject);
    child.once('exit', (code) => {
      if (code) reject(new Error(`The load generator exited with ${code}`));
    });
    child.send(load);
  });

if (require.main === module) {
  process.once('message', (load: Load) => {
    void generate(load).then((result) => process.send!(result));
  });
}

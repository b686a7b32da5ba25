import { Client } from 'pg';
import { connectionConfig } from './database';

/**
 * Wakes subscribers when new events may be readable. Appends in this process wake them
 * at once; other processes' appends arrive by LISTEN/NOTIFY. NOTIFY is sent after the
 * append commits, outside its transaction, because a notifying transaction holds a
 * database-wide lock through its commit and would serialise every append.
 * Notifications are coalesced: one in flight at a time, then at most one more every few
 * milliseconds while appends keep coming.
 */
const NOTIFY_SPACING_MS = 5;

export class WakeUp {
  private generation = 0;
  private waiters = new Set<() => void>();
  private listener: Client | undefined;
  private listening: Promise<void> | undefined;
  private notifying = false;
  private notifyAgain = false;
  private closed = false;

  constructor(
    private readonly url: string,
    private readonly channel: string,
    private readonly notify: (channel: string) => Promise<unknown>,
  ) {}

  /** A token to pass to `wait`: a wake-up after the token was taken makes `wait` return at once. */
  token(): number {
    return this.generation;
  }

  wake(): void {
    this.generation++;
    const waiters = [...this.waiters];
    this.waiters.clear();
    for (const resolve of waiters) resolve();
  }

  /** Resolves on the next wake-up since `token`, or after `ms` (the polling fallback). */
  wait(token: number, ms: number): Promise<void> {
    if (token !== this.generation || this.closed) return Promise.resolve();
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.waiters.delete(done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.waiters.add(done);
    });
  }

  /** Called after an append commits. */
  appended(): void {
    this.wake();
    if (this.notifying) {
      this.notifyAgain = true;
      return;
    }
    this.notifying = true;
    void this.sendNotifications();
  }

  private async sendNotifications(): Promise<void> {
    for (;;) {
      this.notifyAgain = false;
      // A lost notification only delays other processes until their next poll.
      await this.notify(this.channel).catch(() => undefined);
      if (!this.notifyAgain || this.closed) break;
      // Under load, one notification every few milliseconds wakes other processes just
      // as well as one per append, without a query per append.
      await new Promise((resolve) => setTimeout(resolve, NOTIFY_SPACING_MS));
    }
    this.notifying = false;
  }

  /** Starts listening for other processes' appends (once; reconnects if the connection drops). */
  listen(): Promise<void> {
    this.listening ??= this.connect();
    return this.listening;
  }

  private async connect(): Promise<void> {
    if (this.closed) return;
    const client = new Client(connectionConfig(this.url, { application_name: 'casework-listen' }));
    this.listener = client;
    const reconnect = () => {
      if (this.listener !== client || this.closed) return;
      this.listener = undefined;
      client.end().catch(() => undefined);
      this.wake(); // events may have been appended while we could not hear them
      setTimeout(() => {
        this.listening = this.connect().catch(() => reconnect());
      }, 1000).unref();
    };
    client.on('error', reconnect);
    client.on('end', reconnect);
    client.on('notification', () => this.wake());
    try {
      await client.connect();
      await client.query(`listen "${this.channel}"`);
    } catch {
      reconnect();
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    this.wake();
    const listener = this.listener;
    this.listener = undefined;
    await listener?.end().catch(() => undefined);
  }
}

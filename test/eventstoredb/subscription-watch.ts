import type {
  AllStreamRecordedEvent,
  AllStreamResolvedEvent,
  AllStreamSubscription,
  Position,
} from '@eventstore/db-client';

/** What a subscription has delivered so far, and a way to wait for more without sleeping. */
export class SubscriptionWatch {
  readonly events: AllStreamRecordedEvent[] = [];
  readonly checkpoints: Position[] = [];
  confirmed = false;
  /** How many events had arrived when the server said the subscription caught up. */
  caughtUpAfter: number | undefined;
  error: unknown;
  private readonly waiters = new Set<() => void>();

  /** Give this to a filter's `checkpointReached`. */
  readonly checkpointReached = (_subscription: AllStreamSubscription, position: Position) => {
    this.checkpoints.push(position);
    this.changed();
  };

  follow(subscription: AllStreamSubscription): AllStreamSubscription {
    subscription.on('confirmation', () => {
      this.confirmed = true;
      this.changed();
    });
    subscription.on('caughtUp', () => {
      this.caughtUpAfter = this.events.length;
      this.changed();
    });
    subscription.on('data', (resolved: AllStreamResolvedEvent) => {
      if (resolved.event) this.events.push(resolved.event);
      this.changed();
    });
    subscription.on('error', (error: unknown) => {
      this.error = error;
      this.changed();
    });
    return subscription;
  }

  /** Resolves once `condition` holds; rejects if the subscription fails first. */
  until(condition: (watch: SubscriptionWatch) => boolean): Promise<void> {
    return new Promise((resolve, reject) => {
      const check = () => {
        if (condition(this)) resolve();
        else if (this.error !== undefined) reject(this.error);
        else return;
        this.waiters.delete(check);
      };
      this.waiters.add(check);
      check();
    });
  }

  get types(): string[] {
    return this.events.map((event) => event.type);
  }

  private changed(): void {
    for (const waiter of [...this.waiters]) waiter();
  }
}

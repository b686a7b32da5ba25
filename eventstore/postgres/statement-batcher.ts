/**
 * Runs many callers' small statements as one: calls that arrive while a statement is in
 * flight wait and go together in the next, as soon as a slot frees up. At low load each
 * call runs at once on its own; under load, one round trip and one commit (one WAL flush)
 * serve a whole batch. A caller's promise settles only after its batch's statement has
 * finished, so nothing is reported done before it is committed.
 *
 * When a batch's statement fails as a whole, each call in it runs again on its own, so one
 * call's problem is reported to it alone; a call alone is retried a few times on errors
 * after which nothing committed and a retry is safe (deadlock, serialization failure, a
 * unique key raced in by another process).
 */

/** What one call in a batch came to: its result, or the error to report to it alone. */
export type Outcome<T> = { value: T } | { error: unknown };

export interface StatementBatcherOptions<In> {
  /** How many statements may be in flight at once. */
  maxInFlight?: number;
  maxBatch?: number;
  /** An upper bound on a batch's total weight (e.g. bytes), with `weigh`. */
  maxBatchWeight?: number;
  weigh?: (input: In) => number;
  /** Errors (by SQLSTATE) after which the failed statement may safely run again. */
  retryable?: ReadonlySet<string>;
}

interface Waiting<In, Out> {
  input: In;
  resolve(value: Out): void;
  reject(error: unknown): void;
}

const RETRYABLE = new Set(['23505', '40P01', '40001']);
const ATTEMPTS = 3;

export class StatementBatcher<In, Out> {
  private readonly queue: Waiting<In, Out>[] = [];
  private inFlight = 0;
  private readonly maxInFlight: number;
  private readonly maxBatch: number;
  private readonly maxBatchWeight: number;
  private readonly weigh: (input: In) => number;
  private readonly retryable: ReadonlySet<string>;

  constructor(
    /** Runs one batch: one outcome per input, in the inputs' order. */
    private readonly run: (inputs: In[]) => Promise<Outcome<Out>[]>,
    options: StatementBatcherOptions<In> = {},
  ) {
    this.maxInFlight = options.maxInFlight ?? 2;
    this.maxBatch = options.maxBatch ?? 100;
    this.maxBatchWeight = options.maxBatchWeight ?? Infinity;
    this.weigh = options.weigh ?? (() => 0);
    this.retryable = options.retryable ?? RETRYABLE;
  }

  submit(input: In): Promise<Out> {
    return new Promise<Out>((resolve, reject) => {
      this.queue.push({ input, resolve, reject });
      this.drain();
    });
  }

  private drain(): void {
    while (this.inFlight < this.maxInFlight && this.queue.length > 0) {
      const batch: Waiting<In, Out>[] = [];
      let weight = 0;
      while (this.queue.length > 0 && batch.length < this.maxBatch) {
        const next = this.weigh(this.queue[0]!.input);
        if (batch.length > 0 && weight + next > this.maxBatchWeight) break;
        weight += next;
        batch.push(this.queue.shift()!);
      }
      this.inFlight++;
      void this.execute(batch).finally(() => {
        this.inFlight--;
        this.drain();
      });
    }
  }

  private async execute(batch: Waiting<In, Out>[], attempt = 1): Promise<void> {
    let outcomes: Outcome<Out>[];
    try {
      outcomes = await this.run(batch.map((w) => w.input));
    } catch (error) {
      const code = (error as { code?: string }).code ?? '';
      if (batch.length > 1) {
        await Promise.all(batch.map((w) => this.execute([w], attempt)));
      } else if (this.retryable.has(code) && attempt < ATTEMPTS) {
        await this.execute(batch, attempt + 1);
      } else {
        batch[0]!.reject(error);
      }
      return;
    }
    batch.forEach((waiting, index) => {
      const outcome = outcomes[index];
      if (!outcome) waiting.reject(new Error('The batched statement returned no outcome'));
      else if ('error' in outcome) waiting.reject(outcome.error);
      else waiting.resolve(outcome.value);
    });
  }
}

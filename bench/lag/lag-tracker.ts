import type { Position } from '../../eventstore/position';

interface Awaiting {
  position: Position;
  /** performance.now() when the submission resolved, i.e. after its append committed. */
  resolvedAt: number;
}

/** Submissions by position, earliest first (positions compare as strings). */
class ByPosition {
  private readonly items: Awaiting[] = [];

  get size() {
    return this.items.length;
  }

  push(item: Awaiting) {
    const { items } = this;
    items.push(item);
    for (let i = items.length - 1; i > 0;) {
      const parent = (i - 1) >> 1;
      if (items[parent]!.position <= item.position) break;
      [items[i], items[parent]] = [items[parent]!, items[i]!];
      i = parent;
    }
  }

  /** Removes and returns every item at or before `position`. */
  takeUpTo(position: Position): Awaiting[] {
    const taken: Awaiting[] = [];
    const { items } = this;
    while (items.length > 0 && items[0]!.position <= position) {
      taken.push(items[0]!);
      const last = items.pop()!;
      if (items.length === 0) break;
      items[0] = last;
      for (let i = 0; ;) {
        const [l, r] = [2 * i + 1, 2 * i + 2];
        let least = i;
        if (l < items.length && items[l]!.position < items[least]!.position) least = l;
        if (r < items.length && items[r]!.position < items[least]!.position) least = r;
        if (least === i) break;
        [items[i], items[least]] = [items[least]!, items[i]!];
        i = least;
      }
    }
    return taken;
  }
}

/**
 * Projection lag per submission: from the moment `submitApplication` resolved to the moment
 * the projection's checkpoint reached the submission's position. A checkpoint can get there
 * first (the submission reads its case back after appending); that lag counts as zero.
 */
export class LagTracker {
  private readonly awaiting = new Map<string, ByPosition>();
  private readonly reached = new Map<string, Position>();
  readonly lags = new Map<string, number[]>();
  reachedBeforeResolved = 0;
  private drainedWaiters: (() => void)[] = [];

  constructor(names: readonly string[], start: Position) {
    for (const name of names) {
      this.awaiting.set(name, new ByPosition());
      this.reached.set(name, start);
      this.lags.set(name, []);
    }
  }

  resolved(position: Position, at: number) {
    for (const [name, awaiting] of this.awaiting) {
      if (this.reached.get(name)! >= position) {
        this.lags.get(name)!.push(0);
        this.reachedBeforeResolved++;
      } else {
        awaiting.push({ position, resolvedAt: at });
      }
    }
  }

  moved(name: string, position: Position, at: number) {
    const awaiting = this.awaiting.get(name);
    if (!awaiting) return;
    if (position > this.reached.get(name)!) this.reached.set(name, position);
    const lags = this.lags.get(name)!;
    for (const { resolvedAt } of awaiting.takeUpTo(position)) lags.push(at - resolvedAt);
    if (this.isDrained()) for (const wake of this.drainedWaiters.splice(0)) wake();
  }

  /** How many resolved submissions each projection has yet to reach. */
  backlog(): string {
    return [...this.awaiting].map(([name, a]) => `${name} ${a.size}`).join(', ');
  }

  private isDrained() {
    return [...this.awaiting.values()].every((a) => a.size === 0);
  }

  /** Resolves once every resolved submission has been reached by every projection. */
  drained(): Promise<void> {
    return this.isDrained()
      ? Promise.resolve()
      : new Promise((resolve) => this.drainedWaiters.push(resolve));
  }
}

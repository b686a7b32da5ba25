/**
 * A progress bar on stderr for long commands (seed, import). On a terminal it redraws one
 * line; in CI logs it prints a line every tenth of the way.
 */
export class ProgressBar {
  private done = 0;
  private readonly started = Date.now();
  private lastDraw = 0;
  private lastTenth = -1;

  constructor(
    private readonly total: number,
    private readonly unit: string,
    private readonly out: NodeJS.WriteStream = process.stderr,
  ) {}

  tick(count = 1): void {
    this.done += count;
    const now = Date.now();
    if (this.out.isTTY) {
      if (now - this.lastDraw >= 100 || this.done >= this.total) {
        this.lastDraw = now;
        this.out.write(`\r${this.line()}`);
      }
    } else {
      const tenth = Math.floor((this.done / Math.max(this.total, 1)) * 10);
      if (tenth > this.lastTenth) {
        this.lastTenth = tenth;
        this.out.write(`${this.line()}\n`);
      }
    }
  }

  finish(): void {
    if (this.out.isTTY) this.out.write(`\r${this.line()}\n`);
  }

  private line(): string {
    const width = 30;
    const ratio = this.total ? Math.min(this.done / this.total, 1) : 1;
    const filled = Math.round(ratio * width);
    const seconds = (Date.now() - this.started) / 1000;
    const rate = seconds > 0 ? this.done / seconds : 0;
    const eta = rate > 0 ? Math.ceil((this.total - this.done) / rate) : 0;
    return `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${this.done}/${this.total} ${this.unit} ${Math.round(rate)}/s${this.done < this.total ? ` eta ${eta}s` : ` in ${seconds.toFixed(1)}s`}`;
  }
}

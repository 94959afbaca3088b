/** The gate's queue was full: the caller should answer "busy, retry" (503) rather than wait. */
export class GateFull extends Error {
  constructor(readonly waiting: number) {
    super(`${waiting} tasks already waiting`);
  }
}

/**
 * At most `limit` tasks run at once; the others wait in arrival order, at most `queueLimit` of
 * them (one more is refused with GateFull). On a database with as many cores as `limit`, tasks
 * that run to completion one after another finish a heavy one in its own time plus its wait,
 * where tasks sharing the cores all at once would each take as long as the crowd: the mean is
 * the same, the tail is shorter (docs/architecture.md §12, "Tiles wait their turn").
 */
export class ConcurrencyGate {
  private running = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(
    private readonly limit: number,
    private readonly queueLimit: number,
  ) {}

  /** Tasks running now and waiting now: what the gate's tests observe. */
  get load(): { running: number; waiting: number } {
    return { running: this.running, waiting: this.waiting.length };
  }

  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.running < this.limit) this.running++;
    else if (this.waiting.length >= this.queueLimit) throw new GateFull(this.waiting.length);
    // The finishing task hands its slot straight to the first in line, so `running` stays counted.
    else await new Promise<void>((resolve) => this.waiting.push(resolve));
    try {
      return await task();
    } finally {
      const next = this.waiting.shift();
      if (next) next();
      else this.running--;
    }
  }
}

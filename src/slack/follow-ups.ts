/**
 * Work that follows an acknowledged answer (the invitation's "saved — 3 of 8" line, App Home),
 * at most once per person per window: the first request runs at once; any more within the
 * window run once together at its end. The work reads the current state when it runs, so the
 * last run shows everything saved before it. Best effort and in this process only: what it
 * shows is already stored, and the next answer or App Home visit shows it again.
 *
 * At most `concurrency` of them run at a time; the rest wait their turn. Fifty colleagues who
 * reach the end of a form together would otherwise put some five hundred database commands
 * ahead of the next person's answer, whose ack Slack expects within 3 s.
 */
export class FollowUps {
  private readonly windows = new Map<string, { again?: () => Promise<void> }>();
  private readonly waiting: (() => Promise<void>)[] = [];
  private running = 0;

  constructor(
    private readonly onError: (err: unknown) => void,
    private readonly windowMs = 5_000,
    private readonly concurrency = 2,
  ) {}

  run(key: string, work: () => Promise<void>): void {
    const open = this.windows.get(key);
    if (open) {
      open.again = work;
      return;
    }
    this.start(key, work);
  }

  private start(key: string, work: () => Promise<void>): void {
    const window: { again?: () => Promise<void> } = {};
    this.windows.set(key, window);
    this.enqueue(work);
    const timer = setTimeout(() => {
      this.windows.delete(key);
      if (window.again) this.start(key, window.again);
    }, this.windowMs);
    timer.unref?.();
  }

  private enqueue(work: () => Promise<void>): void {
    this.waiting.push(work);
    this.drain();
  }

  private drain(): void {
    while (this.running < this.concurrency && this.waiting.length) {
      const work = this.waiting.shift()!;
      this.running++;
      void work()
        .catch(this.onError)
        .finally(() => {
          this.running--;
          this.drain();
        });
    }
  }

  /** People with a window open (tests, metrics). */
  get size(): number {
    return this.windows.size;
  }

  /** Follow-ups waiting for their turn (tests, metrics). */
  get queued(): number {
    return this.waiting.length;
  }
}

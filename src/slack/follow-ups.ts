/**
 * Work that follows an acknowledged answer (the invitation's "saved — 3 of 8" line, App Home),
 * at most once per person per window: the first request runs at once; any more within the
 * window run once together at its end. The work reads the current state when it runs, so the
 * last run shows everything saved before it. Best effort and in this process only: what it
 * shows is already stored, and the next answer or App Home visit shows it again.
 */
export class FollowUps {
  private readonly windows = new Map<string, { again?: () => Promise<void> }>();

  constructor(
    private readonly onError: (err: unknown) => void,
    private readonly windowMs = 5_000,
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
    void work().catch(this.onError);
    const timer = setTimeout(() => {
      this.windows.delete(key);
      if (window.again) this.start(key, window.again);
    }, this.windowMs);
    timer.unref?.();
  }

  /** People with a window open (tests, metrics). */
  get size(): number {
    return this.windows.size;
  }
}

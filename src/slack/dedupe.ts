/**
 * Answers the same request once. Slack re-sends a request it got no answer to within 3 s
 * (X-Slack-Retry-Num on events; a view submitted again after a timeout or a double click carries
 * the same view id and hash), and the second copy must neither store nor send anything again: it
 * gets the first copy's answer, and the work after the answer runs once.
 *
 * In memory, per process: retries arrive within minutes, at the process that was too slow.
 */
export class Deduplicator {
  private readonly entries = new Map<string, { at: number; result: Promise<unknown> }>();
  constructor(
    private readonly ttlMs = 15 * 60 * 1000,
    private readonly now: () => number = Date.now,
  ) {}

  /** Runs `work` for the first request with this key; later ones get the same (pending) result. */
  async once<T>(key: string, work: () => Promise<T>): Promise<{ result: T; first: boolean }> {
    this.sweep();
    const existing = this.entries.get(key);
    if (existing) return { result: (await existing.result) as T, first: false };
    const result = work();
    this.entries.set(key, { at: this.now(), result });
    try {
      return { result: await result, first: true };
    } catch (e) {
      // A failure is not an answer: a retry should try again.
      this.entries.delete(key);
      throw e;
    }
  }

  private sweep(): void {
    const cutoff = this.now() - this.ttlMs;
    for (const [key, entry] of this.entries) if (entry.at < cutoff) this.entries.delete(key);
  }
}

/**
 * Typed values of the earlier pages of a section that does not fit one modal. The section is
 * saved (and validated) as a whole when its last page is submitted, as the core wants; until
 * then the earlier pages' values wait here. Lost on a restart, which only means retyping a page —
 * nothing the person was told is saved lives here.
 */
export class SectionDrafts {
  private readonly drafts = new Map<string, { at: number; fields: Record<string, string> }>();
  constructor(
    private readonly ttlMs = 24 * 60 * 60 * 1000,
    private readonly now: () => number = Date.now,
  ) {}

  private key(teamId: string, userId: string, roundId: string, section: string): string {
    return `${teamId}:${userId}:${roundId}:${section}`;
  }

  merge(teamId: string, userId: string, roundId: string, section: string, fields: Record<string, string>): Record<string, string> {
    const key = this.key(teamId, userId, roundId, section);
    const merged = { ...(this.drafts.get(key)?.fields ?? {}), ...fields };
    this.drafts.set(key, { at: this.now(), fields: merged });
    this.sweep();
    return merged;
  }

  get(teamId: string, userId: string, roundId: string, section: string): Record<string, string> {
    return this.drafts.get(this.key(teamId, userId, roundId, section))?.fields ?? {};
  }

  clear(teamId: string, userId: string, roundId: string, section: string): void {
    this.drafts.delete(this.key(teamId, userId, roundId, section));
  }

  private sweep(): void {
    const cutoff = this.now() - this.ttlMs;
    for (const [key, d] of this.drafts) if (d.at < cutoff) this.drafts.delete(key);
  }
}

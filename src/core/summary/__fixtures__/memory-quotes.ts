import type { Quote, QuoteRepository } from '../../ports';

/** An in-memory QuoteRepository with the port's semantics (idempotent insert, atomic moderate). */
export class MemoryQuoteRepository implements QuoteRepository {
  readonly byId = new Map<string, Quote>();

  async insertMany(quotes: Quote[]): Promise<void> {
    for (const q of quotes) if (!this.byId.has(q.id)) this.byId.set(q.id, structuredClone(q));
  }

  async listByRound(roundId: string, opts: { statuses?: Quote['status'][]; batch?: string } = {}): Promise<Quote[]> {
    return [...this.byId.values()]
      .filter((q) => q.roundId === roundId && (!opts.statuses || opts.statuses.includes(q.status)) && (opts.batch === undefined || q.batch === opts.batch))
      .map((q) => structuredClone(q));
  }

  async get(id: string): Promise<Quote | null> {
    const q = this.byId.get(id);
    return q ? structuredClone(q) : null;
  }

  async settleText(id: string, text: string, outcome: 'edited' | 'deleted'): Promise<void> {
    const q = this.byId.get(id);
    if (!q) return;
    delete q.editedText;
    Object.assign(q, { text }, outcome === 'edited' ? { edited: true } : { textDeleted: true });
  }

  async keepOnlySections(roundId: string, sections: readonly string[]): Promise<void> {
    for (const [id, q] of this.byId) if (q.roundId === roundId && !sections.includes(q.section)) this.byId.delete(id);
  }

  async discardOtherBatches(roundId: string, batch: string): Promise<void> {
    for (const [id, q] of this.byId) if (q.roundId === roundId && q.batch !== batch) this.byId.delete(id);
  }

  async moderate(id: string, patch: Partial<Pick<Quote, 'status' | 'editedText' | 'themes'>>, now: Date): Promise<Quote | null> {
    const q = this.byId.get(id);
    if (!q) return null;
    Object.assign(q, patch, { updatedAt: now });
    return structuredClone(q);
  }

  async approvePending(roundId: string, ids: readonly string[], now: Date): Promise<number> {
    let changed = 0;
    for (const id of new Set(ids)) {
      const q = this.byId.get(id);
      if (q && q.roundId === roundId && q.status === 'pending') {
        Object.assign(q, { status: 'approved', updatedAt: now });
        changed++;
      }
    }
    return changed;
  }
}

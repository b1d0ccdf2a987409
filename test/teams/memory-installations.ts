import type { InstallationRepository } from '../../src/core/ports';

/** The installations port in memory, with the store's semantics (upsert, field-equality filter, key order). */
export class MemoryInstallations implements InstallationRepository {
  readonly docs = new Map<string, { platform: string; key: string; data: Record<string, unknown> }>();

  async save(platform: string, key: string, data: Record<string, unknown>): Promise<void> {
    this.docs.set(`${platform}\u0000${key}`, { platform, key, data: structuredClone(data) });
  }
  async get(platform: string, key: string): Promise<Record<string, unknown> | null> {
    const doc = this.docs.get(`${platform}\u0000${key}`);
    return doc ? structuredClone(doc.data) : null;
  }
  async delete(platform: string, key: string): Promise<void> {
    this.docs.delete(`${platform}\u0000${key}`);
  }
  async list(platform: string, filter: Record<string, unknown> = {}): Promise<Record<string, unknown>[]> {
    return [...this.docs.values()]
      .filter((d) => d.platform === platform && Object.entries(filter).every(([k, v]) => d.data[k] === v))
      .sort((a, b) => a.key.localeCompare(b.key))
      .map((d) => structuredClone(d.data));
  }
}

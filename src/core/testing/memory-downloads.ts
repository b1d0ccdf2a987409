import type { Download, DownloadRepository } from '../ports';

/** The downloads port's contract in memory, for unit specs (test/store/downloads.test.ts checks the MongoDB one). */
export function memoryDownloads(): DownloadRepository {
  const files = new Map<string, Download>();
  return {
    save: async (d) => void files.set(d.token, d),
    get: async (token, now) => {
      const d = files.get(token);
      return d && d.expiresAt > now ? d : null;
    },
  };
}

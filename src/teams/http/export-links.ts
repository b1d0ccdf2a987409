import { randomBytes } from 'node:crypto';
import type { Clock } from '../../core/ports';
import type { ExportFile } from '../card-actions';

/**
 * Exports reach the coordinator as a short-lived, unguessable download link on a card
 * (Action.OpenUrl), which works in a channel and in personal chat alike; Teams' file-consent
 * flow works only in personal chat and needs OneDrive. The files live in memory only: a link
 * dies with the process or after `ttlMs`, and a new `export` makes a new one.
 */
export class ExportLinks {
  private readonly files = new Map<string, { file: ExportFile; expiresAt: number }>();

  constructor(
    private readonly clock: Clock,
    private readonly baseUrl: () => string,
    readonly ttlMs = 15 * 60_000,
  ) {}

  offer(file: ExportFile): { url: string; minutes: number } {
    this.sweep();
    const token = randomBytes(24).toString('base64url');
    this.files.set(token, { file, expiresAt: this.clock.now().getTime() + this.ttlMs });
    return { url: `${this.baseUrl().replace(/\/$/, '')}${EXPORT_PATH}/${token}`, minutes: Math.round(this.ttlMs / 60_000) };
  }

  get(token: string): ExportFile | undefined {
    this.sweep();
    return this.files.get(token)?.file;
  }

  private sweep(): void {
    const now = this.clock.now().getTime();
    for (const [token, entry] of this.files) if (entry.expiresAt <= now) this.files.delete(token);
  }
}

export const EXPORT_PATH = '/teams/exports';

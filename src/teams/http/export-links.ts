import { randomBytes } from 'node:crypto';
import type { Clock, DownloadRepository } from '../../core/ports';
import type { ExportFile } from '../card-actions';

/**
 * Exports reach the coordinator as a short-lived, unguessable download link on a card
 * (Action.OpenUrl), which works in a channel and in personal chat alike; Teams' file-consent
 * flow works only in personal chat and needs OneDrive. The file is kept in the database for
 * `ttlMs`, so the link works on whichever process serves it; a new `export` makes a new one.
 */
export class ExportLinks {
  constructor(
    private readonly downloads: DownloadRepository,
    private readonly clock: Clock,
    private readonly baseUrl: () => string,
    readonly ttlMs = 15 * 60_000,
  ) {}

  async offer(file: ExportFile): Promise<{ url: string; minutes: number }> {
    const token = randomBytes(24).toString('base64url');
    await this.downloads.save({ token, filename: file.filename, mime: file.mime, data: file.data, expiresAt: new Date(this.clock.now().getTime() + this.ttlMs) });
    return { url: `${this.baseUrl().replace(/\/$/, '')}${EXPORT_PATH}/${token}`, minutes: Math.round(this.ttlMs / 60_000) };
  }

  async get(token: string): Promise<ExportFile | undefined> {
    const download = await this.downloads.get(token, this.clock.now());
    return download ? { filename: download.filename, mime: download.mime, data: download.data } : undefined;
  }
}

export const EXPORT_PATH = '/teams/exports';

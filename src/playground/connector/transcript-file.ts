import fs from 'node:fs';
import path from 'node:path';
import type { Logger } from '../../log';
import type { ConversationStore, StoredActivity } from './conversation-store';

/**
 * Keeps the playground's conversations in a JSON file next to the embedded database, so that
 * after `npm start` is stopped and started again the invitations and cards are still there to
 * click — the bot itself resumes from its store, and the people in the playground should too.
 * Writes are debounced and atomic (write a temporary file, then rename).
 */
export class TranscriptFile {
  private timer: NodeJS.Timeout | undefined;
  private unsubscribe: (() => void) | undefined;

  constructor(
    private readonly file: string,
    private readonly store: ConversationStore,
    private readonly logger: Logger,
    private readonly delayMs = 500,
  ) {}

  /** Restores what was saved, then saves on every change. */
  attach(): void {
    try {
      if (fs.existsSync(this.file)) {
        const data = JSON.parse(fs.readFileSync(this.file, 'utf8')) as { version?: number; conversations?: Record<string, StoredActivity[]> };
        if (data.version === 1 && data.conversations) this.store.restore(data.conversations);
      }
    } catch (e) {
      // A damaged file costs the demo its history, not its start-up.
      this.logger.warn({ file: this.file, err: e instanceof Error ? e.message : String(e) }, 'playground: could not read the saved conversations; starting empty');
    }
    this.unsubscribe = this.store.subscribe(() => this.schedule());
  }

  private schedule(): void {
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.write();
    }, this.delayMs);
    this.timer.unref();
  }

  private write(): void {
    try {
      fs.mkdirSync(path.dirname(this.file), { recursive: true });
      const tmp = `${this.file}.${process.pid}.tmp`;
      fs.writeFileSync(tmp, JSON.stringify({ version: 1, conversations: this.store.snapshot() }));
      fs.renameSync(tmp, this.file);
    } catch (e) {
      this.logger.warn({ file: this.file, err: e instanceof Error ? e.message : String(e) }, 'playground: could not save the conversations');
    }
  }

  /** Writes what is pending now (on stop). */
  close(): void {
    this.unsubscribe?.();
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = undefined;
      this.write();
    }
  }
}

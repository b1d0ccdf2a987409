/**
 * What every command handler receives, and the shape of the command table.
 *
 * Handlers are synchronous on purpose: the server runs one command to completion before it looks
 * at the next, which is what makes single-document updates (and findAndModify leases) atomic
 * without any locking.
 */
import type { Document } from 'bson';
import type { Catalog } from '../catalog';
import type { CursorRegistry } from '../cursor-registry';

export interface ConnectionInfo {
  readonly id: number;
}

export interface CommandContext {
  readonly catalog: Catalog;
  readonly cursors: CursorRegistry;
  readonly connection: ConnectionInfo;
  /** The command's `$db`. */
  readonly db: string;
  /** Identifies the command's logical session (for killing its cursors on endSessions). */
  readonly lsidKey?: string;
}

export type CommandHandler = (cmd: Document, ctx: CommandContext) => Document;

export interface CommandDefinition {
  readonly handler: CommandHandler;
  /**
   * Command-specific fields a real server accepts; anything else is rejected with the server's
   * "unknown field" error. Omit to accept any field (handshake commands, whose fields grow with
   * every driver release).
   */
  readonly fields?: readonly string[];
}

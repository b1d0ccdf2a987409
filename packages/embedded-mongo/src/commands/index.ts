/**
 * The command table and the checks every command goes through before its handler runs.
 */
import type { Document } from 'bson';
import { validateDbName } from '../catalog';
import { ErrorCode, MongoCommandError } from '../errors';
import { AGGREGATE_COMMANDS } from './aggregate';
import { assertKnownFields } from './args';
import { CATALOG_COMMANDS } from './catalog-commands';
import type { CommandContext, CommandDefinition } from './context';
import { FIND_AND_MODIFY_COMMANDS } from './find-and-modify';
import { HANDSHAKE_COMMANDS } from './handshake';
import { INDEX_COMMANDS } from './index-commands';
import { READ_COMMANDS } from './read-commands';
import { WRITE_COMMANDS } from './write-commands';

export const COMMANDS: Readonly<Record<string, CommandDefinition>> = {
  ...HANDSHAKE_COMMANDS,
  ...WRITE_COMMANDS,
  ...READ_COMMANDS,
  ...AGGREGATE_COMMANDS,
  ...FIND_AND_MODIFY_COMMANDS,
  ...INDEX_COMMANDS,
  ...CATALOG_COMMANDS,
};

/**
 * Transactions and retryable writes need a replica set. A real standalone mongod answers
 * `txnNumber`/`startTransaction`/`autocommit` with exactly this error; the project never uses
 * transactions, so refusing loudly is the honest behaviour.
 */
function refuseTransactions(cmd: Document): void {
  if ('startTransaction' in cmd || 'autocommit' in cmd || 'txnNumber' in cmd) {
    throw new MongoCommandError(
      ErrorCode.IllegalOperation,
      'Transaction numbers are only allowed on a replica set member or mongos (embedded-mongo is a standalone server without transactions)',
    );
  }
}

/**
 * Runs one command and returns its reply document; never throws. `ctx.db` must already be the
 * command's `$db`.
 */
export function runCommand(cmd: Document, ctx: CommandContext): Document {
  const name = Object.keys(cmd)[0];
  try {
    if (name === undefined) throw new MongoCommandError(ErrorCode.FailedToParse, 'Empty command');
    const def = Object.prototype.hasOwnProperty.call(COMMANDS, name) ? COMMANDS[name] : undefined;
    if (!def) throw new MongoCommandError(ErrorCode.CommandNotFound, `no such command: '${name}'`);
    validateDbName(ctx.db);
    refuseTransactions(cmd);
    if (def.fields) assertKnownFields(name, cmd, def.fields);
    return def.handler(cmd, ctx);
  } catch (err) {
    if (err instanceof MongoCommandError) return err.toReply();
    return new MongoCommandError(
      ErrorCode.InternalError,
      `embedded-mongo internal error in '${name}': ${err instanceof Error ? err.message : String(err)}`,
    ).toReply();
  }
}

/**
 * Handshake and housekeeping commands: hello/isMaster, ping, buildInfo, endSessions.
 *
 * The hello reply describes a standalone server (no `setName`, no `msg: 'isdbgrid'`), which makes
 * the driver skip retryable writes and transactions. It deliberately omits `topologyVersion`, so
 * the driver's monitor polls with plain `hello` instead of using the streaming (exhaust)
 * protocol, and it lists no compressors, so no compression is ever negotiated.
 */
import { Int32, type Document } from 'bson';
import { MAX_BSON_OBJECT_SIZE, canonicalKey, isPlainObject } from '../bson-values';
import { MAX_MESSAGE_SIZE_BYTES } from '../wire-protocol';
import type { CommandContext, CommandDefinition } from './context';

export const SERVER_VERSION = '7.0.0';
export const MAX_WIRE_VERSION = 21; // MongoDB 7.0
export const MAX_WRITE_BATCH_SIZE = 100_000;

export function helloReply(cmd: Document, connectionId: number, legacy: boolean): Document {
  return {
    ...(legacy ? { ismaster: true } : { isWritablePrimary: true }),
    ...(cmd.helloOk === true || !legacy ? { helloOk: true } : {}),
    maxBsonObjectSize: MAX_BSON_OBJECT_SIZE,
    maxMessageSizeBytes: MAX_MESSAGE_SIZE_BYTES,
    maxWriteBatchSize: MAX_WRITE_BATCH_SIZE,
    localTime: new Date(),
    logicalSessionTimeoutMinutes: 30,
    connectionId: new Int32(connectionId),
    minWireVersion: 0,
    maxWireVersion: MAX_WIRE_VERSION,
    readOnly: false,
    ok: 1,
  };
}

export function sessionKey(lsid: unknown): string | undefined {
  return isPlainObject(lsid) && lsid.id !== undefined ? canonicalKey(lsid.id) : undefined;
}

const hello: CommandDefinition = {
  handler: (cmd, ctx) => helloReply(cmd, ctx.connection.id, false),
};

const isMaster: CommandDefinition = {
  handler: (cmd, ctx) => helloReply(cmd, ctx.connection.id, true),
};

const ping: CommandDefinition = { handler: () => ({ ok: 1 }) };

const buildInfo: CommandDefinition = {
  handler: () => ({
    version: SERVER_VERSION,
    gitVersion: 'embedded-mongo',
    modules: [],
    allocator: 'system',
    javascriptEngine: 'none',
    sysInfo: 'deprecated',
    versionArray: [7, 0, 0, 0],
    bits: 64,
    debug: false,
    maxBsonObjectSize: MAX_BSON_OBJECT_SIZE,
    storageEngines: ['embedded-mongo'],
    ok: 1,
  }),
};

const endSessions: CommandDefinition = {
  fields: [],
  handler: (cmd: Document, ctx: CommandContext) => {
    const ids = Array.isArray(cmd.endSessions) ? cmd.endSessions : [];
    const keys = new Set<string>();
    for (const lsid of ids) {
      const key = sessionKey(lsid);
      if (key) keys.add(key);
    }
    ctx.cursors.killForSessions(keys);
    return { ok: 1 };
  },
};

export const HANDSHAKE_COMMANDS: Record<string, CommandDefinition> = {
  hello,
  isMaster,
  ismaster: isMaster,
  ping,
  buildInfo,
  buildinfo: buildInfo,
  endSessions,
};

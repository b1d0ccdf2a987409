/**
 * DEVELOPMENT / TEST STAND-IN — NOT A PRODUCTION DATABASE.
 *
 * A TCP server speaking the MongoDB wire protocol, so the official `mongodb` driver can be used
 * unchanged in tests and local runs on machines where `mongod` cannot be installed. Production
 * deployments must use a real MongoDB server.
 *
 * Concurrency model: Node runs one JavaScript callback at a time, and every command is executed
 * synchronously from the moment its message is complete until its reply is queued (including the
 * fsync of its journal record). Commands therefore never interleave, which gives the atomicity
 * a real server gives single-document writes and findAndModify.
 */
import * as net from 'node:net';
import type { Document } from 'bson';
import { Catalog } from './catalog';
import { runCommand } from './commands';
import type { CommandContext } from './commands/context';
import { helloReply, sessionKey } from './commands/handshake';
import { CursorRegistry } from './cursor-registry';
import { ErrorCode, MongoCommandError } from './errors';
import { SILENT_LOGGER, type Logger } from './logger';
import { Persistence } from './persistence';
import { TTL_MONITOR_INTERVAL_MS, expireDocuments } from './ttl-monitor';
import {
  MessageFramer,
  OP_COMPRESSED,
  OP_MSG,
  OP_QUERY,
  ProtocolError,
  decodeOpMsg,
  decodeOpQuery,
  encodeOpMsg,
  encodeOpReply,
  readHeader,
} from './wire-protocol';

export interface ServerOptions {
  port: number;
  host: string;
  dataDir?: string;
  logger?: Logger;
}

const HANDSHAKE_COMMANDS = new Set(['hello', 'isMaster', 'ismaster']);
const OP_REPLY_QUERY_FAILURE = 2;

interface Connection {
  id: number;
  socket: net.Socket;
}

export class EmbeddedMongoServer {
  private readonly options: ServerOptions;
  private readonly logger: Logger;
  private readonly catalog = new Catalog();
  private readonly cursors = new CursorRegistry();
  private readonly connections = new Set<Connection>();
  private persistence?: Persistence;
  private tcp?: net.Server;
  private ttlTimer?: NodeJS.Timeout;
  private nextConnectionId = 1;
  private nextRequestId = 1;
  /** Set when a write could not be made durable: the server then refuses everything. */
  private broken?: Error;
  private stopping?: Promise<void>;
  private boundPort = 0;

  constructor(options: ServerOptions) {
    this.options = options;
    this.logger = options.logger ?? SILENT_LOGGER;
  }

  get port(): number {
    return this.boundPort;
  }

  get uri(): string {
    const { host } = this.options;
    const reachable = host === '0.0.0.0' ? '127.0.0.1' : host === '::' ? '::1' : host;
    return `mongodb://${reachable.includes(':') ? `[${reachable}]` : reachable}:${this.boundPort}`;
  }

  async start(): Promise<void> {
    const tcp = net.createServer((socket) => this.accept(socket));
    try {
      if (this.options.dataDir) this.persistence = Persistence.open(this.options.dataDir, this.catalog, this.logger);
      await new Promise<void>((resolve, reject) => {
        tcp.once('error', reject);
        tcp.listen(this.options.port, this.options.host, () => {
          tcp.off('error', reject);
          resolve();
        });
      });
    } catch (err) {
      this.cursors.close();
      this.persistence?.close(this.catalog);
      throw err;
    }
    tcp.on('error', (err) => this.logger.warn({ err }, 'embedded-mongo: server socket error'));
    this.tcp = tcp;
    this.boundPort = (tcp.address() as net.AddressInfo).port;
    this.ttlTimer = setInterval(() => this.runTtlPass(), TTL_MONITOR_INTERVAL_MS);
    this.ttlTimer.unref();
    this.logger.info(
      { uri: this.uri, dataDir: this.options.dataDir ?? null },
      'embedded-mongo started (development/test stand-in, not for production)',
    );
  }

  stop(): Promise<void> {
    this.stopping ??= this.doStop();
    return this.stopping;
  }

  private async doStop(): Promise<void> {
    if (this.ttlTimer) clearInterval(this.ttlTimer);
    const tcp = this.tcp;
    for (const conn of this.connections) conn.socket.destroy();
    this.connections.clear();
    if (tcp) await new Promise<void>((resolve) => tcp.close(() => resolve()));
    this.cursors.close();
    try {
      if (!this.broken) this.persistence?.close(this.catalog);
    } finally {
      this.logger.info({ uri: this.uri }, 'embedded-mongo stopped');
    }
  }

  private accept(socket: net.Socket): void {
    if (this.stopping) {
      socket.destroy();
      return;
    }
    const conn: Connection = { id: this.nextConnectionId++, socket };
    this.connections.add(conn);
    socket.setNoDelay(true);
    const framer = new MessageFramer();
    socket.on('data', (chunk: Buffer) => {
      try {
        for (const frame of framer.push(chunk)) this.handleFrame(conn, frame);
      } catch (err) {
        // Only protocol-level failures get here (command errors become replies); the byte stream
        // can no longer be trusted, so the connection is dropped, as mongod does.
        this.logger.warn({ connectionId: conn.id, err: (err as Error).message }, 'embedded-mongo: closing connection after protocol error');
        socket.destroy();
      }
    });
    socket.on('error', () => {
      // Client resets are normal (pool shutdown); 'close' does the cleanup.
    });
    socket.on('close', () => {
      this.connections.delete(conn);
      this.cursors.killForConnection(conn.id);
    });
  }

  private send(conn: Connection, bytes: Buffer): void {
    if (!conn.socket.destroyed) conn.socket.write(bytes);
  }

  private requestId(): number {
    this.nextRequestId = (this.nextRequestId + 1) & 0x7fffffff;
    return this.nextRequestId;
  }

  private handleFrame(conn: Connection, frame: Buffer): void {
    const header = readHeader(frame);
    switch (header.opCode) {
      case OP_MSG: {
        const req = decodeOpMsg(frame);
        const reply = this.execute(req.body, conn);
        // moreToCome from the client = unacknowledged (w: 0) write: the client reads no reply.
        if (req.moreToCome) return;
        let bytes: Buffer;
        try {
          bytes = encodeOpMsg(this.requestId(), header.requestId, reply);
        } catch (err) {
          // E.g. a distinct() whose values exceed the BSON size limit: a server error, not a broken stream.
          bytes = encodeOpMsg(
            this.requestId(),
            header.requestId,
            new MongoCommandError(ErrorCode.BSONObjectTooLarge, `reply could not be encoded: ${(err as Error).message}`).toReply(),
          );
        }
        this.send(conn, bytes);
        return;
      }
      case OP_QUERY: {
        const req = decodeOpQuery(frame);
        const query = req.query.$query !== undefined ? (req.query.$query as Document) : req.query;
        const name = Object.keys(query)[0];
        const db = req.fullCollectionName.endsWith('.$cmd') ? req.fullCollectionName.slice(0, -'.$cmd'.length) : undefined;
        if (db !== undefined && HANDSHAKE_COMMANDS.has(name)) {
          this.send(conn, encodeOpReply(this.requestId(), header.requestId, helloReply(query, conn.id, name !== 'hello')));
          return;
        }
        // MongoDB 5.1+ accepts OP_QUERY only for the handshake.
        const error = new MongoCommandError(
          ErrorCode.UnsupportedOpQueryCommand,
          `Unsupported OP_QUERY command: ${name}. The client driver may require an upgrade. For more details see https://dochub.mongodb.org/core/legacy-opcode-removal`,
        ).toReply();
        this.send(conn, encodeOpReply(this.requestId(), header.requestId, db === undefined ? { $err: error.errmsg, ...error } : error, db === undefined ? OP_REPLY_QUERY_FAILURE : 0));
        return;
      }
      case OP_COMPRESSED:
        throw new ProtocolError('OP_COMPRESSED received, but no compressor was negotiated');
      default:
        throw new ProtocolError(`unsupported opCode ${header.opCode}`);
    }
  }

  /** Runs one command, then makes its changes durable before the caller sends the reply. */
  private execute(body: Document, conn: Connection): Document {
    if (this.broken) {
      return new MongoCommandError(
        ErrorCode.InternalError,
        `embedded-mongo stopped accepting commands after a persistence failure: ${this.broken.message}`,
      ).toReply();
    }
    if (typeof body.$db !== 'string') {
      return new MongoCommandError(40571, 'OP_MSG requests require a $db argument').toReply();
    }
    const ctx: CommandContext = {
      catalog: this.catalog,
      cursors: this.cursors,
      connection: { id: conn.id },
      db: body.$db,
      lsidKey: sessionKey(body.lsid),
    };
    const reply = runCommand(body, ctx);
    if (reply.code === ErrorCode.InternalError) {
      this.logger.warn({ command: Object.keys(body)[0], errmsg: reply.errmsg }, 'embedded-mongo: internal error');
    }
    const failure = this.persist();
    return failure ?? reply;
  }

  /** Journals the pending changes; on failure the server becomes unusable (fail loudly). */
  private persist(): Document | undefined {
    const ops = this.catalog.takePending();
    if (!this.persistence || ops.length === 0) return undefined;
    try {
      this.persistence.append(ops);
      if (this.persistence.needsCompaction()) this.persistence.compact(this.catalog);
      return undefined;
    } catch (err) {
      this.broken = err as Error;
      this.logger.warn({ err: (err as Error).message }, 'embedded-mongo: could not persist a write; refusing further commands');
      return new MongoCommandError(
        ErrorCode.InternalError,
        `embedded-mongo could not persist the write: ${(err as Error).message}`,
      ).toReply();
    }
  }

  private runTtlPass(): void {
    if (this.broken || this.stopping) return;
    const removed = expireDocuments(this.catalog, Date.now());
    this.persist();
    if (removed) this.logger.info({ removed }, 'embedded-mongo: TTL monitor removed expired documents');
  }
}

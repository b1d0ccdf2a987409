/**
 * Wire-level behaviour MongoClient cannot exercise against a 7.0 server: OP_MSG kind-1 document
 * sequences (driver v7 only emits them for `client.bulkWrite`, which needs wire version 25),
 * checksums, framing across TCP chunks and protocol violations. The request bytes are still
 * produced by the official driver's own encoder classes; results are checked with MongoClient.
 */
import * as net from 'node:net';
import { BSON, MongoClient, type Document } from 'mongodb';
import { crc32c } from './wire-protocol';
import { startHarness, type Harness, type Loose } from './test-harness';

// The driver's internal message classes (no public typings).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const driverWire = require('mongodb/lib/cmap/commands') as {
  OpMsgRequest: new (db: string, cmd: Document, opts: Document) => { requestId: number; toBin(): Uint8Array[] };
  OpQueryRequest: new (db: string, cmd: Document, opts: Document) => { requestId: number; toBin(): Uint8Array[] };
  DocumentSequence: new (field: string, docs?: Document[]) => unknown;
};

interface Reply {
  opCode: number;
  responseTo: number;
  doc: Document;
}

class RawConnection {
  private buffer = Buffer.alloc(0);
  private waiters: Array<() => void> = [];
  closed = false;

  constructor(private readonly socket: net.Socket) {
    socket.on('data', (chunk) => {
      this.buffer = Buffer.concat([this.buffer, chunk]);
      this.waiters.splice(0).forEach((w) => w());
    });
    socket.on('close', () => {
      this.closed = true;
      this.waiters.splice(0).forEach((w) => w());
    });
  }

  static async open(port: number): Promise<RawConnection> {
    const socket = net.connect(port, '127.0.0.1');
    await new Promise<void>((resolve, reject) => socket.once('connect', resolve).once('error', reject));
    return new RawConnection(socket);
  }

  send(bytes: Buffer | Uint8Array[]): void {
    this.socket.write(Array.isArray(bytes) ? Buffer.concat(bytes) : bytes);
  }

  async read(timeoutMs = 2000): Promise<Reply> {
    const deadline = Date.now() + timeoutMs;
    while (this.buffer.length < 4 || this.buffer.length < this.buffer.readInt32LE(0)) {
      if (this.closed) throw new Error('connection closed');
      if (Date.now() > deadline) throw new Error('timed out waiting for a reply');
      await new Promise<void>((resolve) => {
        this.waiters.push(resolve);
        setTimeout(resolve, 50);
      });
    }
    const length = this.buffer.readInt32LE(0);
    const frame = this.buffer.subarray(0, length);
    this.buffer = this.buffer.subarray(length);
    const opCode = frame.readInt32LE(12);
    const bodyStart = opCode === 2013 ? 21 : 36; // OP_MSG: flags + kind byte; OP_REPLY: fixed fields
    return { opCode, responseTo: frame.readInt32LE(8), doc: BSON.deserialize(frame.subarray(bodyStart)) };
  }

  async waitForClose(timeoutMs = 2000): Promise<boolean> {
    const deadline = Date.now() + timeoutMs;
    while (!this.closed && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    return this.closed;
  }

  destroy(): void {
    this.socket.destroy();
  }
}

function opMsg(cmd: Document, opts: Document = {}): { requestId: number; bytes: Buffer } {
  const req = new driverWire.OpMsgRequest('wire', cmd, opts);
  return { requestId: req.requestId, bytes: Buffer.concat(req.toBin()) };
}

describe('embedded-mongo: wire protocol details', () => {
  let h: Harness;
  let raw: RawConnection;
  beforeAll(async () => {
    h = await startHarness({ dbName: 'wire' });
  });
  afterAll(async () => {
    await h.close();
  });
  beforeEach(async () => {
    raw = await RawConnection.open(h.server.port);
  });
  afterEach(() => raw.destroy());

  it('merges OP_MSG kind-1 document sequences into the command', async () => {
    const docs = [{ _id: 1, v: 'a' }, { _id: 2, v: 'b' }, { _id: 3, v: 'c' }];
    const msg = opMsg({ insert: 'seq', documents: new driverWire.DocumentSequence('documents', docs), ordered: true });
    raw.send(msg.bytes);
    const reply = await raw.read();
    expect(reply.opCode).toBe(2013);
    expect(reply.responseTo).toBe(msg.requestId);
    expect(reply.doc).toEqual({ n: 3, ok: 1 });
    expect(await h.db.collection<Loose>('seq').find().sort({ _id: 1 }).toArray()).toEqual(docs);
  });

  it('sends no reply for moreToCome messages but still executes them in order', async () => {
    const unacked = opMsg({ insert: 'more', documents: [{ x: 1 }], writeConcern: { w: 0 } });
    const ping = opMsg({ ping: 1 });
    raw.send(unacked.bytes);
    raw.send(ping.bytes);
    const reply = await raw.read();
    expect(reply.responseTo).toBe(ping.requestId);
    expect(await h.db.collection<Loose>('more').countDocuments()).toBe(1);
  });

  it('reassembles messages split across TCP chunks and handles several per chunk', async () => {
    const a = opMsg({ ping: 1 });
    const b = opMsg({ count: 'seq' });
    const all = Buffer.concat([a.bytes, b.bytes]);
    for (let i = 0; i < all.length; i += 7) raw.send(all.subarray(i, i + 7));
    expect((await raw.read()).responseTo).toBe(a.requestId);
    const second = await raw.read();
    expect(second.responseTo).toBe(b.requestId);
    expect(second.doc).toEqual({ n: 3, ok: 1 });
  });

  it('verifies OP_MSG checksums and closes the connection on a mismatch', async () => {
    const withChecksum = (cmd: Document, corrupt: boolean): Buffer => {
      const { bytes } = opMsg(cmd);
      const out = Buffer.alloc(bytes.length + 4);
      bytes.copy(out);
      out.writeInt32LE(out.length, 0);
      out.writeUInt32LE(out.readUInt32LE(16) | 1, 16); // checksumPresent
      out.writeUInt32LE((crc32c(out.subarray(0, bytes.length)) ^ (corrupt ? 1 : 0)) >>> 0, bytes.length);
      return out;
    };
    raw.send(withChecksum({ ping: 1 }, false));
    expect((await raw.read()).doc).toEqual({ ok: 1 });
    raw.send(withChecksum({ ping: 1 }, true));
    expect(await raw.waitForClose()).toBe(true);
  });

  it('closes the connection on unknown required flag bits and on garbage', async () => {
    const { bytes } = opMsg({ ping: 1 });
    bytes.writeUInt32LE(1 << 5, 16);
    raw.send(bytes);
    expect(await raw.waitForClose()).toBe(true);
    const other = await RawConnection.open(h.server.port);
    other.send(Buffer.from([3, 0, 0, 0]));
    expect(await other.waitForClose()).toBe(true);
    // The server itself is unaffected.
    expect(await h.db.admin().ping()).toEqual({ ok: 1 });
  });

  it('answers OP_QUERY handshakes with OP_REPLY and refuses other OP_QUERY commands', async () => {
    const hello = new driverWire.OpQueryRequest('admin', { isMaster: 1, helloOk: true }, {});
    raw.send(hello.toBin());
    const reply = await raw.read();
    expect(reply.opCode).toBe(1);
    expect(reply.responseTo).toBe(hello.requestId);
    expect(reply.doc).toMatchObject({ ismaster: true, helloOk: true, maxWireVersion: 21, ok: 1 });
    const find = new driverWire.OpQueryRequest('wire', { find: 'seq' }, {});
    raw.send(find.toBin());
    const refused = await raw.read();
    expect(refused.doc).toMatchObject({ ok: 0, code: 352, codeName: 'UnsupportedOpQueryCommand' });
  });

  it('is used by MongoClient with a legacy handshake on every new connection', async () => {
    const client = new MongoClient(h.server.uri, { maxPoolSize: 2 });
    const heartbeats: string[] = [];
    client.on('serverHeartbeatSucceeded', (e) => heartbeats.push(String(e.reply.isWritablePrimary ?? e.reply.ismaster)));
    await client.connect();
    await client.db('wire').command({ ping: 1 });
    await client.close();
    expect(heartbeats.length).toBeGreaterThan(0);
    expect(heartbeats.every((v) => v === 'true')).toBe(true);
  });
});

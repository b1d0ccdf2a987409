/**
 * MongoDB wire protocol: message framing, decoding of OP_MSG / legacy OP_QUERY requests and
 * encoding of OP_MSG / OP_REPLY responses.
 *
 * Spec: https://www.mongodb.com/docs/manual/reference/mongodb-wire-protocol/ and
 * https://github.com/mongodb/specifications/blob/master/source/message/OP_MSG.md
 *
 * The driver speaks OP_QUERY exactly once per connection (the initial `hello`/`isMaster`
 * handshake, answered with OP_REPLY) and OP_MSG for everything else.
 */
import type { Document } from 'bson';
import { deserialize, serialize } from './bson-values';

export const OP_REPLY = 1;
export const OP_QUERY = 2004;
export const OP_COMPRESSED = 2012;
export const OP_MSG = 2013;

export const MAX_MESSAGE_SIZE_BYTES = 48_000_000;
const HEADER_SIZE = 16;

/** OP_MSG flag bits. Bits 0-15 are "required": a receiver must reject unknown ones. */
export const MSG_FLAG_CHECKSUM_PRESENT = 1 << 0;
export const MSG_FLAG_MORE_TO_COME = 1 << 1;
export const MSG_FLAG_EXHAUST_ALLOWED = 1 << 16;
const MSG_KNOWN_REQUIRED_FLAGS = MSG_FLAG_CHECKSUM_PRESENT | MSG_FLAG_MORE_TO_COME;

/** Framing/decoding failure: the connection is in an unknown state and gets closed. */
export class ProtocolError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ProtocolError';
  }
}

export interface MessageHeader {
  messageLength: number;
  requestId: number;
  responseTo: number;
  opCode: number;
}

export function readHeader(frame: Buffer): MessageHeader {
  return {
    messageLength: frame.readInt32LE(0),
    requestId: frame.readInt32LE(4),
    responseTo: frame.readInt32LE(8),
    opCode: frame.readInt32LE(12),
  };
}

/** Splits a TCP byte stream into complete messages. */
export class MessageFramer {
  private chunks: Buffer[] = [];
  private buffered = 0;

  push(chunk: Buffer): Buffer[] {
    this.chunks.push(chunk);
    this.buffered += chunk.length;
    const frames: Buffer[] = [];
    for (;;) {
      if (this.buffered < 4) break;
      // Only concatenate once a whole message is buffered: large messages arrive in many chunks.
      if (this.chunks[0].length < 4) this.flatten();
      const length = this.chunks[0].readInt32LE(0);
      if (length < HEADER_SIZE || length > MAX_MESSAGE_SIZE_BYTES) {
        throw new ProtocolError(`invalid message length ${length}`);
      }
      if (this.buffered < length) break;
      const all = this.flatten();
      frames.push(all.subarray(0, length));
      const rest = all.subarray(length);
      this.chunks = rest.length ? [rest] : [];
      this.buffered = rest.length;
    }
    return frames;
  }

  private flatten(): Buffer {
    if (this.chunks.length !== 1) this.chunks = [Buffer.concat(this.chunks, this.buffered)];
    return this.chunks[0];
  }
}

function readCString(buf: Buffer, offset: number): { value: string; next: number } {
  const end = buf.indexOf(0, offset);
  if (end < 0) throw new ProtocolError('unterminated cstring');
  return { value: buf.toString('utf8', offset, end), next: end + 1 };
}

function readDocument(buf: Buffer, offset: number, limit: number): { doc: Document; next: number } {
  if (offset + 5 > limit) throw new ProtocolError('truncated BSON document');
  const size = buf.readInt32LE(offset);
  if (size < 5 || offset + size > limit) throw new ProtocolError(`invalid BSON document size ${size}`);
  try {
    return { doc: deserialize(buf.subarray(offset, offset + size)), next: offset + size };
  } catch (err) {
    throw new ProtocolError(`invalid BSON: ${(err as Error).message}`);
  }
}

// CRC-32C (Castagnoli), for OP_MSG's optional checksum.
const CRC32C_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let i = 0; i < 256; i++) {
    let c = i;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0x82f63b78 ^ (c >>> 1) : c >>> 1;
    table[i] = c >>> 0;
  }
  return table;
})();

export function crc32c(buf: Uint8Array): number {
  let crc = 0xffffffff;
  for (let i = 0; i < buf.length; i++) crc = CRC32C_TABLE[(crc ^ buf[i]) & 0xff] ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

export interface OpMsgRequest {
  requestId: number;
  flags: number;
  moreToCome: boolean;
  /** The kind-0 body with every kind-1 document sequence merged in as an array field. */
  body: Document;
}

export function decodeOpMsg(frame: Buffer): OpMsgRequest {
  const header = readHeader(frame);
  const flags = frame.readUInt32LE(HEADER_SIZE);
  const unknownRequired = flags & 0xffff & ~MSG_KNOWN_REQUIRED_FLAGS;
  if (unknownRequired) throw new ProtocolError(`unsupported OP_MSG flag bits 0x${unknownRequired.toString(16)}`);
  let end = frame.length;
  if (flags & MSG_FLAG_CHECKSUM_PRESENT) {
    end -= 4;
    const expected = frame.readUInt32LE(end);
    if (crc32c(frame.subarray(0, end)) !== expected) throw new ProtocolError('OP_MSG checksum mismatch');
  }
  let offset = HEADER_SIZE + 4;
  let body: Document | undefined;
  const sequences: Array<[string, Document[]]> = [];
  while (offset < end) {
    const kind = frame.readUInt8(offset++);
    if (kind === 0) {
      if (body) throw new ProtocolError('OP_MSG with more than one body section');
      const { doc, next } = readDocument(frame, offset, end);
      body = doc;
      offset = next;
    } else if (kind === 1) {
      const size = frame.readInt32LE(offset);
      const sectionEnd = offset + size;
      if (size < 5 || sectionEnd > end) throw new ProtocolError(`invalid document sequence size ${size}`);
      const id = readCString(frame, offset + 4);
      let pos = id.next;
      const docs: Document[] = [];
      while (pos < sectionEnd) {
        const { doc, next } = readDocument(frame, pos, sectionEnd);
        docs.push(doc);
        pos = next;
      }
      sequences.push([id.value, docs]);
      offset = sectionEnd;
    } else {
      throw new ProtocolError(`unknown OP_MSG section kind ${kind}`);
    }
  }
  if (!body) throw new ProtocolError('OP_MSG without a body section');
  for (const [field, docs] of sequences) {
    if (Object.prototype.hasOwnProperty.call(body, field)) {
      throw new ProtocolError(`OP_MSG document sequence '${field}' duplicates a body field`);
    }
    body[field] = docs;
  }
  return { requestId: header.requestId, flags, moreToCome: (flags & MSG_FLAG_MORE_TO_COME) !== 0, body };
}

export interface OpQueryRequest {
  requestId: number;
  flags: number;
  fullCollectionName: string;
  numberToSkip: number;
  numberToReturn: number;
  query: Document;
}

export function decodeOpQuery(frame: Buffer): OpQueryRequest {
  const header = readHeader(frame);
  const flags = frame.readInt32LE(HEADER_SIZE);
  const name = readCString(frame, HEADER_SIZE + 4);
  const numberToSkip = frame.readInt32LE(name.next);
  const numberToReturn = frame.readInt32LE(name.next + 4);
  const { doc } = readDocument(frame, name.next + 8, frame.length);
  return { requestId: header.requestId, flags, fullCollectionName: name.value, numberToSkip, numberToReturn, query: doc };
}

function header(buf: Buffer, length: number, requestId: number, responseTo: number, opCode: number): void {
  buf.writeInt32LE(length, 0);
  buf.writeInt32LE(requestId, 4);
  buf.writeInt32LE(responseTo, 8);
  buf.writeInt32LE(opCode, 12);
}

/** A reply is always a single kind-0 section: the driver rejects kind-1 sequences in responses. */
export function encodeOpMsg(requestId: number, responseTo: number, doc: Document): Buffer {
  const body = serialize(doc);
  const length = HEADER_SIZE + 4 + 1 + body.length;
  const buf = Buffer.allocUnsafe(length);
  header(buf, length, requestId, responseTo, OP_MSG);
  buf.writeUInt32LE(0, HEADER_SIZE);
  buf.writeUInt8(0, HEADER_SIZE + 4);
  Buffer.from(body.buffer, body.byteOffset, body.byteLength).copy(buf, HEADER_SIZE + 5);
  return buf;
}

/** OP_REPLY for the legacy OP_QUERY handshake: one document, no cursor. */
export function encodeOpReply(requestId: number, responseTo: number, doc: Document, responseFlags = 0): Buffer {
  const body = serialize(doc);
  const length = HEADER_SIZE + 20 + body.length;
  const buf = Buffer.allocUnsafe(length);
  header(buf, length, requestId, responseTo, OP_REPLY);
  buf.writeInt32LE(responseFlags, HEADER_SIZE); // responseFlags
  buf.writeBigInt64LE(0n, HEADER_SIZE + 4); // cursorID
  buf.writeInt32LE(0, HEADER_SIZE + 12); // startingFrom
  buf.writeInt32LE(1, HEADER_SIZE + 16); // numberReturned
  Buffer.from(body.buffer, body.byteOffset, body.byteLength).copy(buf, HEADER_SIZE + 20);
  return buf;
}

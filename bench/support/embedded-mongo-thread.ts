/** The benchmarks run the in-process stand-in on a worker thread, as `serve` does (src/store/embedded-mongo-thread.ts). */
export { startEmbeddedMongoThread, type EmbeddedThreadOptions } from '../../src/store/embedded-mongo-thread';
export type { EmbeddedMongo as EmbeddedThread } from '../../src/store/embedded-mongo';

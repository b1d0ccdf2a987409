/** The benchmarks run the in-process stand-in on a worker thread, as `serve` does. */
export { startEmbeddedMongoThread, type EmbeddedThreadOptions, type EmbeddedMongo as EmbeddedThread } from '@zorgspiegel/embedded-mongo';

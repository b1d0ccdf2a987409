/**
 * The MongoDB store: the core's storage ports on the official driver (see README.md).
 */
export { createRepositories } from './repositories';
export { connectStore, type StoreConnection, type ConnectStoreOptions } from './connect';
export { ensureIndexes } from './indexes';
export { StoreUnavailableError, StoreConnectError, isUnavailableError } from './errors';
export { loadRespondentKeySecret } from './secret';
export { monitorStoreHealth, type StoreHealth, type StoreHealthMonitor } from './health';

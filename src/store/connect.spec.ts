import { DEFAULT_MAX_POOL_SIZE, DEFAULT_SERVER_SELECTION_TIMEOUT_MS, mongoClientOptions } from './connect';

describe('mongoClientOptions', () => {
  it('keeps a bot process to a small pool and a short server selection, unless the URI says otherwise', () => {
    expect(mongoClientOptions('mongodb://db:27017')).toMatchObject({ maxPoolSize: DEFAULT_MAX_POOL_SIZE, serverSelectionTimeoutMS: DEFAULT_SERVER_SELECTION_TIMEOUT_MS, ignoreUndefined: true });
    expect(DEFAULT_MAX_POOL_SIZE).toBeLessThan(100); // the driver's own default
    const fromUri = mongoClientOptions('mongodb+srv://cluster.example.net/zs?retryWrites=true&maxPoolSize=50&serverSelectionTimeoutMS=20000');
    expect(fromUri).not.toHaveProperty('maxPoolSize');
    expect(fromUri).not.toHaveProperty('serverSelectionTimeoutMS');
  });
});

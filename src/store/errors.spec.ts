import { MongoNetworkError, MongoServerError, MongoServerSelectionError } from 'mongodb';
import { SurveyError } from '../core/errors';
import { isDuplicateKeyError, isOnlyDuplicateKeys, isUnavailableError, storeCall, StoreUnavailableError, withStoreErrors } from './errors';

describe('store errors', () => {
  it('StoreUnavailableError is the core’s store_unavailable refusal', () => {
    const error = new StoreUnavailableError(new Error('socket closed'));
    expect(error).toBeInstanceOf(SurveyError);
    expect(error.code).toBe('store_unavailable');
    expect(error.cause).toEqual(new Error('socket closed'));
  });

  it('maps a lost connection to StoreUnavailableError and lets everything else through', async () => {
    await expect(storeCall(() => Promise.reject(new MongoNetworkError('connection reset')))).rejects.toBeInstanceOf(StoreUnavailableError);
    await expect(storeCall(() => Promise.reject(new MongoServerSelectionError('no server', { servers: new Map() } as never)))).rejects.toBeInstanceOf(StoreUnavailableError);
    await expect(storeCall(() => Promise.reject(new MongoServerError({ message: 'shutting down', code: 91 })))).rejects.toBeInstanceOf(StoreUnavailableError);
    const duplicate = new MongoServerError({ message: 'E11000', code: 11000 });
    await expect(storeCall(() => Promise.reject(duplicate))).rejects.toBe(duplicate);
    const bug = new TypeError('x is undefined');
    await expect(storeCall(() => Promise.reject(bug))).rejects.toBe(bug);
    expect(isUnavailableError(new MongoServerError({ message: 'bad', code: 2 }))).toBe(false);
  });

  it('recognises duplicate keys, also in a bulk write that failed only on them', () => {
    expect(isDuplicateKeyError(new MongoServerError({ message: 'E11000', code: 11000 }))).toBe(true);
    const bulk = Object.assign(new MongoServerError({ message: 'E11000', code: 11000 }), { writeErrors: [{ code: 11000 }, { code: 11000 }] });
    expect(isOnlyDuplicateKeys(bulk)).toBe(true);
    const mixed = Object.assign(new MongoServerError({ message: 'E11000', code: 11000 }), { writeErrors: [{ code: 11000 }, { code: 2 }] });
    expect(isOnlyDuplicateKeys(mixed)).toBe(false);
  });

  it('withStoreErrors wraps every method of a repository', async () => {
    const repository = {
      calls: 0,
      async ok() {
        this.calls++;
        return 'fine';
      },
      async lost(): Promise<string> {
        throw new MongoNetworkError('gone');
      },
    };
    const wrapped = withStoreErrors(repository);
    expect(await wrapped.ok()).toBe('fine');
    expect(repository.calls).toBe(1);
    await expect(wrapped.lost()).rejects.toMatchObject({ code: 'store_unavailable' });
  });
});

import { Deduplicator } from './dedupe';

describe('Deduplicator', () => {
  it('runs the work once per key; a concurrent or later duplicate gets the same result', async () => {
    const d = new Deduplicator();
    let runs = 0;
    const work = async () => {
      runs += 1;
      await new Promise((r) => setTimeout(r, 10));
      return { answer: runs };
    };
    const [a, b] = await Promise.all([d.once('view:1:h1', work), d.once('view:1:h1', work)]);
    const c = await d.once('view:1:h1', work);
    expect(runs).toBe(1);
    expect([a.first, b.first, c.first]).toEqual([true, false, false]);
    expect(b.result).toBe(a.result);
    expect(c.result).toBe(a.result);
    await d.once('view:1:h2', work);
    expect(runs).toBe(2);
  });

  it('lets a failed attempt be tried again', async () => {
    const d = new Deduplicator();
    await expect(d.once('k', async () => Promise.reject(new Error('store down')))).rejects.toThrow('store down');
    expect((await d.once('k', async () => 'ok')).result).toBe('ok');
  });

  it('forgets keys after the time-to-live', async () => {
    let now = 0;
    const d = new Deduplicator(1000, () => now);
    let runs = 0;
    await d.once('k', async () => ++runs);
    now = 2000;
    await d.once('k', async () => ++runs);
    expect(runs).toBe(2);
  });
});

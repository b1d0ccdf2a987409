import { LruMap } from './lru-map';

describe('LruMap', () => {
  it('keeps at most its size, dropping the least recently used', () => {
    const m = new LruMap<string, number>(2);
    m.set('a', 1);
    m.set('b', 2);
    expect(m.get('a')).toBe(1); // a is now the most recent
    m.set('c', 3);
    expect(m.get('b')).toBeUndefined();
    expect(m.get('a')).toBe(1);
    expect(m.get('c')).toBe(3);
    expect(m.count).toBe(2);
  });

  it('replaces a value and forgets on delete', () => {
    const m = new LruMap<string, number>(2);
    m.set('a', 1);
    m.set('a', 2);
    expect(m.get('a')).toBe(2);
    m.delete('a');
    expect(m.get('a')).toBeUndefined();
    expect(m.count).toBe(0);
  });
});

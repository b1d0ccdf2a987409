import { randomId } from './random-id';

describe('randomId', () => {
  it('gives 128-bit base64url ids, all different, across many refills of its pool', () => {
    const ids = Array.from({ length: 5_000 }, () => randomId());
    expect(ids.every((id) => /^[A-Za-z0-9_-]{22}$/.test(id))).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('uses every bit: over many ids each base64url position takes many values', () => {
    const ids = Array.from({ length: 2_000 }, () => randomId());
    // The first 21 characters carry 6 random bits each (the last only 2).
    for (let position = 0; position < 21; position++) expect(new Set(ids.map((id) => id[position])).size).toBeGreaterThan(50);
  });
});

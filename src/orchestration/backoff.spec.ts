import { backoffDelay, retryAfterDelay } from './backoff';

describe('backoffDelay', () => {
  const policy = { baseMs: 1_000, maxMs: 60_000, jitter: 0.5 };
  it('doubles per failure and stays below the cap', () => {
    expect(backoffDelay(1, policy, () => 1)).toBe(1_000);
    expect(backoffDelay(2, policy, () => 1)).toBe(2_000);
    expect(backoffDelay(4, policy, () => 1)).toBe(8_000);
    expect(backoffDelay(20, policy, () => 1)).toBe(60_000);
  });
  it('spreads retries with jitter: between half and the whole delay', () => {
    expect(backoffDelay(3, policy, () => 0)).toBe(2_000);
    expect(backoffDelay(3, policy, () => 0.5)).toBe(3_000);
  });
});

describe('retryAfterDelay', () => {
  it('never retries before the platform said, and adds at most a second', () => {
    expect(retryAfterDelay(30_000, () => 0)).toBe(30_000);
    expect(retryAfterDelay(30_000, () => 1)).toBe(31_000);
    expect(retryAfterDelay(2_000, () => 1)).toBe(2_200);
  });
});

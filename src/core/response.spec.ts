import { isComplete, nextSection, respondentKey } from './response';
import { makeRound } from './testing/fixtures';

const SECRET = 'test-secret-with-at-least-32-chars!!';

describe('respondentKey', () => {
  it('is HMAC-SHA256(secret, roundId NUL userId) in base64url', () => {
    // Computed outside the code under test:
    //   python3 -c "import hmac,hashlib,base64; print(base64.urlsafe_b64encode(hmac.new(
    //     b'test-secret-with-at-least-32-chars!!', b'round-1\0U123', hashlib.sha256).digest()).rstrip(b'=').decode())"
    expect(respondentKey(SECRET, 'round-1', 'U123')).toBe('hwj81W39Q22vpTCyEUC0cka-xj6D0FJSTRTHln8t774');
    expect(respondentKey(SECRET, 'round-2', 'U123')).toBe('_R2tkXHnkHTEb58WY8kdIXgziqiN0tPOkGYsA-Eyz3o');
  });

  it('is deterministic, so a retry finds the same response', () => {
    expect(respondentKey(SECRET, 'round-1', 'U123')).toBe(respondentKey(SECRET, 'round-1', 'U123'));
  });

  it('differs per round, per user and per secret', () => {
    const key = respondentKey(SECRET, 'round-1', 'U123');
    expect(respondentKey(SECRET, 'round-2', 'U123')).not.toBe(key);
    expect(respondentKey(SECRET, 'round-1', 'U124')).not.toBe(key);
    expect(respondentKey(`${SECRET}x`, 'round-1', 'U123')).not.toBe(key);
    // The separator keeps ("r1", "2U") and ("r12", "U") apart.
    expect(respondentKey(SECRET, 'r1', '2U')).not.toBe(respondentKey(SECRET, 'r12', 'U'));
  });

  it('does not contain the user id or the round id', () => {
    const key = respondentKey(SECRET, 'round-1', 'U0123ABCD');
    expect(key).not.toContain('U0123ABCD');
    expect(key).not.toContain('round-1');
    // 32 bytes of digest → 43 base64url characters, safe in a URL or a Mongo key.
    expect(key).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });
});

describe('isComplete and nextSection', () => {
  // Sections of the default test round: X, Y, reflection.
  const round = makeRound();

  it('walks the sections in order and finishes after the last one', () => {
    expect(nextSection(round, [])).toBe('X');
    expect(nextSection(round, ['X'])).toBe('Y');
    expect(nextSection(round, ['X', 'Y'])).toBe('reflection');
    expect(nextSection(round, ['X', 'Y', 'reflection'])).toBeUndefined();
    expect(isComplete(round, [])).toBe(false);
    expect(isComplete(round, ['X', 'Y'])).toBe(false);
    expect(isComplete(round, ['reflection', 'Y', 'X'])).toBe(true);
  });

  it('goes back to the first section still missing, whatever order they were submitted in', () => {
    expect(nextSection(round, ['Y'])).toBe('X');
    expect(nextSection(round, ['reflection', 'X'])).toBe('Y');
  });

  it('ignores sections that are not part of the round', () => {
    expect(isComplete(round, ['X', 'Y', 'Z'])).toBe(false);
    const noReflection = makeRound({ includeReflection: false, dimensionIds: ['Y'] });
    expect(isComplete(noReflection, ['Y'])).toBe(true);
    expect(isComplete(noReflection, ['X', 'reflection'])).toBe(false);
    expect(nextSection(noReflection, ['X'])).toBe('Y');
  });
});

import { newSubmissionId, submissionOf, SUBMISSION_KEY } from './submission';

test('a new submission id each time, read back from the data', () => {
  const a = newSubmissionId();
  expect(a).not.toBe(newSubmissionId());
  expect(submissionOf({ [SUBMISSION_KEY]: a })).toBe(a);
});

test('anything but a short id of safe characters is not a submission id', () => {
  for (const value of [undefined, '', 'short', 42, ['0123456789abcdef'], 'x'.repeat(65), '0123456789abcdef:x', '__proto__0123456789']) {
    expect(submissionOf({ [SUBMISSION_KEY]: value })).toBeUndefined();
  }
});

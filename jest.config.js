/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  // swc strips types only; `npm run typecheck` (tsc) checks them.
  transform: { '^.+\\.ts$': ['@swc/jest', { jsc: { parser: { syntax: 'typescript' }, target: 'es2022' }, module: { type: 'commonjs' } }] },
  testMatch: ['<rootDir>/src/**/*.spec.ts', '<rootDir>/test/**/*.test.ts', '<rootDir>/packages/*/src/**/*.spec.ts'],
  // Tests run the workspace package from its TypeScript sources (as tsx does), not a stale dist/.
  moduleNameMapper: { '^@zorgspiegel/embedded-mongo$': '<rootDir>/packages/embedded-mongo/src/index.ts' },
  moduleFileExtensions: ['ts', 'js', 'json'],
  globalSetup: '<rootDir>/test/support/global-setup.ts',
  globalTeardown: '<rootDir>/test/support/global-teardown.ts',
  testTimeout: 30000,
  // No forceExit: on a 2-core machine jest runs every file in one process, so a handle any file
  // leaves open keeps the run from ending, and that is a finding (the last one was @slack/web-api
  // retrying a listener's call for thirty minutes: src/slack/web-client.ts).
};

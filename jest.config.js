/**
 * Two projects in one run:
 * - unit: pure functions (`*.spec.ts`), no services needed;
 * - integration: `*.int-spec.ts` / `*.e2e-spec.ts` against real PostgreSQL, Redis and SMTP. Each file gets its own
 *   PostgreSQL database cloned from a migrated template (test/support/global-setup.ts), so files run in parallel.
 */
const common = {
  rootDir: __dirname,
  testEnvironment: 'node',
  transform: { '^.+\\.ts$': ['@swc/jest'] },
  moduleFileExtensions: ['ts', 'js', 'json'],
  setupFiles: ['reflect-metadata'],
};

module.exports = {
  testTimeout: 30000,
  maxWorkers: 2,
  projects: [
    {
      ...common,
      displayName: 'unit',
      roots: ['<rootDir>/src', '<rootDir>/test', '<rootDir>/bench'],
      testMatch: ['**/*.spec.ts'],
      testPathIgnorePatterns: ['\\.int-spec\\.ts$', '\\.e2e-spec\\.ts$', '/node_modules/'],
    },
    {
      ...common,
      displayName: 'integration',
      roots: ['<rootDir>/src', '<rootDir>/test'],
      testMatch: ['**/*.int-spec.ts', '**/*.e2e-spec.ts'],
      globalSetup: '<rootDir>/test/support/global-setup.ts',
      globalTeardown: '<rootDir>/test/support/global-teardown.ts',
    },
  ],
};

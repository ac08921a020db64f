/**
 * Two projects in one run:
 * - unit: pure functions (`*.spec.ts`), no services needed;
 * - integration: `*.int-spec.ts` / `*.e2e-spec.ts` against real PostgreSQL, Redis and SMTP. Each file gets its own
 *   PostgreSQL database cloned from a migrated template (test/support/global-setup.ts), so files run in parallel.
 */
/**
 * Jest runs CommonJS; a few dependencies ship only ES modules (Node ≥ 20.19 requires them natively, jest's
 * module system cannot), so swc turns those into CommonJS too.
 */
const ESM_ONLY = [
  'content-disposition',
  'file-type',
  'strtok3',
  'token-types',
  '@tokenizer',
  'uint8array-extras',
  '@borewit',
];

const common = {
  rootDir: __dirname,
  testEnvironment: 'node',
  transform: { '^.+\\.(ts|js|mjs)$': ['@swc/jest'] },
  transformIgnorePatterns: [`/node_modules/(?!(${ESM_ONLY.join('|')})/)`],
  moduleFileExtensions: ['ts', 'js', 'json'],
  setupFiles: ['reflect-metadata'],
};

module.exports = {
  testTimeout: 30000,
  reporters: ['default', '<rootDir>/test/support/summary-reporter.js'],
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

// Jest runs the TypeScript tests against a real Strapi compiled once by the global setup.
/** @type {import('jest').Config} */
module.exports = {
  rootDir: '..',
  testEnvironment: 'node',
  roots: ['<rootDir>/tests'],
  testMatch: ['**/*.test.ts'],
  testPathIgnorePatterns: ['/node_modules/', '/tests/e2e/'],
  transform: {
    // Type errors in tests are reported by `tsc -p tests` (run first by `npm test`), so ts-jest only transpiles.
    '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tests/tsconfig.json' }],
  },
  globalSetup: '<rootDir>/tests/helpers/globalSetup.js',
  globalTeardown: '<rootDir>/tests/helpers/globalTeardown.js',
  // Each API test file boots its own Strapi (~10 s); two workers match the 2-core machines we run on.
  maxWorkers: 2,
  // Each API file boots Strapi, and a worker keeps part of every boot's memory: a worker that grew past
  // this after a file is replaced, instead of running out of heap several files later.
  workerIdleMemoryLimit: '1.5GB',
  testTimeout: 120000,
};

// Browser tests: the built admin panel served by `strapi start`, driven by Debian's Chromium.
/** @type {import('jest').Config} */
module.exports = {
  rootDir: '../..',
  testEnvironment: 'node',
  roots: ['<rootDir>/tests/e2e'],
  testMatch: ['**/*.e2e.ts'],
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tests/tsconfig.json' }],
  },
  globalSetup: '<rootDir>/tests/e2e/support/buildAdmin.js',
  maxWorkers: 1,
  testTimeout: 300000,
};

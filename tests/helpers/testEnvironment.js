'use strict';
const crypto = require('node:crypto');
const os = require('node:os');
const path = require('node:path');
const { throwawaySecrets } = require('./throwawaySecrets');

/** Per-run secrets and a throwaway SQLite file, so a test never depends on a developer's `.env`. */
const testEnvironment = (databaseFile) => ({
  NODE_ENV: 'test',
  ...throwawaySecrets(),
  DATABASE_CLIENT: process.env.TEST_DATABASE_CLIENT ?? 'sqlite',
  DATABASE_FILENAME: databaseFile,
  STRAPI_DISABLE_CRON: 'true',
  // Off whatever NODE_ENV a test sets; a test of the limit turns it on.
  RATE_LIMIT_ENABLED: 'false',
  STRAPI_TELEMETRY_DISABLED: 'true',
  BROWSER: 'none',
  LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'warn',
});

const temporaryDatabaseFile = (label) =>
  path.join(os.tmpdir(), `passerelle-${label}-${process.pid}-${crypto.randomBytes(4).toString('hex')}.db`);

module.exports = { testEnvironment, temporaryDatabaseFile };

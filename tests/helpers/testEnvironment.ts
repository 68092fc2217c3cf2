import crypto from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import { throwawaySecrets } from './throwawaySecrets';

/** Per-run secrets and a throwaway SQLite file, so a test never depends on a developer's `.env`. */
export const testEnvironment = (databaseFile: string): Record<string, string> => ({
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

export const temporaryDatabaseFile = (label: string): string =>
  path.join(os.tmpdir(), `passerelle-${label}-${process.pid}-${crypto.randomBytes(4).toString('hex')}.db`);

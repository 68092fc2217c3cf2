import crypto from 'node:crypto';
import os from 'node:os';
import path from 'node:path';

const random = () => crypto.randomBytes(16).toString('base64');

/** Per-run secrets and a throwaway SQLite file, so a test never depends on a developer's `.env`. */
export const testEnvironment = (databaseFile: string): Record<string, string> => ({
  NODE_ENV: 'test',
  APP_KEYS: [random(), random()].join(','),
  API_TOKEN_SALT: random(),
  ADMIN_JWT_SECRET: random(),
  JWT_SECRET: random(),
  TRANSFER_TOKEN_SALT: random(),
  ENCRYPTION_KEY: random(),
  DATABASE_CLIENT: process.env.TEST_DATABASE_CLIENT ?? 'sqlite',
  DATABASE_FILENAME: databaseFile,
  STRAPI_DISABLE_CRON: 'true',
  STRAPI_TELEMETRY_DISABLED: 'true',
  BROWSER: 'none',
  LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'warn',
});

export const temporaryDatabaseFile = (label: string): string =>
  path.join(os.tmpdir(), `passerelle-${label}-${process.pid}-${crypto.randomBytes(4).toString('hex')}.db`);

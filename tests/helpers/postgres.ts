import crypto from 'node:crypto';
import { adminQuery, databaseUrl } from './postgresAdmin';
import { POSTGRES_TEMPLATE } from './databaseTemplates';

/**
 * PostgreSQL for the tests that prove the same code runs there. `.ci/run` starts a server and sets
 * TEST_POSTGRES_URL (an admin connection); each test file gets its own fresh database.
 */
export const POSTGRES_URL = process.env.TEST_POSTGRES_URL;

/**
 * A database of its own for a test: a copy of the tests' template (the schema and what a first boot
 * writes: tests/helpers/databaseTemplates.js), or `empty` for a site's very first boot.
 */
export const createTestDatabase = async ({ empty = false }: { empty?: boolean } = {}): Promise<{
  url: string;
  drop: () => Promise<void>;
}> => {
  const adminUrl = POSTGRES_URL;
  if (!adminUrl) throw new Error('TEST_POSTGRES_URL is not set');
  const name = `passerelle_test_${crypto.randomBytes(4).toString('hex')}`;
  const template = process.env[POSTGRES_TEMPLATE];
  await adminQuery(adminUrl, `CREATE DATABASE ${name}${template && !empty ? ` TEMPLATE ${template}` : ''}`);
  return {
    url: databaseUrl(adminUrl, name),
    drop: () => adminQuery(adminUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
  };
};

import crypto from 'node:crypto';
import { Client } from 'pg';
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
  if (!POSTGRES_URL) throw new Error('TEST_POSTGRES_URL is not set');
  const name = `passerelle_test_${crypto.randomBytes(4).toString('hex')}`;
  const template = process.env[POSTGRES_TEMPLATE];
  const admin = new Client({ connectionString: POSTGRES_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}${template && !empty ? ` TEMPLATE ${template}` : ''}`);
  await admin.end();
  const url = new URL(POSTGRES_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const client = new Client({ connectionString: POSTGRES_URL });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await client.end();
    },
  };
};

'use strict';
/**
 * The database a test's Strapi boots on, already holding the schema and what a first boot writes
 * (roles, permissions, locales, the read model's tables and triggers). A boot on an empty database
 * creates about 130 tables, columns and indexes one statement at a time: 6.5 s on SQLite and 7 s on
 * PostgreSQL, against 3.7 and 4.0 s on a database that has them, and every API test file boots at
 * least once. So the global setup boots the compiled app once per database, with the tests'
 * environment, and each boot starts from a copy: of the file on SQLite, `CREATE DATABASE … TEMPLATE`
 * on PostgreSQL. A boot that must meet an empty database (first-boot behaviour) asks for one.
 */
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const crypto = require('node:crypto');
const { spawn } = require('node:child_process');
const { adminQuery, databaseUrl } = require('./postgresAdmin');

const SQLITE_TEMPLATE = 'TEST_SQLITE_TEMPLATE';
const POSTGRES_TEMPLATE = 'TEST_POSTGRES_TEMPLATE';

/** Boots the app on `env`'s database in a process of its own, waits for its background work, stops. */
const bootOnce = (appDir, env) =>
  new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(__dirname, 'bootTemplate.js'), appDir], {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'inherit', 'inherit'],
      timeout: 120_000,
    });
    child.on('error', reject);
    child.on('exit', (code, signal) =>
      code === 0 ? resolve() : reject(new Error(`the template database could not be prepared (exit ${code ?? signal})`))
    );
  });

/** Prepares the templates, side by side, and names them in the environment the test workers inherit. */
const createTemplates = async (appDir) => {
  const { testEnvironment } = require('./testEnvironment');
  const label = `${process.pid}_${crypto.randomBytes(4).toString('hex')}`;
  const file = path.join(os.tmpdir(), `passerelle-template-${label}.db`);
  const sqlite = bootOnce(appDir, { ...testEnvironment(file), DATABASE_CLIENT: 'sqlite' });
  const adminUrl = process.env.TEST_POSTGRES_URL;
  const name = `passerelle_template_${label}`;
  const postgres = adminUrl
    ? (async () => {
        await adminQuery(adminUrl, `CREATE DATABASE ${name}`);
        await bootOnce(appDir, { ...testEnvironment(''), DATABASE_CLIENT: 'postgres', DATABASE_URL: databaseUrl(adminUrl, name) });
      })()
    : undefined;
  // Named before they are ready, so that the global teardown removes them even after a failure here.
  process.env[SQLITE_TEMPLATE] = file;
  if (postgres) process.env[POSTGRES_TEMPLATE] = name;
  await Promise.all([sqlite, postgres]);
};

const dropTemplates = async () => {
  const file = process.env[SQLITE_TEMPLATE];
  if (file) for (const suffix of ['', '-journal', '-wal', '-shm']) fs.rmSync(file + suffix, { force: true });
  const name = process.env[POSTGRES_TEMPLATE];
  if (name && process.env.TEST_POSTGRES_URL)
    await adminQuery(process.env.TEST_POSTGRES_URL, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
};

module.exports = { createTemplates, dropTemplates, SQLITE_TEMPLATE, POSTGRES_TEMPLATE };

'use strict';
/**
 * What the benchmarks share: the compiled app booted on a throwaway SQLite file (or, given
 * `postgresUrl`, an admin connection, a throwaway PostgreSQL database), production mode, no cron,
 * listening on a free port of 127.0.0.1, and removed afterwards.
 */
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { throwawaySecrets } = require('../helpers/throwawaySecrets');

const appDir = path.resolve(__dirname, '..', '..');

const createPostgresDatabase = async (adminUrl) => {
  const { Client } = require('pg');
  const name = `passerelle_bench_${process.pid}_${Date.now()}`;
  const run = async (sql) => {
    const admin = new Client({ connectionString: adminUrl });
    await admin.connect();
    try {
      await admin.query(sql);
    } finally {
      await admin.end();
    }
  };
  await run(`CREATE DATABASE ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => run(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
};

const bootBenchApp = async ({ postgresUrl } = {}) => {
  const databaseFile = path.join(os.tmpdir(), `passerelle-bench-${process.pid}.db`);
  const postgres = postgresUrl ? await createPostgresDatabase(postgresUrl) : undefined;
  Object.assign(process.env, {
    ...throwawaySecrets(),
    NODE_ENV: 'production',
    DATABASE_CLIENT: 'sqlite',
    DATABASE_FILENAME: databaseFile,
    STRAPI_DISABLE_CRON: 'true',
    STRAPI_TELEMETRY_DISABLED: 'true',
    LOG_LEVEL: 'error',
    // One client sends every request of a bench: the per-client limit would answer most with a 429.
    RATE_LIMIT_ENABLED: 'false',
  });
  if (postgres) Object.assign(process.env, { DATABASE_CLIENT: 'postgres', DATABASE_URL: postgres.url });
  const { compileStrapi, createStrapi } = require('@strapi/strapi');
  const { distDir } = await compileStrapi({ appDir, ignoreDiagnostics: true });
  const strapi = createStrapi({ appDir, distDir, serveAdminPanel: false, autoReload: false });
  await strapi.load();
  await strapi.server.mount();
  await new Promise((resolve) => strapi.server.httpServer.listen(0, '127.0.0.1', resolve));
  const { port } = strapi.server.httpServer.address();
  const stop = async () => {
    await strapi.destroy();
    if (postgres) await postgres.drop();
    for (const suffix of ['', '-journal', '-wal', '-shm']) fs.rmSync(databaseFile + suffix, { force: true });
  };
  return { strapi, port, stop };
};

module.exports = { bootBenchApp };

'use strict';
/**
 * What the benchmarks share: the environment of a bench process (throwaway secrets, production mode,
 * no cron, no rate limit), and the compiled app booted on a throwaway SQLite file (or, given
 * `postgresUrl`, an admin connection, a throwaway PostgreSQL database), listening on a free port of
 * 127.0.0.1, and removed afterwards.
 */
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { throwawaySecrets } = require('../helpers/throwawaySecrets');
const { adminQuery, databaseUrl } = require('../helpers/postgresAdmin');

const appDir = path.resolve(__dirname, '..', '..');
const distDir = path.join(appDir, 'dist');

/** The public URL every bench process runs under; a dataset's read model is built for it. */
const BENCH_PUBLIC_URL = 'http://bench.passerelle.test';

/** The environment of a bench process on the SQLite file `databaseFile`, `extra` on top. */
const benchEnv = (databaseFile, extra = {}) => ({
  ...throwawaySecrets(),
  NODE_ENV: 'production',
  DATABASE_CLIENT: 'sqlite',
  DATABASE_FILENAME: databaseFile,
  STRAPI_DISABLE_CRON: 'true',
  STRAPI_TELEMETRY_DISABLED: 'true',
  LOG_LEVEL: 'error',
  // One client (or ten from one address) sends every request of a bench: the per-client limit would answer most with a 429.
  RATE_LIMIT_ENABLED: 'false',
  // As a site sets it. Without it the read model serves nothing (its rows hold absolute addresses),
  // and P was measured on the Document Service path alone until 30 November 2026.
  PUBLIC_URL: BENCH_PUBLIC_URL,
  ...extra,
});

/** Compiles the TypeScript to dist/, as `strapi build` does for the server (type errors do not stop it). */
const compileApp = async () => {
  const { compileStrapi } = require('@strapi/strapi');
  await compileStrapi({ appDir, ignoreDiagnostics: true });
};

const createPostgresDatabase = async (adminUrl) => {
  const name = `passerelle_bench_${process.pid}_${Date.now()}`;
  await adminQuery(adminUrl, `CREATE DATABASE ${name}`);
  return { url: databaseUrl(adminUrl, name), drop: () => adminQuery(adminUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
};

/**
 * Boots the app. `compile: false` boots the dist/ as it is (while tests use it, a compile would
 * rewrite it); `beforeLoad(strapi)` runs once the instance exists, before any plugin registers.
 */
const bootBenchApp = async ({ postgresUrl, compile = true, beforeLoad } = {}) => {
  const databaseFile = path.join(os.tmpdir(), `passerelle-bench-${process.pid}.db`);
  const postgres = postgresUrl ? await createPostgresDatabase(postgresUrl) : undefined;
  Object.assign(process.env, benchEnv(databaseFile));
  if (postgres) Object.assign(process.env, { DATABASE_CLIENT: 'postgres', DATABASE_URL: postgres.url });
  if (compile) await compileApp();
  const { createStrapi } = require('@strapi/strapi');
  const strapi = createStrapi({ appDir, distDir, serveAdminPanel: false, autoReload: false });
  if (beforeLoad) await beforeLoad(strapi);
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

module.exports = { appDir, distDir, benchEnv, compileApp, bootBenchApp, BENCH_PUBLIC_URL };

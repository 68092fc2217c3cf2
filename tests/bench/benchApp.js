'use strict';
/**
 * What the benchmarks share: the compiled app booted on a throwaway SQLite file, production mode,
 * no cron, listening on a free port of 127.0.0.1, and removed afterwards.
 */
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { throwawaySecrets } = require('../helpers/throwawaySecrets');

const appDir = path.resolve(__dirname, '..', '..');

const bootBenchApp = async () => {
  const databaseFile = path.join(os.tmpdir(), `passerelle-bench-${process.pid}.db`);
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
  const { compileStrapi, createStrapi } = require('@strapi/strapi');
  const { distDir } = await compileStrapi({ appDir, ignoreDiagnostics: true });
  const strapi = createStrapi({ appDir, distDir, serveAdminPanel: false, autoReload: false });
  await strapi.load();
  await strapi.server.mount();
  await new Promise((resolve) => strapi.server.httpServer.listen(0, '127.0.0.1', resolve));
  const { port } = strapi.server.httpServer.address();
  const stop = async () => {
    await strapi.destroy();
    for (const suffix of ['', '-journal', '-wal', '-shm']) fs.rmSync(databaseFile + suffix, { force: true });
  };
  return { strapi, port, stop };
};

module.exports = { bootBenchApp };

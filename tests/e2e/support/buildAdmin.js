'use strict';
// Builds the app and its admin panel once (`strapi build`, about a minute on 2 cores).
// E2E_SKIP_BUILD=true reuses dist/ when iterating on a test.
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const appDir = path.resolve(__dirname, '..', '..', '..');
const { throwawaySecrets } = require('../../helpers/throwawaySecrets');

module.exports = async function buildAdmin() {
  const built = fs.existsSync(path.join(appDir, 'dist', 'build', 'index.html'));
  if (process.env.E2E_SKIP_BUILD === 'true' && built) return;
  const started = Date.now();
  execFileSync(process.execPath, [path.join(appDir, 'node_modules', '@strapi', 'strapi', 'bin', 'strapi.js'), 'build'], {
    cwd: appDir,
    stdio: 'inherit',
    // `strapi build` loads the config, which requires the secrets; the build does not keep them.
    env: { ...throwawaySecrets(), ...process.env, NODE_ENV: 'production', STRAPI_TELEMETRY_DISABLED: 'true' },
  });
  console.log(`\nAdmin build: ${((Date.now() - started) / 1000).toFixed(1)} s`);
};

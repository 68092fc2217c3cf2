'use strict';
// Builds the app and its admin panel once (`strapi build`, about a minute on 2 cores).
// E2E_SKIP_BUILD=true reuses dist/ when iterating on a test.
const { execFileSync } = require('node:child_process');
const crypto = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');

const appDir = path.resolve(__dirname, '..', '..', '..');
const secret = () => crypto.randomBytes(16).toString('base64');

// `strapi build` loads the config, which requires the secrets; a clean clone has no .env, and the
// build does not keep them, so throwaway values do.
const buildSecrets = () => ({
  APP_KEYS: `${secret()},${secret()}`,
  API_TOKEN_SALT: secret(),
  ADMIN_JWT_SECRET: secret(),
  JWT_SECRET: secret(),
  TRANSFER_TOKEN_SALT: secret(),
  ENCRYPTION_KEY: secret(),
});

module.exports = async function buildAdmin() {
  const built = fs.existsSync(path.join(appDir, 'dist', 'build', 'index.html'));
  if (process.env.E2E_SKIP_BUILD === 'true' && built) return;
  const started = Date.now();
  execFileSync(process.execPath, [path.join(appDir, 'node_modules', '@strapi', 'strapi', 'bin', 'strapi.js'), 'build'], {
    cwd: appDir,
    stdio: 'inherit',
    env: { ...buildSecrets(), ...process.env, NODE_ENV: 'production', STRAPI_TELEMETRY_DISABLED: 'true' },
  });
  console.log(`\nAdmin build: ${((Date.now() - started) / 1000).toFixed(1)} s`);
};

'use strict';
const crypto = require('node:crypto');

const random = () => crypto.randomBytes(16).toString('base64');

/**
 * Fresh values for every secret Strapi's config requires, for tests, benchmarks and throwaway
 * builds: a clean clone has no `.env`, and nothing these runs create outlives them.
 */
const throwawaySecrets = () => ({
  APP_KEYS: `${random()},${random()}`,
  API_TOKEN_SALT: random(),
  ADMIN_JWT_SECRET: random(),
  JWT_SECRET: random(),
  TRANSFER_TOKEN_SALT: random(),
  ENCRYPTION_KEY: random(),
  PREVIEW_SECRET: random(),
});

module.exports = { throwawaySecrets };

// @ts-check
'use strict';
/**
 * Creates `.env` with fresh random secrets on first run; never touches an existing one.
 * Plain JavaScript because it runs before anything is compiled (`npm run demo`, `npm start`).
 */
const crypto = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');

const SECRET_NAMES = [
  'APP_KEYS',
  'API_TOKEN_SALT',
  'ADMIN_JWT_SECRET',
  'JWT_SECRET',
  'TRANSFER_TOKEN_SALT',
  'ENCRYPTION_KEY',
  'PREVIEW_SECRET',
];

/** @returns {string} */
const randomSecret = () => crypto.randomBytes(32).toString('base64');

/** @param {string} name */
const secretValue = (name) =>
  name === 'APP_KEYS' ? Array.from({ length: 4 }, randomSecret).join(',') : randomSecret();

/**
 * @param {string} appDir folder that holds (or will hold) `.env`
 * @returns {{ created: boolean, file: string }}
 */
function ensureEnv(appDir) {
  const file = path.join(appDir, '.env');
  const lines = [
    '# Generated on first run with fresh random secrets. Never commit this file.',
    '# Every variable the project reads is documented in .env.example.',
    ...SECRET_NAMES.map((name) => `${name}=${secretValue(name)}`),
    '',
  ];
  try {
    // 'wx' fails if the file exists, so an existing .env is never overwritten, even in a race.
    fs.writeFileSync(file, lines.join('\n'), { flag: 'wx', mode: 0o600 });
    return { created: true, file };
  } catch (error) {
    if (/** @type {NodeJS.ErrnoException} */ (error).code === 'EEXIST') return { created: false, file };
    throw error;
  }
}

module.exports = { ensureEnv, SECRET_NAMES };

if (require.main === module) {
  const { created, file } = ensureEnv(path.resolve(__dirname, '..', '..'));
  console.log(created ? `Created ${file} with fresh secrets.` : `Kept existing ${file}.`);
}

// @ts-check
'use strict';
/**
 * Creates `.env` with fresh random secrets on first run; never touches an existing one.
 * In production (NODE_ENV=production) it creates nothing: secrets generated there would differ on
 * every replica and every redeployed container, and each change silently breaks every API token.
 * There, a missing secret stops the start with a message naming it.
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
const secretValue = (name) => (name === 'APP_KEYS' ? Array.from({ length: 4 }, randomSecret).join(',') : randomSecret());

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

/**
 * What `npm start` does before Strapi: outside production, make sure `.env` exists; in production,
 * only check that every secret is set, in the environment or in an existing `.env`.
 * @param {string} appDir
 * @param {NodeJS.ProcessEnv} env
 * @returns {{ ok: boolean, message: string }}
 */
function prepareEnv(appDir, env) {
  const file = path.join(appDir, '.env');
  if (env.NODE_ENV !== 'production') {
    const { created } = ensureEnv(appDir);
    return { ok: true, message: created ? `Created ${file} with fresh secrets.` : `Kept existing ${file}.` };
  }
  const fromFile = fs.existsSync(file) ? parseEnvNames(fs.readFileSync(file, 'utf8')) : new Set();
  const missing = SECRET_NAMES.filter((name) => !env[name] && !fromFile.has(name));
  if (missing.length === 0) return { ok: true, message: 'All secrets are set.' };
  return {
    ok: false,
    message:
      `Missing secret${missing.length > 1 ? 's' : ''}: ${missing.join(', ')}. In production (NODE_ENV=production) ` +
      'no .env is generated: set the same values on every instance, in the environment or in .env ' +
      '(see .env.example and "Running in production" in README.md).',
  };
}

/**
 * Names given a non-empty value in a `.env` text.
 * @param {string} text
 * @returns {Set<string>}
 */
const parseEnvNames = (text) =>
  new Set(
    text
      .split(/\r?\n/)
      .map((line) => /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*)$/.exec(line))
      .filter((match) => match !== null && match[2].replace(/^(['"])(.*)\1$/, '$2').trim() !== '')
      .map((match) => /** @type {RegExpExecArray} */ (match)[1])
  );

module.exports = { ensureEnv, prepareEnv, SECRET_NAMES };

if (require.main === module) {
  const { ok, message } = prepareEnv(path.resolve(__dirname, '..', '..'), process.env);
  if (ok) console.log(message);
  else {
    console.error(message);
    process.exit(1);
  }
}

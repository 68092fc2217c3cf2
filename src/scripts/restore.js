// @ts-check
'use strict';
/**
 * `npm run restore -- --file <export file> [--key <key>]`: `strapi import` of a `strapi export` file
 * into this instance's database, then, in the same command, the first super admin from ADMIN_EMAIL
 * and ADMIN_PASSWORD. Strapi's transfer carries no admin accounts, so a restored database has none,
 * and the first visitor to /admin could otherwise create one. Checks the admin's details before it
 * touches the database; run it with the instances stopped.
 * Plain JavaScript, like ensure-env.js: it runs from the project folder with nothing compiled yet.
 */
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const APP_DIR = path.resolve(__dirname, '..', '..');
const STRAPI_BIN = path.join(APP_DIR, 'node_modules', '@strapi', 'strapi', 'bin', 'strapi.js');

/** @param {string} message */
const fail = (message) => {
  console.error(`restore: ${message}`);
  process.exit(1);
};

const envFile = path.join(APP_DIR, '.env');
if (fs.existsSync(envFile)) require('dotenv').config({ path: envFile });

const admin = {
  email: process.env.ADMIN_EMAIL ?? '',
  password: process.env.ADMIN_PASSWORD ?? '',
  firstname: process.env.ADMIN_FIRSTNAME || 'Admin',
  lastname: process.env.ADMIN_LASTNAME || 'Passerelle',
};
const args = process.argv.slice(2);

if (!args.includes('--file') && !args.includes('-f'))
  fail('name the export to restore: npm run restore -- --file backup.tar.gz.enc [--key ...]');
if (!/^[^@\s]+@[^@\s]+$/.test(admin.email)) fail('set ADMIN_EMAIL (the first super admin of the restored database).');
// Strapi's own rule for admin passwords.
if (admin.password.length < 8 || !/[a-z]/.test(admin.password) || !/[A-Z]/.test(admin.password) || !/\d/.test(admin.password)) {
  fail('set ADMIN_PASSWORD: 8 characters or more, with a lowercase letter, an uppercase letter and a digit.');
}

const imported = spawnSync(process.execPath, [STRAPI_BIN, 'import', '--force', ...args], {
  cwd: APP_DIR,
  stdio: 'inherit',
  env: process.env,
});
if (imported.status !== 0) fail(`strapi import failed (exit ${imported.status ?? imported.signal}); no admin was created.`);

const createAdmin = async () => {
  const { createStrapi } = require('@strapi/strapi');
  // `strapi import` has just compiled the app; load that build rather than compile it again.
  const distDir = await require('@strapi/typescript-utils').resolveOutDir(APP_DIR);
  const app = await createStrapi({ appDir: APP_DIR, distDir, serveAdminPanel: false }).load();
  try {
    const users = app.service('admin::user');
    if (await users.exists()) {
      console.log('restore: the database already has an admin account; none created.');
      return;
    }
    await users.createFirstAdmin({ ...admin, preferedLanguage: 'fr' });
    console.log(`restore: super admin ${admin.email} created.`);
  } finally {
    await app.destroy();
  }
};

createAdmin().then(
  () => process.exit(0),
  (error) => fail(`the import is done but the admin could not be created: ${error instanceof Error ? error.message : String(error)}`)
);

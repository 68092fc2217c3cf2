'use strict';
/**
 * REST read latency at realistic size: slug lookups and list pages on N articles in two locales,
 * one client at a time and then 10 concurrent clients, with and without our indexes.
 *
 *   npm run bench:api                 (10,000 articles)
 *   npm run bench:api -- --size 2000
 *
 * Boots the compiled app on a throwaway SQLite file and talks to it over real HTTP on 127.0.0.1.
 */
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const http = require('node:http');
const crypto = require('node:crypto');

const arg = (name, fallback) => {
  const index = process.argv.indexOf(`--${name}`);
  return index > 0 ? process.argv[index + 1] : fallback;
};
const SIZE = Number(arg('size', 10000));
const SAMPLES = Number(arg('samples', 300));
const CONCURRENCY = Number(arg('concurrency', 10));
const DURATION_MS = Number(arg('seconds', 10)) * 1000;

const appDir = path.resolve(__dirname, '..', '..');
const databaseFile = path.join(os.tmpdir(), `passerelle-bench-${process.pid}.db`);
Object.assign(process.env, {
  DATABASE_CLIENT: 'sqlite',
  DATABASE_FILENAME: databaseFile,
  STRAPI_DISABLE_CRON: 'true',
  STRAPI_TELEMETRY_DISABLED: 'true',
  LOG_LEVEL: 'error',
  NODE_ENV: 'production',
});
for (const name of ['APP_KEYS', 'API_TOKEN_SALT', 'ADMIN_JWT_SECRET', 'JWT_SECRET', 'TRANSFER_TOKEN_SALT', 'ENCRYPTION_KEY']) {
  process.env[name] = process.env[name] || crypto.randomBytes(16).toString('base64');
}

const agent = new http.Agent({ keepAlive: true, maxSockets: CONCURRENCY });
const get = (port, url) =>
  new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    http
      .get({ host: '127.0.0.1', port, path: url, agent }, (response) => {
        response.resume();
        response.on('end', () => {
          // 404 is a right answer too: one release in fifty is under embargo.
          if (response.statusCode !== 200 && response.statusCode !== 404) reject(new Error(`${url} → ${response.statusCode}`));
          else resolve(Number(process.hrtime.bigint() - started) / 1e6);
        });
      })
      .on('error', reject);
  });

const percentile = (values, p) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
};
const summary = (values) =>
  `p50 ${percentile(values, 50).toFixed(1)} ms · p95 ${percentile(values, 95).toFixed(1)} ms · p99 ${percentile(values, 99).toFixed(1)} ms`;

const slugUrl = () => {
  const i = Math.floor(Math.random() * SIZE);
  return Math.random() < 0.5 ? `/api/articles/slug/actualite-numero-${i}?locale=fr` : `/api/articles/slug/news-item-number-${i}?locale=en`;
};
const listUrl = () => `/api/articles?locale=fr&sort=publishedAt:desc&pagination[page]=${1 + Math.floor(Math.random() * 20)}&pagination[pageSize]=25`;

async function measure(port, label) {
  for (let i = 0; i < 20; i += 1) await get(port, slugUrl()); // warm-up
  const slug = [];
  for (let i = 0; i < SAMPLES; i += 1) slug.push(await get(port, slugUrl()));
  const list = [];
  for (let i = 0; i < Math.max(50, SAMPLES / 3); i += 1) list.push(await get(port, listUrl()));

  const concurrent = [];
  const deadline = Date.now() + DURATION_MS;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (Date.now() < deadline) concurrent.push(await get(port, slugUrl()));
    })
  );
  console.log(`\n${label}`);
  console.log(`  slug lookup, 1 client:      ${summary(slug)}`);
  console.log(`  list page (25), 1 client:   ${summary(list)}`);
  console.log(`  slug lookup, ${CONCURRENCY} clients:    ${summary(concurrent)} · ${(concurrent.length / (DURATION_MS / 1000)).toFixed(0)} req/s`);
}

(async () => {
  const { compileStrapi, createStrapi } = require('@strapi/strapi');
  const { generateDataset } = require('./generate-dataset');
  const appContext = await compileStrapi({ appDir, ignoreDiagnostics: true });
  const strapi = await createStrapi({ ...appContext, serveAdminPanel: false }).load();
  console.log(`Generating ${SIZE} articles in fr and en (${SIZE * 4} rows)…`);
  const started = Date.now();
  await generateDataset(strapi, SIZE, { log: () => undefined });
  console.log(`  done in ${((Date.now() - started) / 1000).toFixed(1)} s`);

  await strapi.server.listen();
  const { port } = strapi.server.httpServer.address();
  console.log(`Node ${process.version}, ${os.cpus().length} cores, SQLite file, ${SIZE} articles × 2 locales`);
  await measure(port, 'With Passerelle indexes');

  const knex = strapi.db.connection;
  for (const name of ['articles_slug_locale_pub_idx', 'articles_locale_pub_idx']) await knex.raw(`DROP INDEX IF EXISTS ${name}`);
  await measure(port, 'Without them (as stock Strapi)');

  await strapi.destroy();
  for (const suffix of ['', '-wal', '-shm', '-journal']) fs.rmSync(databaseFile + suffix, { force: true });
  process.exit(0);
})().catch((error) => {
  console.error(error);
  process.exit(1);
});

'use strict';
/**
 * REST read latency at realistic size: slug lookups and list pages on N articles in two locales,
 * one client at a time and then 10 concurrent clients, with and without our indexes; each measured
 * on addresses asked for the first time (computed) and again (served from the API's own cache).
 *
 *   npm run bench:api                 (10,000 articles)
 *   npm run bench:api -- --size 2000
 *
 * Boots the compiled app on a throwaway SQLite file and talks to it over real HTTP on 127.0.0.1; the
 * concurrent clients run in a worker thread of their own.
 */
const os = require('node:os');
const http = require('node:http');
const { bootBenchApp } = require('./benchApp');
const { loadInWorker } = require('./loadClients');

const arg = (name, fallback) => {
  const index = process.argv.indexOf(`--${name}`);
  return index > 0 ? process.argv[index + 1] : fallback;
};
const SIZE = Number(arg('size', 10000));
const SAMPLES = Number(arg('samples', 300));
const CONCURRENCY = Number(arg('concurrency', 10));
const DURATION_MS = Number(arg('seconds', 10)) * 1000;

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
      .on('error', (error) => reject(new Error(`${url}: ${error.message}`)));
  });

const percentile = (values, p) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
};
const summary = (values) =>
  values.length === 0
    ? 'no addresses left to measure (use a larger --size)'
    : `p50 ${percentile(values, 50).toFixed(1)} ms · p95 ${percentile(values, 95).toFixed(1)} ms · p99 ${percentile(values, 99).toFixed(1)} ms`;

/**
 * URLs handed out once each, so a "cold" sample is the first request for its address: the answer is
 * computed (query, population, sanitization), not taken from the API's own response cache.
 */
const shuffled = (urls) => {
  for (let i = urls.length - 1; i > 0; i -= 1) {
    const j = Math.floor(Math.random() * (i + 1));
    [urls[i], urls[j]] = [urls[j], urls[i]];
  }
  return urls;
};
const unusedSlugUrls = shuffled(
  Array.from({ length: SIZE }, (_, i) => [
    `/api/articles/slug/actualite-numero-${i}?locale=fr`,
    `/api/articles/slug/news-item-number-${i}?locale=en`,
  ]).flat()
);
const unusedListUrls = shuffled(
  Array.from({ length: Math.ceil(SIZE / 25) }, (_, i) =>
    ['fr', 'en'].map((locale) => `/api/articles?locale=${locale}&sort=publishedAt:desc&pagination[page]=${i + 1}&pagination[pageSize]=25`)
  ).flat()
);
const take = (urls, count) => urls.splice(0, Math.min(count, urls.length));

const timeEach = async (port, urls) => {
  const times = [];
  for (const url of urls) times.push(await get(port, url));
  return times;
};

/**
 * `CONCURRENCY` clients for `DURATION_MS` on `urls`, in turn, in a worker thread (loadClients.js): the
 * clients' own work runs beside the app's event loop, not on it. Returns the summary and how many
 * addresses were sent, so that a caller can drop them from its unused ones.
 */
const concurrently = async (port, urls) => {
  const { latencies, errors, firstError, elapsed } = await loadInWorker({
    port,
    requests: urls.map((url) => ({ method: 'GET', path: url })),
    seconds: DURATION_MS / 1000,
    clients: CONCURRENCY,
    // 404 is a right answer too: one release in fifty is under embargo.
    accepted: [200, 404],
  });
  if (errors > 0) throw new Error(`${errors} answers were neither 200 nor 404, the first: ${firstError}`);
  return { summary: `${summary(latencies)} · ${(latencies.length / elapsed).toFixed(0)} req/s`, sent: latencies.length };
};

async function measure(port, label) {
  await timeEach(port, take(unusedSlugUrls, 20)); // warm-up
  const slugs = take(unusedSlugUrls, SAMPLES);
  const lists = take(unusedListUrls, Math.max(50, Math.floor(SAMPLES / 3)));
  const slugCold = await timeEach(port, slugs);
  const listCold = await timeEach(port, lists);
  const slugWarm = await timeEach(port, slugs);
  const listWarm = await timeEach(port, lists);
  // Ten clients on addresses never asked before (every answer computed), then on a working set already asked.
  // Once every unused address is sent, the clients start again from the first: no longer a first request.
  const concurrentCold = await concurrently(port, unusedSlugUrls.length > 0 ? unusedSlugUrls : slugs);
  take(unusedSlugUrls, concurrentCold.sent);
  const concurrentWarm = await concurrently(port, shuffled([...slugs]));

  console.log(`\n${label}`);
  console.log(`  slug lookup, 1 client, first request:   ${summary(slugCold)}`);
  console.log(`  slug lookup, 1 client, repeated:        ${summary(slugWarm)}`);
  console.log(`  list page (25), 1 client, first:        ${summary(listCold)}`);
  console.log(`  list page (25), 1 client, repeated:     ${summary(listWarm)}`);
  console.log(`  slug lookup, ${CONCURRENCY} clients, first requests: ${concurrentCold.summary}`);
  console.log(`  slug lookup, ${CONCURRENCY} clients, repeated:       ${concurrentWarm.summary}`);
}

(async () => {
  const { generateDataset } = require('./generate-dataset');
  const { strapi, port, stop } = await bootBenchApp();
  console.log(`Generating ${SIZE} articles in fr and en (${SIZE * 4} rows)…`);
  const started = Date.now();
  await generateDataset(strapi, SIZE, { log: () => undefined });
  console.log(`  done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  // The generated rows were written around the Document Service: the read model is rebuilt and the
  // search index catches up before anything is measured, as on a site that has been running.
  const settling = Date.now();
  await strapi.plugin('read-model')?.service('read-model').settle();
  await strapi.plugin('search')?.service('search').catchUp();
  console.log(`  read model and search index brought up to date in ${((Date.now() - settling) / 1000).toFixed(1)} s`);

  console.log(`Node ${process.version}, ${os.cpus().length} cores, SQLite file, ${SIZE} articles × 2 locales`);
  await measure(port, 'With Passerelle indexes');

  const knex = strapi.db.connection;
  for (const name of ['articles_slug_locale_pub_idx', 'articles_locale_pub_idx']) await knex.raw(`DROP INDEX IF EXISTS ${name}`);
  await measure(port, 'Without them (as stock Strapi)');

  await stop();
  process.exit(0);
})().catch((error) => {
  console.error(error);
  process.exit(1);
});

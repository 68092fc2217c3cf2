'use strict';
/**
 * Memory under one anonymous client sending addresses never seen before (README, "HTTP caching").
 * Prints the server's resident memory after garbage collection before and after each phase, what the
 * response cache believes it holds, and the throughput:
 *
 *   1. junk: N GETs with a distinct unknown query parameter (refused with a 400, or never stored);
 *   2. small: N distinct valid list queries with a tiny answer (the entry cap is what holds);
 *   3. large: N distinct valid list queries answering 25 French articles (the byte budget holds).
 *
 *   npm run bench:cache-memory -- [--requests 20000] [--concurrency 10] [--budget-mb 64] [--phases junk,small,large]
 *
 * The app runs in this process (so `global.gc` reaches it), on a throwaway SQLite file, over HTTP on 127.0.0.1.
 */
const http = require('node:http');
const { bootBenchApp } = require('./benchApp');

const arg = (name, fallback) => {
  const index = process.argv.indexOf(`--${name}`);
  return index > 0 ? process.argv[index + 1] : fallback;
};
const REQUESTS = Number(arg('requests', 20000));
const CONCURRENCY = Number(arg('concurrency', 10));
process.env.CACHE_RESPONSES_MAX_MB = arg('budget-mb', process.env.CACHE_RESPONSES_MAX_MB ?? '64');

if (typeof global.gc !== 'function') {
  console.error('Run with node --expose-gc');
  process.exit(1);
}

// No keep-alive: a socket the server closes while idle (between phases) would fail the next request.
const get = (port, path) =>
  new Promise((resolve, reject) => {
    http
      .get({ host: '127.0.0.1', port, path, agent: false }, (response) => {
        response.resume();
        response.on('end', () => resolve(response.statusCode));
      })
      .on('error', reject);
  });

const settledRss = async () => {
  for (let i = 0; i < 3; i += 1) {
    global.gc();
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return process.memoryUsage();
};
const mb = (bytes) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

const run = async (port, name, pathFor) => {
  const before = await settledRss();
  const statuses = new Map();
  let next = 0;
  const started = Date.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < REQUESTS) {
        const status = await get(port, pathFor(next++));
        statuses.set(status, (statuses.get(status) ?? 0) + 1);
      }
    })
  );
  const seconds = (Date.now() - started) / 1000;
  const after = await settledRss();
  return { name, before, after, seconds, statuses: Object.fromEntries(statuses) };
};
const delta = (before, after, field) => {
  const difference = after[field] - before[field];
  return `${mb(before[field])} → ${mb(after[field])} (${difference >= 0 ? '+' : ''}${mb(difference)})`;
};

const FRENCH = 'L’atelier « DéClics Numériques » a réuni des jeunes d’Occitanie : c’était l’été, on n’a pas compté. ';

(async () => {
  const { strapi, port, stop } = await bootBenchApp();
  try {
    for (let n = 0; n < 60; n += 1) {
      await strapi.documents('api::article.article').create({
        locale: 'fr',
        status: 'published',
        data: {
          title: `Article d’été n° ${n}`,
          kind: 'news',
          standfirst: FRENCH.repeat(3),
          body: Array.from({ length: 6 }, () => ({ type: 'paragraph', children: [{ type: 'text', text: FRENCH.repeat(4) }] })),
        },
      });
    }
    const cache = strapi.passerelleResponseCache;
    await run(port, 'warm-up', (n) => `/api/articles?locale=fr&pagination[page]=${(n % 3) + 1}`);

    const only = arg('phases', 'junk,small,large').split(',');
    const phases = [
      ['junk', 'junk parameters', (n) => (n % 2 ? `/api/articles?locale=fr&junk${n}=${n}` : `/api/feeds/fr/news.json?junk${n}=${n}`)],
      ['small', 'distinct small answers', (n) => `/api/articles?locale=fr&filters[title][$eq]=absent-${n}`],
      ['large', 'distinct large answers', (n) => `/api/articles?locale=fr&filters[title][$ne]=absent-${n}`],
    ];
    console.log(
      `${REQUESTS} requests per phase, ${CONCURRENCY} clients, budget ${process.env.CACHE_RESPONSES_MAX_MB} MB, Node ${process.version}`
    );
    for (const [, name, pathFor] of phases.filter(([id]) => only.includes(id))) {
      const result = await run(port, name, pathFor);
      const stats = cache.stats();
      console.log(
        `${name}: after GC, RSS ${delta(result.before, result.after, 'rss')}, JS heap ${delta(result.before, result.after, 'heapUsed')}, ` +
          `heap committed ${delta(result.before, result.after, 'heapTotal')}, buffers ${delta(result.before, result.after, 'arrayBuffers')}; ` +
          `cache ${stats.entries} entries, ${mb(stats.bytes)} charged, body pool ${mb(stats.poolBytes)}; ` +
          `RSS growth ${mb(result.after.rss - result.before.rss)} against a ${process.env.CACHE_RESPONSES_MAX_MB} MB budget; ${(REQUESTS / result.seconds).toFixed(0)} req/s; statuses ${JSON.stringify(result.statuses)}`
      );
    }
  } finally {
    await stop();
  }
})().catch((error) => {
  console.error(error);
  process.exit(1);
});

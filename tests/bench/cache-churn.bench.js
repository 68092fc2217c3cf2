'use strict';
/**
 * The response cache alone, without Strapi: 4,000 answers of about 100 KB of French JSON stored
 * through a 64 MB cache, resident memory after GC. `buffers` stores each body in a Buffer of its
 * own (what the cache did before its chunk pool), `pool` uses the compiled cache (dist/, run
 * `npm test` or `npm run build` first), `none` only builds the answers (V8's own growth).
 *
 *   node --expose-gc tests/bench/cache-churn.bench.js buffers|pool|none
 */
const path = require('node:path');
const { LRUCache } = require('lru-cache');

const mode = process.argv[2] ?? 'pool';
const ANSWERS = 4000;
const BUDGET = 64 * 1024 * 1024;
const FRENCH = 'L’atelier « DéClics Numériques » a réuni des jeunes d’Occitanie : c’était l’été, on n’a pas compté. ';

const settled = () => {
  for (let i = 0; i < 3; i += 1) global.gc();
  return process.memoryUsage();
};
const mb = (bytes) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

const stores = {
  none: () => ({ set: () => undefined, stats: () => ({}) }),
  buffers: () => {
    const cache = new LRUCache({ max: 10000, maxSize: BUDGET, sizeCalculation: (body, key) => body.byteLength + 2 * key.length + 1024 });
    return {
      set: (key, text) => {
        const body = Buffer.allocUnsafeSlow(Buffer.byteLength(text));
        body.write(text);
        cache.set(key, body);
      },
      stats: () => ({ entries: cache.size, charged: mb(cache.calculatedSize) }),
    };
  },
  pool: () => {
    const { createResponseCache } = require(path.resolve(__dirname, '..', '..', 'dist', 'src', 'http-cache', 'responseCache.js'));
    const cache = createResponseCache({ maxBytes: BUDGET, maxEntryBytes: 1024 * 1024, maxEntries: 10000 });
    return {
      set: (key, text) => cache.set(key, { body: text, type: 'application/json', etag: '"e"', version: '1', from: 0, until: 1e12 }),
      stats: () => ({ entries: cache.stats().entries, charged: mb(cache.stats().bytes), pool: mb(cache.stats().poolBytes) }),
    };
  },
};

const store = stores[mode]();
const before = settled();
for (let n = 0; n < ANSWERS; n += 1) {
  const articles = Array.from({ length: 25 }, (_, i) => ({
    id: i,
    title: `Article d’été ${n} ${i}`,
    standfirst: FRENCH.repeat(3),
    body: Array.from({ length: 6 }, () => FRENCH.repeat(4 + (n % 3))),
  }));
  store.set(`/api/articles?filters[title][$ne]=absent-${n}`, JSON.stringify({ data: articles, meta: { n } }));
}
const after = settled();
console.log(
  `${mode}: RSS +${mb(after.rss - before.rss)}, heap committed +${mb(after.heapTotal - before.heapTotal)}, buffers +${mb(after.arrayBuffers - before.arrayBuffers)}; ${JSON.stringify(store.stats())}`
);

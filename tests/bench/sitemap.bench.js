'use strict';
/**
 * The sitemap alone: time of uncached answers and resident memory before, during and after a burst.
 *
 *   node --expose-gc tests/bench/sitemap.bench.js --size 10000 [--burst 10] [--rounds 5]
 *
 * Boots the compiled app on a throwaway SQLite file (tests/bench/benchApp.js), fills it with
 * tests/bench/generate-dataset.js (`size` articles × fr/en), then asks `/sitemap.xml` one request at
 * a time (the response cache never holds a streamed sitemap, so each is computed), then `burst`
 * requests at once, and prints times, bytes and RSS. Datetimes the generator wrote as text on SQLite
 * are converted to Strapi's milliseconds first (issue 16), so the visibility conditions compare like values.
 */
const http = require('node:http');
const { bootBenchApp } = require('./benchApp');
const { generateDataset } = require('./generate-dataset');

const option = (name, fallback) => {
  const at = process.argv.indexOf(`--${name}`);
  return at > 0 ? Number(process.argv[at + 1]) : fallback;
};
const size = option('size', 10000);
const burst = option('burst', 10);
const rounds = option('rounds', 5);

const megabytes = (bytes) => Math.round(bytes / 1024 / 1024);
const rss = () => megabytes(process.memoryUsage().rss);

const get = (port, path) =>
  new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    http
      .get({ host: '127.0.0.1', port, path }, (response) => {
        let bytes = 0;
        response.on('data', (chunk) => (bytes += chunk.length));
        response.on('end', () =>
          resolve({ status: response.status ?? response.statusCode, bytes, ms: Number(process.hrtime.bigint() - started) / 1e6 })
        );
      })
      .on('error', reject);
  });

/** Strapi keeps datetimes as milliseconds on SQLite; text written around it never compares as a date. */
const datesAsStrapiStoresThem = async (strapi) => {
  if (strapi.db.dialect.client !== 'sqlite') return;
  const knex = strapi.db.connection;
  for (const column of ['published_at', 'created_at', 'updated_at', 'embargo_until', 'visible_from']) {
    await knex.raw(
      `UPDATE articles SET ${column} = CAST(ROUND((julianday(${column}) - 2440587.5) * 86400000) AS INTEGER) WHERE typeof(${column}) = 'text'`
    );
  }
};

(async () => {
  const { strapi, port, stop } = await bootBenchApp();
  try {
    const generated = Date.now();
    await generateDataset(strapi, size, { log: () => undefined });
    await datesAsStrapiStoresThem(strapi);
    console.log(`dataset: ${size} articles × 2 locales in ${((Date.now() - generated) / 1000).toFixed(1)} s`);
    global.gc?.();
    const idle = rss();
    const times = [];
    let answer;
    for (let round = 0; round < rounds; round += 1) {
      answer = await get(port, '/sitemap.xml');
      if (answer.status !== 200) throw new Error(`/sitemap.xml answered ${answer.status}`);
      times.push(answer.ms);
    }
    const afterSingles = rss();
    let peak = afterSingles;
    const sampler = setInterval(() => (peak = Math.max(peak, rss())), 20);
    const burstStarted = Date.now();
    const answers = await Promise.all(Array.from({ length: burst }, () => get(port, '/sitemap.xml')));
    const burstMs = Date.now() - burstStarted;
    clearInterval(sampler);
    peak = Math.max(peak, rss());
    global.gc?.();
    await new Promise((resolve) => setTimeout(resolve, 2000));
    global.gc?.();
    const sorted = [...times].sort((a, b) => a - b);
    console.log(
      JSON.stringify(
        {
          size,
          urlsBytes: answer.bytes,
          singleMs: { first: Math.round(times[0]), median: Math.round(sorted[Math.floor(sorted.length / 2)]), all: times.map(Math.round) },
          burst: { requests: burst, totalMs: burstMs, statuses: [...new Set(answers.map((a) => a.status))] },
          rssMb: { idleBefore: idle, afterSingles, peakDuringBurst: peak, afterBurstAndGc: rss() },
        },
        null,
        2
      )
    );
  } finally {
    await stop();
  }
  process.exit(0);
})().catch((error) => {
  console.error(error);
  process.exit(1);
});

'use strict';
/**
 * Fills a database with a realistic number of articles in French and English (draft + published rows,
 * as Strapi stores them), straight through the query builder so 10,000 documents take seconds.
 *
 *   node tests/bench/generate-dataset.js --size 10000            (uses DATABASE_* from the environment)
 *
 * Exported as `generateDataset(strapi, size)` for the benchmark.
 */
const crypto = require('node:crypto');

const documentId = () =>
  crypto
    .randomBytes(12)
    .toString('base64url')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, 'a')
    .slice(0, 24);
const KINDS = ['news', 'press-release', 'announcement'];

async function generateDataset(strapi, size, { batch = 500, log = console.log } = {}) {
  const knex = strapi.db.connection;
  const start = Date.parse('2020-01-01T00:00:00Z');
  let inserted = 0;
  for (let offset = 0; offset < size; offset += batch) {
    const rows = [];
    for (let i = offset; i < Math.min(size, offset + batch); i += 1) {
      const id = documentId();
      const publishedAt = new Date(start + i * 3600_000).toISOString();
      const kind = KINDS[i % KINDS.length];
      // One embargoed release in fifty, ending in the future, as in a busy press office.
      const embargoUntil =
        kind === 'press-release' && i % 50 === 2 ? new Date(Date.now() + 86400_000 * (1 + (i % 30))).toISOString() : null;
      for (const locale of ['fr', 'en']) {
        const base = {
          document_id: id,
          title: locale === 'fr' ? `Actualité numéro ${i}` : `News item number ${i}`,
          slug: locale === 'fr' ? `actualite-numero-${i}` : `news-item-number-${i}`,
          kind,
          standfirst: locale === 'fr' ? `Résumé de l’actualité ${i}.` : `Summary of news item ${i}.`,
          byline: 'Bench',
          embargo_until: embargoUntil,
          visible_from: null,
          locale,
          created_at: publishedAt,
          updated_at: publishedAt,
        };
        rows.push({ ...base, published_at: null });
        rows.push({ ...base, published_at: publishedAt });
      }
    }
    await knex.batchInsert('articles', rows, 250);
    inserted += rows.length / 4;
    if (inserted % 2000 === 0 || inserted === size) log(`  ${inserted}/${size} documents`);
  }
  return inserted;
}

module.exports = { generateDataset };

if (require.main === module) {
  const size = Number(process.argv[process.argv.indexOf('--size') + 1]) || 10000;
  const { compileStrapi, createStrapi } = require('@strapi/strapi');
  (async () => {
    const appContext = await compileStrapi();
    const strapi = await createStrapi(appContext).load();
    const started = Date.now();
    await generateDataset(strapi, size);
    console.log(`Inserted ${size} articles × 2 locales in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    await strapi.destroy();
    process.exit(0);
  })().catch((error) => {
    console.error(error);
    process.exit(1);
  });
}

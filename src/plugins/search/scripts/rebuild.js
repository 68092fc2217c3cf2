'use strict';
// `npm run search:rebuild`: empties the search index and indexes every published document again, then exits.
// Compiles first, because the plugin is TypeScript and Strapi runs from dist/.
const { compileStrapi, createStrapi } = require('@strapi/strapi');

(async () => {
  const appContext = await compileStrapi();
  const strapi = await createStrapi(appContext).load();
  try {
    const started = Date.now();
    const { entries } = await strapi.plugin('search').service('search').rebuild();
    console.log(`Search index rebuilt: ${entries} entries in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
  } finally {
    await strapi.destroy();
  }
  process.exit(0);
})().catch((error) => {
  console.error(error);
  process.exit(1);
});

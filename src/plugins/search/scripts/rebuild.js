'use strict';
// `npm run search:rebuild`: empties the search index and indexes every published document again, then exits.
const { runWithApp } = require('../../../scripts/runWithApp');

runWithApp(async (strapi) => {
  const started = Date.now();
  const { entries } = await strapi.plugin('search').service('search').rebuild();
  console.log(`Search index rebuilt: ${entries} entries in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
});

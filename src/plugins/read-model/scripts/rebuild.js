'use strict';
// `npm run read-model:rebuild`: computes every row of the read model again, then exits.
const { runWithApp } = require('../../../scripts/runWithApp');

runWithApp(async (strapi) => {
  const started = Date.now();
  const { documents } = await strapi.plugin('read-model').service('read-model').rebuild();
  console.log(`Read model rebuilt: ${documents} documents in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
});

'use strict';
// `npm run read-model:rebuild`: computes every row of the read model again, then exits.
// Compiles first, because the plugin is TypeScript and Strapi runs from dist/.
const { compileStrapi, createStrapi } = require('@strapi/strapi');

(async () => {
  const appContext = await compileStrapi();
  const strapi = await createStrapi(appContext).load();
  try {
    const started = Date.now();
    const { documents } = await strapi.plugin('read-model').service('read-model').rebuild();
    console.log(`Read model rebuilt: ${documents} documents in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
  } finally {
    await strapi.destroy();
  }
  process.exit(0);
})().catch((error) => {
  console.error(error);
  process.exit(1);
});

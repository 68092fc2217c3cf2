'use strict';
// `npm run seed`: loads the demo content into the configured database, then exits.
// Compiles first, because the seeder is TypeScript and Strapi runs from dist/.
const path = require('node:path');
const { compileStrapi, createStrapi } = require('@strapi/strapi');

(async () => {
  const appContext = await compileStrapi();
  const strapi = await createStrapi(appContext).load();
  try {
    const { seedDemoContent } = require(path.join(appContext.distDir, 'src', 'seed', 'seedDemoContent.js'));
    const { created } = await seedDemoContent(strapi);
    console.log(created > 0 ? `Seeded ${created} documents.` : 'Demo content already present: nothing changed.');
  } finally {
    await strapi.destroy();
  }
  process.exit(0);
})().catch((error) => {
  console.error(error);
  process.exit(1);
});

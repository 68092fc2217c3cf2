'use strict';
// `npm run seed`: loads the demo content into the configured database, then exits.
const path = require('node:path');
const { runWithApp } = require('../../src/scripts/runWithApp');

runWithApp(async (strapi, { distDir }) => {
  const { seedDemoContent } = require(path.join(distDir, 'src', 'seed', 'seedDemoContent.js'));
  const { created } = await seedDemoContent(strapi);
  console.log(created > 0 ? `Seeded ${created} documents.` : 'Demo content already present: nothing changed.');
});

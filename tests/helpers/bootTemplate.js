'use strict';
// Boots the compiled app once on the database its environment names, then stops (databaseTemplates.js).
const path = require('node:path');

const appDir = process.argv[2];

(async () => {
  const { createStrapi } = require(require.resolve('@strapi/strapi', { paths: [appDir] }));
  const strapi = createStrapi({ appDir, distDir: path.join(appDir, 'dist'), serveAdminPanel: false, autoReload: false });
  await strapi.load();
  // The read model is built in the background: a template with it built spares each test that build.
  const readModel = strapi.plugin('read-model')?.service('read-model');
  const deadline = Date.now() + 30_000;
  while (readModel && strapi.config.get('plugin::read-model.enabled') && !(await readModel.serves()) && Date.now() < deadline)
    await new Promise((resolve) => setTimeout(resolve, 100));
  await strapi.destroy();
  process.exit(0);
})().catch((error) => {
  console.error(error);
  process.exit(1);
});

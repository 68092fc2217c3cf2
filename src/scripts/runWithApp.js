'use strict';
/**
 * What every command of `npm run` that works on the data shares (seed, import, search and read-model
 * rebuilds, read-model check): compile the TypeScript (Strapi runs from dist/), load the app without
 * serving it, run the task, always destroy the app, then exit with the task's code (0 when it returns
 * none). An error is printed and exits with 1.
 *
 *   runWithApp(async (strapi, { distDir }) => { …; return 0; });
 */
const { compileStrapi, createStrapi } = require('@strapi/strapi');

const runWithApp = (task) =>
  (async () => {
    const appContext = await compileStrapi();
    const strapi = await createStrapi(appContext).load();
    let code;
    try {
      code = await task(strapi, appContext);
    } finally {
      await strapi.destroy();
    }
    process.exit(code ?? 0);
  })().catch((error) => {
    console.error(error);
    process.exit(1);
  });

module.exports = { runWithApp };

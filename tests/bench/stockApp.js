'use strict';
/**
 * The stock arm (S) of `npm run bench`: the same compiled app, with the same content types, components
 * and indexes, but with Passerelle's code switched off, so plain Strapi serves the same database.
 * Built as a copy of dist/ in which
 * - config/plugins.js keeps Strapi's own plugins only (users-permissions, upload, graphql with the same
 *   page sizes), none of src/plugins;
 * - config/middlewares.js is the list create-strapi generates;
 * - each type's routes, controllers and services are Strapi's core factories, with no route middleware;
 * - src/extensions (Passerelle's changes to the upload and documentation plugins) is gone;
 * - src/index.js does nothing (locales and public permissions are already in the copied database);
 * - config/database.js opens SQLite as create-strapi does: Passerelle's connection setup (write-ahead
 *   log, kept prepared statements) is left out.
 */
const fs = require('node:fs');
const path = require('node:path');

const STOCK_PLUGINS = `'use strict';
module.exports = ({ env }) => ({
  'users-permissions': { config: { jwtSecret: env('JWT_SECRET') } },
  graphql: { config: { landingPage: false, defaultLimit: env.int('API_DEFAULT_PAGE_SIZE', 25), maxLimit: env.int('API_MAX_PAGE_SIZE', 100) } },
});
`;
const STOCK_MIDDLEWARES = `'use strict';
module.exports = ['strapi::logger', 'strapi::errors', 'strapi::security', 'strapi::cors', 'strapi::poweredBy', 'strapi::query', 'strapi::body', 'strapi::session', 'strapi::favicon', 'strapi::public'];
`;
// Passerelle's database configuration, less its SQLite connection setup (pool.afterCreate).
const STOCK_DATABASE = `'use strict';
const passerelle = require('../config-passerelle/database.js');
module.exports = (params) => {
  const config = (passerelle.default ?? passerelle)(params);
  if (config.connection.client === 'sqlite') delete config.connection.pool;
  return config;
};
`;
const factory = (kind, uid) => `'use strict';
module.exports = require('@strapi/strapi').factories.createCore${kind}('${uid}');
`;

const buildStockDist = (distDir, stockDir) => {
  fs.rmSync(stockDir, { recursive: true, force: true });
  fs.cpSync(distDir, stockDir, { recursive: true, filter: (source) => !source.startsWith(path.join(distDir, 'build')) });
  // src/plugins stays (config/admin.js and others import helpers from it) but is not enabled; Passerelle's
  // extensions of Strapi's upload and documentation plugins go.
  fs.rmSync(path.join(stockDir, 'src', 'extensions'), { recursive: true, force: true });
  fs.writeFileSync(path.join(stockDir, 'config', 'plugins.js'), STOCK_PLUGINS);
  fs.writeFileSync(path.join(stockDir, 'config', 'middlewares.js'), STOCK_MIDDLEWARES);
  fs.mkdirSync(path.join(stockDir, 'config-passerelle'));
  fs.renameSync(path.join(stockDir, 'config', 'database.js'), path.join(stockDir, 'config-passerelle', 'database.js'));
  fs.writeFileSync(path.join(stockDir, 'config', 'database.js'), STOCK_DATABASE);
  fs.writeFileSync(path.join(stockDir, 'src', 'index.js'), "'use strict';\nmodule.exports = { register() {}, bootstrap() {} };\n");
  const apiDir = path.join(stockDir, 'src', 'api');
  for (const name of fs.readdirSync(apiDir)) {
    const uid = `api::${name}.${name}`;
    for (const [folder, kind] of [
      ['routes', 'Router'],
      ['controllers', 'Controller'],
      ['services', 'Service'],
    ]) {
      fs.rmSync(path.join(apiDir, name, folder), { recursive: true, force: true });
      fs.mkdirSync(path.join(apiDir, name, folder));
      fs.writeFileSync(path.join(apiDir, name, folder, `${name}.js`), factory(kind, uid));
    }
    for (const folder of ['middlewares', 'policies']) fs.rmSync(path.join(apiDir, name, folder), { recursive: true, force: true });
    for (const file of fs.readdirSync(path.join(apiDir, name, 'content-types', name)))
      if (file.startsWith('lifecycles')) fs.rmSync(path.join(apiDir, name, 'content-types', name, file));
  }
  return stockDir;
};

module.exports = { buildStockDist };

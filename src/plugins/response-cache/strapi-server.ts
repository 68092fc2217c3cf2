import type { Core } from '@strapi/strapi';
import { prepareContentVersion, registerContentVersionBumps } from './server/content-version/contentVersion';
import httpCache from './server/middlewares/http-cache';

export default {
  async bootstrap({ strapi }: { strapi: Core.Strapi }) {
    await prepareContentVersion(strapi);
    registerContentVersionBumps(strapi);
  },

  // Placed in config/middlewares.ts as `plugin::response-cache.http-cache`.
  middlewares: {
    'http-cache': httpCache,
  },
};

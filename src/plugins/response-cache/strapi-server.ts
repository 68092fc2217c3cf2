import type { Core } from '@strapi/strapi';
import { prepareContentVersion, registerContentVersionBumps } from './server/content-version/contentVersion';
import httpCache from './server/middlewares/http-cache';
import { registerPurgeTargets } from './server/http-cache/purgeTargets';
import { DEFAULT_SETTINGS, validateSettings, type ResponseCacheSettings } from './server/settings';

export default {
  config: {
    default: DEFAULT_SETTINGS,
    validator: validateSettings,
  },

  register({ strapi }: { strapi: Core.Strapi }) {
    // Before the webhooks provider's bootstrap, so `purge` is in the payload when webhooks are queued.
    registerPurgeTargets(strapi);
  },

  async bootstrap({ strapi }: { strapi: Core.Strapi }) {
    const settings = strapi.config.get<ResponseCacheSettings>('plugin::response-cache');
    await prepareContentVersion(strapi);
    registerContentVersionBumps(strapi, settings.ignoreWritesTo);
  },

  // Placed in config/middlewares.ts as `plugin::response-cache.http-cache`.
  middlewares: {
    'http-cache': httpCache,
  },
};

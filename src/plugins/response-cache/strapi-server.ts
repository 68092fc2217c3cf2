import type { Core } from '@strapi/strapi';
import type { ContentVersionService, PurgeTargetsService, StreamedCachingService } from '../../lib/cache/responseCache';
import {
  asBookkeeping,
  currentContentVersion,
  prepareContentVersion,
  registerContentVersionBumps,
  startContentVersionWatch,
  stopContentVersionWatch,
} from './server/content-version/contentVersion';
import httpCache from './server/middlewares/http-cache';
import serveCached from './server/middlewares/serve-cached';
import { purgeTargetsNow, registerPurgeTargets } from './server/http-cache/purgeTargets';
import { streamedCaching } from './server/http-cache/streamedCaching';
import { loadEntityTagHash } from './server/http-cache/entityTag';
import { emitEntryEventsWhenHeard } from './server/entry-events/heardEntryEvents';
import { frontDoorOf, openFrontDoor } from './server/front-door/frontDoor';
import { DEFAULT_SETTINGS, validateSettings, type ResponseCacheSettings } from './server/settings';

export default {
  config: {
    default: DEFAULT_SETTINGS,
    validator: validateSettings,
  },

  async register({ strapi }: { strapi: Core.Strapi }) {
    // First: the hub's listeners are learnt from here on, the purge targets' among them.
    emitEntryEventsWhenHeard(strapi);
    // Before the webhooks provider's bootstrap, so `purge` is in the payload when webhooks are queued.
    registerPurgeTargets(strapi);
    await loadEntityTagHash();
  },

  async bootstrap({ strapi }: { strapi: Core.Strapi }) {
    const settings = strapi.config.get<ResponseCacheSettings>('plugin::response-cache');
    await prepareContentVersion(strapi);
    registerContentVersionBumps(strapi, settings.ignoreWritesTo);
    startContentVersionWatch(strapi);
    openFrontDoor(strapi, settings);
  },

  destroy() {
    stopContentVersionWatch();
  },

  services: {
    // `plugin::response-cache.content-version`: what other plugins remember between requests is valid
    // for one version (src/lib/cache/versionedMemo.ts); bookkeeping writes leave it alone.
    'content-version': ({ strapi }: { strapi: Core.Strapi }): ContentVersionService => ({
      current: () => currentContentVersion(strapi),
      asBookkeeping,
    }),
    // `plugin::response-cache.streamed-caching`: ETag and caching headers for answers streamed as they are read (the sitemap).
    // `plugin::response-cache.front-door`: whether stored answers are served before Koa, and how many were.
    'front-door': ({ strapi }: { strapi: Core.Strapi }) => ({
      isOpen: () => frontDoorOf(strapi) !== undefined,
      answered: () => frontDoorOf(strapi)?.answered() ?? 0,
    }),
    // `plugin::response-cache.purge-targets`: what a proxy must drop now that a document shows (the visibility plugin's `entry.visible`).
    'purge-targets': ({ strapi }: { strapi: Core.Strapi }): PurgeTargetsService => ({
      current: (document) => purgeTargetsNow(strapi, document),
    }),
    'streamed-caching': ({ strapi }: { strapi: Core.Strapi }): StreamedCachingService => ({
      prepare: (ctx, instant, dimensions) => streamedCaching(strapi, ctx, instant, dimensions),
    }),
  },

  // Placed in config/middlewares.ts as `plugin::response-cache.serve-cached` (early) and `.http-cache` (after the router).
  middlewares: {
    'serve-cached': serveCached,
    'http-cache': httpCache,
  },
};

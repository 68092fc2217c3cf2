import type { Core } from '@strapi/strapi';
import feed from './server/controllers/feed';
import sitemap from './server/controllers/sitemap';
import newsletter from './server/controllers/newsletter';
import feedRoutes, { describeFeedChannels } from './server/routes/feed';
import sitemapRoutes from './server/routes/sitemap';
import newsletterRoutes, { describeDigestSections } from './server/routes/newsletter';
import siteRootPaths from './server/middlewares/site-root-paths';
import { checkConfiguredTypes } from './server/checkConfiguredTypes';
import { defaultDistributionConfig, distributionConfig, validateDistributionConfig } from './server/config';
import { jsonLdService } from './server/jsonld';
import { storedEntriesService } from './server/storedEntries';
import type { SiteService } from '../../lib/site/siteUrls';

export default {
  // Which types feed which channels and sections, their fields, page addresses and JSON-LD: see README.md.
  config: {
    default: defaultDistributionConfig,
    validator: validateDistributionConfig,
  },

  register({ strapi }: { strapi: Core.Strapi }) {
    const config = distributionConfig(strapi);
    describeFeedChannels(Object.keys(config.feeds.channels));
    describeDigestSections(Object.keys(config.digest.sections));
  },

  bootstrap({ strapi }: { strapi: Core.Strapi }) {
    checkConfiguredTypes(strapi, distributionConfig(strapi));
  },

  controllers: { feed, sitemap, newsletter },

  services: {
    // `plugin::distribution.site`: the public site's address and page patterns, for the other plugins'
    // page addresses (alternates, purges, previews; src/lib/site/siteUrls.ts).
    site: ({ strapi }: { strapi: Core.Strapi }): SiteService => ({ config: () => distributionConfig(strapi).site }),
    // `plugin::distribution.json-ld`: a document's schema.org shape, from the serializer configured for its type.
    'json-ld': jsonLdService,
    // `plugin::distribution.stored-entries`: each version's public entry, which the read model stores with its row (server/storedEntries.ts).
    'stored-entries': storedEntriesService,
  },

  routes: {
    // Content API routes at the same public paths as before they moved into this plugin
    // (`/api/feeds/...`, `/api/sitemap.xml`, `/api/newsletter/digest`): an empty prefix instead of
    // the default `/distribution`. Their permission actions are `plugin::distribution.<controller>.<action>`.
    'content-api': {
      type: 'content-api',
      prefix: '',
      routes: [...feedRoutes.routes, ...sitemapRoutes.routes, ...newsletterRoutes.routes],
    },
  },

  // Placed in config/middlewares.ts as `plugin::distribution.site-root-paths`.
  middlewares: {
    'site-root-paths': siteRootPaths,
  },
};

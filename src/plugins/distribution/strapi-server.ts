import feed from './server/controllers/feed';
import sitemap from './server/controllers/sitemap';
import newsletter from './server/controllers/newsletter';
import feedRoutes from './server/routes/feed';
import sitemapRoutes from './server/routes/sitemap';
import newsletterRoutes from './server/routes/newsletter';
import siteRootPaths from './server/middlewares/site-root-paths';

export default {
  controllers: { feed, sitemap, newsletter },

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

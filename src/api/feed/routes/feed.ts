/**
 * RSS 2.0, Atom 1.0 and JSON Feed 1.1 per locale and channel, e.g. `/api/feeds/fr/press-releases.rss`.
 * A Content API route: the Public role's permission, the visibility rules and HTTP caching apply.
 */
export default {
  routes: [
    {
      method: 'GET' as const,
      path: '/feeds/:locale/:feed',
      handler: 'api::feed.feed.find',
    },
  ],
};

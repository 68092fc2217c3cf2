/**
 * The site's sitemap. Content API routes always sit under the REST prefix in Strapi 5 (a route's
 * `config.prefix` only moves it within that router), so the route is `/api/sitemap.xml` and the
 * `global::site-root-paths` middleware serves it at `/sitemap.xml` through this same route:
 * Public role permission, visibility rules and HTTP caching included.
 */
export default {
  routes: [
    {
      method: 'GET' as const,
      path: '/sitemap.xml',
      handler: 'api::sitemap.sitemap.find',
    },
  ],
};

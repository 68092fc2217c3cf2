import { ERRORS, HTTP_CACHE_NOTE, type DocumentedRoute } from '../../../../lib/openapi/openApiPieces';

/**
 * The site's sitemap. Content API routes always sit under the REST prefix in Strapi 5 (a route's
 * `config.prefix` only moves it within that router), so the route is `/api/sitemap.xml` and the
 * `global::site-root-paths` middleware serves it at `/sitemap.xml` through this same route:
 * Public role permission, visibility rules and HTTP caching included.
 */
const routes: DocumentedRoute[] = [
  {
    method: 'GET',
    path: '/sitemap.xml',
    handler: 'sitemap.find',
    openapi: {
      operationId: 'get/sitemap.xml',
      tags: ['Distribution'],
      summary: 'Every public page of every locale, with hreflang alternates and lastmod',
      description: `Also served at the root of the CMS, \`/sitemap.xml\`, for robots.txt. ${HTTP_CACHE_NOTE}`,
      security: [],
      responses: {
        200: {
          description: 'Sitemap protocol XML (sitemaps.org 0.9): a `urlset`, or above the configured size a `sitemapindex` of parts',
          content: { 'application/xml': { schema: { type: 'string' } } },
        },
      },
    },
  },
  {
    method: 'GET',
    path: '/sitemap-:part.xml',
    // The same action, so the same permission, as the index: a part is a piece of the same document.
    handler: 'sitemap.find',
    openapi: {
      operationId: 'get/sitemap-{part}.xml',
      tags: ['Distribution'],
      summary: 'One part of a sitemap too large for one file, as listed by the sitemap index',
      description: `Also served at the root of the CMS, \`/sitemap-{part}.xml\`. A 404 when the sitemap fits one file or has fewer parts. ${HTTP_CACHE_NOTE}`,
      security: [],
      parameters: [{ name: 'part', in: 'path', required: true, schema: { type: 'string', pattern: '^[1-9][0-9]{0,8}$' } }],
      responses: {
        200: { description: 'Sitemap protocol XML (sitemaps.org 0.9)', content: { 'application/xml': { schema: { type: 'string' } } } },
        ...ERRORS,
      },
    },
  },
];

export default { routes };

/**
 * Addresses that crawlers expect at the site's root, which the distribution plugin answers through
 * its Content API routes under the REST prefix: the sitemap and its parts. The response cache
 * purges them along with the routes' own paths.
 */
export const ROOT_PATHS = /^\/sitemap(-[^/]+)?\.xml$/;

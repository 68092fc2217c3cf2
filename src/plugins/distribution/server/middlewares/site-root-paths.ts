import type { Core } from '@strapi/strapi';
import { restPrefix } from '../strapiInternals';

/** Addresses that crawlers expect at the root, served by Content API routes under the REST prefix: the sitemap and its parts. */
export const ROOT_PATHS = /^\/sitemap(-[^/]+)?\.xml$/;

/**
 * Hands `GET /sitemap.xml` and `/sitemap-N.xml` to their `/api/…` routes before routing, so the request passes
 * the same authentication, Public role permission, visibility rules and HTTP caching as any
 * Content API read; nothing is served around them.
 */
const siteRootPaths: Core.MiddlewareFactory = (_config, { strapi }) => {
  const prefix = restPrefix(strapi);
  return async (ctx, next) => {
    if ((ctx.method === 'GET' || ctx.method === 'HEAD') && ROOT_PATHS.test(ctx.path)) {
      ctx.path = `${prefix}${ctx.path}`;
    }
    await next();
  };
};

export default siteRootPaths;

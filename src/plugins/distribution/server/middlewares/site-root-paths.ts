import type { Core } from '@strapi/strapi';
import { restPrefix } from '../strapiInternals';
import { ROOT_PATHS } from '../../../../lib/site/rootPaths';

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

import type { Core } from '@strapi/strapi';

/** Addresses that crawlers expect at the root, served by Content API routes under the REST prefix. */
export const ROOT_PATHS = ['/sitemap.xml'] as const;

/**
 * Hands `GET /sitemap.xml` to the `/api/sitemap.xml` route before routing, so the request passes
 * the same authentication, Public role permission, visibility rules and HTTP caching as any
 * Content API read; nothing is served around them.
 */
const siteRootPaths: Core.MiddlewareFactory = (_config, { strapi }) => {
  const prefix = (strapi.config.get<string | undefined>('api.rest.prefix') ?? '/api').replace(/\/+$/, '');
  return async (ctx, next) => {
    if ((ctx.method === 'GET' || ctx.method === 'HEAD') && (ROOT_PATHS as readonly string[]).includes(ctx.path)) {
      ctx.path = `${prefix}${ctx.path}`;
    }
    await next();
  };
};

export default siteRootPaths;

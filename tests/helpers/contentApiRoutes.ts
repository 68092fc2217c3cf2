import type { Core } from '@strapi/strapi';

export type ContentApiRoute = { method: string; path: string; handler: string; auth?: unknown; api: string };

type Router = { routes?: Array<{ method: string; path: string; handler: unknown; config?: { auth?: unknown } }> };

/** Every route of every API in `src/api` (core routers and custom ones), as Strapi registered them. */
export const contentApiRoutes = (strapi: Core.Strapi): ContentApiRoute[] =>
  Object.entries(strapi.apis as unknown as Record<string, { routes: Record<string, Router> }>).flatMap(([api, definition]) =>
    Object.values(definition.routes ?? {}).flatMap((router) =>
      (router.routes ?? []).map((route) => ({
        method: route.method.toUpperCase(),
        path: route.path,
        handler: String(route.handler),
        auth: route.config?.auth,
        api,
      }))
    )
  );

/** `/articles/slug/:slug` in Strapi's spelling to `/articles/slug/{slug}` in OpenAPI's. */
export const openApiPathOf = (path: string): string => path.replace(/:([A-Za-z_]+)/g, '{$1}');

/** The permission action a route checks: Strapi prefixes a short handler (`press-kit.download`) with its API. */
export const actionOf = (route: ContentApiRoute): string => (route.handler.includes('::') ? route.handler : `api::${route.api}.${route.handler}`);

import type { Core } from '@strapi/strapi';
import { ROOT_PATHS } from '../../../../lib/site/rootPaths';

type Route = { method: string; path: string; config?: { prefix?: string } };
type Router = { type?: string; prefix?: string; routes: Route[] };

/** The fixed start of a route path, before its first parameter: `/feeds/:locale/:feed` → `/feeds`. */
export const staticPrefix = (path: string): string => {
  const cut = path.search(/[:*(]/);
  return (cut === -1 ? path : path.slice(0, cut)).replace(/\/+$/, '') || '/';
};

/**
 * The public paths of the routes that gather several types (feeds, sitemap, newsletter digest), as
 * the distribution plugin declares them, with the root addresses it also serves them at: any write
 * may change them. Pure over the plugin's routers.
 */
export const aggregatePathsOf = (routers: Router[], apiPrefix: string, rootPaths: RegExp): string[] => {
  const paths = routers
    .filter((router) => (router.type ?? 'content-api') === 'content-api')
    .flatMap((router) =>
      router.routes
        .filter((route) => route.method === 'GET')
        .map((route) => `${apiPrefix}${route.config?.prefix ?? router.prefix ?? '/distribution'}${staticPrefix(route.path)}`)
    );
  // The root addresses the site-root middleware also answers (`/sitemap.xml`); numbered parts of a
  // sitemap index have no fixed address to list, so they wait for the proxy's capped lifetime.
  const roots = paths.map((path) => path.slice(apiPrefix.length)).filter((path) => rootPaths.test(path));
  return [...new Set([...paths, ...roots])];
};

/**
 * The distribution plugin's routers as Strapi holds them after registering them: a record of routers
 * (`plugin.routes`, instantiated in place by @strapi/core services/server/register-routes, 5.54.0),
 * or a plain array of routes under `/<plugin>`. None when the plugin is not enabled (another app).
 */
const distributionRouters = (strapi: Core.Strapi): Router[] => {
  const routes = (strapi.plugins.distribution as { routes?: Record<string, Router> | Route[] } | undefined)?.routes;
  if (!routes) return [];
  return Array.isArray(routes) ? [{ prefix: '/distribution', routes }] : Object.values(routes);
};

export const aggregatePaths = (strapi: Core.Strapi, apiPrefix: string): string[] =>
  aggregatePathsOf(distributionRouters(strapi), apiPrefix, ROOT_PATHS);

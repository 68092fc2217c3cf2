import path from 'node:path';
import type { Core } from '@strapi/strapi';

/** `api` names the API (`article`) or, for a plugin's route, the plugin (`distribution`), as `namespace` says. */
export type ContentApiRoute = { method: string; path: string; handler: string; auth?: unknown; api: string; namespace: 'api' | 'plugin' };

type Route = { method: string; path: string; handler: unknown; config?: { auth?: unknown } };
type Router = { type?: string; prefix?: string; routes?: Route[] };

/** Passerelle's own plugins: the ones config/plugins.ts loads from src/plugins (compiled to dist/src/plugins). */
export const ownPluginNames = (strapi: Core.Strapi): string[] =>
  Object.entries(strapi.config.get('enabledPlugins', {}) as Record<string, { pathToPlugin?: string }>)
    .filter(([, plugin]) => plugin.pathToPlugin?.includes(`${path.sep}src${path.sep}plugins${path.sep}`))
    .map(([name]) => name);

const toRoute =
  (namespace: ContentApiRoute['namespace'], api: string, prefix: string) =>
  (route: Route): ContentApiRoute => ({
    method: route.method.toUpperCase(),
    path: `${prefix}${route.path}`,
    handler: String(route.handler),
    auth: route.config?.auth,
    api,
    namespace,
  });

/** Every route of every API in `src/api` (core routers and custom ones) and every Content API route of our plugins, as Strapi registered them. */
export const contentApiRoutes = (strapi: Core.Strapi): ContentApiRoute[] => [
  ...Object.entries(strapi.apis as unknown as Record<string, { routes: Record<string, Router> }>).flatMap(([api, definition]) =>
    Object.values(definition.routes ?? {}).flatMap((router) => (router.routes ?? []).map(toRoute('api', api, '')))
  ),
  ...ownPluginNames(strapi).flatMap((name) => {
    const routes = strapi.plugin(name).routes as unknown as Record<string, Router> | Route[];
    if (Array.isArray(routes)) return [];
    return Object.values(routes)
      .filter((router) => router.type === 'content-api')
      .flatMap((router) => (router.routes ?? []).map(toRoute('plugin', name, router.prefix ?? `/${name}`)));
  }),
];

/** `/articles/slug/:slug` in Strapi's spelling to `/articles/slug/{slug}` in OpenAPI's. */
export const openApiPathOf = (routePath: string): string => routePath.replace(/:([A-Za-z_]+)/g, '{$1}');

/** The permission action a route checks: Strapi prefixes a short handler (`press-kit.download`) with its API or plugin. */
export const actionOf = (route: ContentApiRoute): string =>
  route.handler.includes('::') ? route.handler : `${route.namespace}::${route.api}.${route.handler}`;

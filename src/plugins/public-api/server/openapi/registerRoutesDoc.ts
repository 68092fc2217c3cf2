import type { Core } from '@strapi/strapi';
import { passerelleRoutesDoc } from './passerelleRoutesDoc';
import type { DocumentedRoute } from '../../../../lib/openapi/openApiPieces';

type DocumentedRouteLike = Partial<DocumentedRoute> & { method: string; path: string };
type Router = { type?: string; prefix?: string; routes?: DocumentedRouteLike[] };

/**
 * Every route of every API in `src/api`, and every Content API route of a plugin that describes its
 * own operation (`openapi`, as Passerelle's plugins do), with the path it is served at. During
 * `register`, a plugin's `routes` are still the object its strapi-server exports (Strapi 5.54).
 */
export const apiRoutes = (strapi: Core.Strapi): DocumentedRouteLike[] => {
  const ofApis = Object.values(strapi.apis as unknown as Record<string, { routes?: Record<string, Router> }>).flatMap((api) =>
    Object.values(api.routes ?? {}).flatMap((router) => router.routes ?? [])
  );
  const ofPlugins = Object.entries(strapi.plugins as unknown as Record<string, { routes?: unknown }>).flatMap(([name, plugin]) =>
    Array.isArray(plugin.routes)
      ? []
      : Object.values((plugin.routes ?? {}) as Record<string, Router>)
          .filter((router) => router.type === 'content-api')
          .flatMap((router) =>
            (router.routes ?? [])
              .filter((route) => route.openapi)
              .map((route) => ({ ...route, path: `${router.prefix ?? `/${name}`}${route.path}` }))
          )
  );
  return [...ofApis, ...ofPlugins];
};

/** Adds the custom routes to the documentation plugin's generated OpenAPI document, when the plugin is there. */
export const registerRoutesDoc = (strapi: Core.Strapi): void => {
  const documentation = strapi.plugin('documentation');
  if (!documentation) return;
  documentation.service('override').registerOverride(passerelleRoutesDoc(apiRoutes(strapi)));
};

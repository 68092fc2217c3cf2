import type { Core } from '@strapi/strapi';
import { passerelleRoutesDoc } from './passerelleRoutesDoc';
import type { DocumentedRoute } from './openApiPieces';

type Router = { routes?: Array<Partial<DocumentedRoute> & { method: string; path: string }> };

/** Every route of every API in `src/api`, with the OpenAPI operation its route file gives it. */
export const apiRoutes = (strapi: Core.Strapi) =>
  Object.values(strapi.apis as unknown as Record<string, { routes?: Record<string, Router> }>).flatMap((api) =>
    Object.values(api.routes ?? {}).flatMap((router) => router.routes ?? [])
  );

/** Adds the custom routes to the documentation plugin's generated OpenAPI document, when the plugin is there. */
export const registerRoutesDoc = (strapi: Core.Strapi): void => {
  const documentation = strapi.plugin('documentation');
  if (!documentation) return;
  documentation.service('override').registerOverride(passerelleRoutesDoc(apiRoutes(strapi)));
};

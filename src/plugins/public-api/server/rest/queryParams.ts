import type { Core } from '@strapi/strapi';
import { isApiRoute } from '../strapiInternals';

/**
 * Declares our own query parameter to Strapi, so that with `api.rest.strictParams` (on by default,
 * see config/api.ts) Strapi's query validation accepts `fallback` on our reads and refuses any
 * other unknown parameter with a 400 naming it. Its values are checked by `parseLocaleQuery`, which
 * runs first and names `fallback` in its error. `contentAPI.addQueryParams` checked against
 * Strapi 5.54.0; it must run during `register`, before the routes are built.
 */
export const registerQueryParams = (strapi: Core.Strapi): void => {
  strapi.contentAPI.addQueryParams({
    fallback: {
      schema: (z) => z.string(),
      matchRoute: (route) => route.method === 'GET' && isApiRoute(route),
    },
  });
};

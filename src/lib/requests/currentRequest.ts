import type { Core } from '@strapi/strapi';

/**
 * The Koa context of the request being served, if any: `strapi.requestContext.get()`, documented in
 * Strapi 5's "Requests and Responses" (accessing the request context anywhere).
 */
export const currentRequest = (strapi: Core.Strapi) => strapi.requestContext.get();

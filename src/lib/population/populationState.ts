import type { Core } from '@strapi/strapi';

type Context = Parameters<Core.MiddlewareHandler>[0];

/**
 * Where a type's route middleware (public-api's `defaultPopulate`) leaves the type's default population
 * for whatever describes the whole document (JSON-LD, page URL, the read model's rows), whether or not
 * the client chose its own.
 */
export const FULL_POPULATE_STATE_KEY = 'fullPopulate';

/** The type's default population, as the route middleware left it on this request. */
export const fullPopulateOf = (ctx: Context): unknown => ctx.state[FULL_POPULATE_STATE_KEY];

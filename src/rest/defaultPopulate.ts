import type { Core } from '@strapi/strapi';

/**
 * A route middleware that gives a type its useful default population (cover with its formats,
 * partners, quotes, figures) when the client asks for none; an explicit `populate` wins.
 */
export const defaultPopulate =
  (populate: Record<string, unknown>): Core.MiddlewareFactory =>
  () =>
  async (ctx, next) => {
    const query = ctx.query as Record<string, unknown>;
    if (query.populate === undefined) {
      query.populate = populate;
    }
    await next();
  };

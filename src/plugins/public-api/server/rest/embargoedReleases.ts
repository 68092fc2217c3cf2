import type { Core } from '@strapi/strapi';
import { knownLocaleQuery } from './localeQuery';
import { now } from '../../../../lib/clock/clock';
import { withDefaultPopulate } from './defaultPopulate';

type Context = Parameters<Core.MiddlewareHandler>[0];
type CoreController = {
  validateQuery(ctx: Context): Promise<void>;
  sanitizeQuery(ctx: Context): Promise<Record<string, unknown>>;
  sanitizeOutput(data: unknown, ctx: Context): Promise<unknown>;
  transformResponse(data: unknown, meta?: Record<string, unknown>): unknown;
};

/** Lists published press releases whose embargo has not ended yet, soonest first. */
export const listEmbargoedReleases = (strapi: Core.Strapi) =>
  async function embargoed(this: CoreController, ctx: Context) {
    const locale = await knownLocaleQuery(strapi, { locale: (ctx.query as Record<string, unknown>).locale });
    await this.validateQuery(ctx);
    const query = withDefaultPopulate(await this.sanitizeQuery(ctx), ctx);
    const filters = { kind: 'press-release', embargoUntil: { $gt: now().toISOString() } };
    const { results, pagination } = (await strapi.service('api::article.article').find({
      ...query,
      locale: locale.requested,
      status: 'published',
      filters: query.filters ? { $and: [query.filters, filters] } : filters,
      sort: query.sort ?? 'embargoUntil:asc',
    })) as { results: unknown[]; pagination: unknown };
    return this.transformResponse(await this.sanitizeOutput(results, ctx), { pagination });
  };

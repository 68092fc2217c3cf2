import type { Core, UID } from '@strapi/strapi';
import { knownLocaleQuery } from '../../../../lib/locales/localeQuery';
import { now } from '../../../../lib/clock/clock';
import { inSchemaOrder } from '../../../../lib/output/schemaOrder';
import { withDefaultPopulate } from './defaultPopulate';
import type { PublicApiSettings } from '../settings';

type Context = Parameters<Core.MiddlewareHandler>[0];
type CoreController = {
  validateQuery(ctx: Context): Promise<void>;
  sanitizeQuery(ctx: Context): Promise<Record<string, unknown>>;
  sanitizeOutput(data: unknown, ctx: Context): Promise<unknown>;
  transformResponse(data: unknown, meta?: Record<string, unknown>): unknown;
};

/**
 * Lists published documents whose embargo has not ended yet, soonest first: the type, field and
 * filters of the plugin's `embargoedReleases` (Passerelle's press releases).
 */
export const listEmbargoedReleases = (strapi: Core.Strapi) =>
  async function embargoed(this: CoreController, ctx: Context) {
    const releases = strapi.config.get<PublicApiSettings['embargoedReleases']>('plugin::public-api.embargoedReleases');
    if (!releases) {
      ctx.notFound();
      return;
    }
    const locale = await knownLocaleQuery(strapi, { locale: (ctx.query as Record<string, unknown>).locale });
    await this.validateQuery(ctx);
    const query = withDefaultPopulate(await this.sanitizeQuery(ctx), ctx);
    const filters = { ...releases.filters, [releases.field]: { $gt: now().toISOString() } };
    const { results, pagination } = (await strapi.service(releases.type as UID.Service).find({
      ...query,
      locale: locale.requested,
      status: 'published',
      filters: query.filters ? { $and: [query.filters, filters] } : filters,
      sort: query.sort ?? `${releases.field}:asc`,
    })) as { results: unknown[]; pagination: unknown };
    return this.transformResponse(inSchemaOrder(strapi, releases.type, await this.sanitizeOutput(results, ctx)), { pagination });
  };

import type { Core } from '@strapi/strapi';
import { knownLocaleQuery } from '../../../lib/locales/localeQuery';
import { buildSiteUrl } from '../../../lib/site/siteUrls';
import { visibilityOf } from '../../../lib/visibility/visibilityService';
import { readsAsPublic } from '../../../lib/visibility/readerAccess';
import { distributionConfig } from './config';
import type { EntryContext } from './publicEntry';
import { restPrefix } from './strapiInternals';

type Context = Parameters<Core.MiddlewareHandler>[0];

export type DistributionContext = EntryContext & {
  /** Where this CMS answers, for media and for a feed's own address. */
  cmsUrl: string;
  /** The REST prefix, `/api` unless configured otherwise. */
  apiPrefix: string;
  /** The site's home page in the requested locale. */
  homeUrl: string;
  /** The reader is the Public (no embargo token, no drafts): what it may see is what the read model stores. */
  mayReadStored: boolean;
};

/**
 * Validates the locale the same way the REST API does (400 naming `locale`) and gathers the
 * addresses every distribution surface needs.
 */
export const distributionContext = async (strapi: Core.Strapi, ctx: Context, locale: unknown): Promise<DistributionContext> => {
  const { requested } = await knownLocaleQuery(strapi, { locale: locale ?? undefined });
  const site = distributionConfig(strapi).site;
  const access = visibilityOf(strapi).readerAccess(ctx);
  const cmsUrl = (strapi.config.get<string>('server.url') || ctx.request.origin).replace(/\/+$/, '');
  return {
    site,
    locale: requested,
    mediaBaseUrl: cmsUrl,
    timeFields: visibilityOf(strapi).allTimeFieldNames(),
    cmsUrl,
    apiPrefix: restPrefix(strapi),
    homeUrl: buildSiteUrl(site, 'home', requested) ?? site.url,
    mayReadStored: readsAsPublic(access),
  };
};

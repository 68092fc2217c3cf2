import crypto from 'node:crypto';
import { Readable } from 'node:stream';
import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { buildSitemapIndex } from '../sitemap/buildSitemap';
import { pagesInRange, planSitemap, sitemapXml, type SitemapPlan } from '../sitemap/streamSitemap';
import { streamedCaching } from '../../../../lib/cache/responseCache';
import { distributionConfig, SITEMAP_PROTOCOL_MAX_URLS } from '../config';
import { restPrefix, siteLocales } from '../strapiInternals';
import { visibilityOf } from '../../../../lib/visibility/visibilityService';
import { now } from '../../../../lib/clock/clock';

type Context = Parameters<Core.MiddlewareHandler>[0];

const XML = 'application/xml; charset=utf-8';
/** A part's number in its address: `/sitemap-1.xml` … (no leading zero, so each part has one address). */
const PART = /^[1-9][0-9]{0,8}$/;

/** Where the parts are listed from: the root when the index was asked at the root (`/sitemap.xml`), else under the REST prefix. */
const partsBase = (strapi: Core.Strapi, ctx: Context): string => {
  const cmsUrl = (strapi.config.get<string>('server.url') || ctx.request.origin).replace(/\/+$/, '');
  const prefix = restPrefix(strapi);
  return ctx.originalUrl.startsWith(`${prefix}/`) ? `${cmsUrl}${prefix}` : cmsUrl;
};

export default ({ strapi }: { strapi: Core.Strapi }) => {
  const maxUrls = () => distributionConfig(strapi).sitemap?.maxUrlsPerFile ?? SITEMAP_PROTOCOL_MAX_URLS;
  const rowsPerQuery = () => distributionConfig(strapi).sitemap?.rowsPerQuery;
  // The answer depends on the site's addresses: a new deployment with other paths must not match an old ETag.
  const siteFingerprint = crypto
    .createHash('sha256')
    .update(JSON.stringify(distributionConfig(strapi).site))
    .digest('base64url');

  /**
   * Caching headers first (a 304 reads nothing), then the plan (counts), then the rows of the part
   * asked, streamed. Undefined when a 304 was answered.
   */
  const prepare = async (ctx: Context, part: number | undefined): Promise<SitemapPlan | undefined> => {
    const instant = now();
    const access = visibilityOf(strapi).readerAccess(ctx);
    // A `urlset` names site pages only, not this server's address; an index (a string body) gets the
    // response-cache middleware's own ETag, a hash of its bytes.
    const { fresh } = await streamedCaching(strapi, ctx, instant, [
      'sitemap',
      part ?? 'whole',
      maxUrls(),
      access.canReadEmbargoed,
      siteFingerprint,
    ]);
    if (fresh) {
      ctx.status = 304;
      ctx.body = null;
      return undefined;
    }
    const { codes, defaultLocale } = await siteLocales(strapi);
    return planSitemap(strapi, {
      site: distributionConfig(strapi).site,
      locales: codes,
      defaultLocale,
      instant,
      access,
      rowsPerQuery: rowsPerQuery(),
    });
  };

  const stream = (ctx: Context, plan: SitemapPlan, from: number, to: number) => {
    ctx.status = 200;
    ctx.type = XML;
    ctx.body = Readable.from(sitemapXml(pagesInRange(strapi, plan, from, to)), { objectMode: false });
  };

  /** `/sitemap-N.xml`: the N-th range of `sitemap.maxUrlsPerFile` URLs; a 404 when the sitemap is one file or has fewer parts. */
  const findPart = async (ctx: Context, given: string) => {
    if (!PART.test(given)) {
      throw new errors.ValidationError('part: a sitemap part number (1, 2, …)', {
        errors: [{ path: ['part'], message: 'a sitemap part number (1, 2, …)', name: 'ValidationError' }],
      });
    }
    const part = Number(given);
    const plan = await prepare(ctx, part);
    if (!plan) return;
    const size = maxUrls();
    if (plan.total <= size || part > Math.ceil(plan.total / size)) {
      // Not this answer's caching headers: a 404 is never kept (the middleware marks it no-store).
      ctx.remove('ETag');
      ctx.remove('Cache-Control');
      throw new errors.NotFoundError(`No sitemap part ${part}`);
    }
    stream(ctx, plan, (part - 1) * size, Math.min(part * size, plan.total));
  };

  return {
    /**
     * `/sitemap.xml`: the whole sitemap, or above `sitemap.maxUrlsPerFile` URLs, a sitemap index of
     * its parts; `/sitemap-N.xml` (one action, so one permission): the N-th part.
     */
    async find(ctx: Context) {
      if (ctx.params.part !== undefined) return findPart(ctx, String(ctx.params.part));
      const plan = await prepare(ctx, undefined);
      if (!plan) return;
      const size = maxUrls();
      if (plan.total <= size) {
        stream(ctx, plan, 0, plan.total);
        return;
      }
      const count = Math.ceil(plan.total / size);
      const base = partsBase(strapi, ctx);
      ctx.type = XML;
      ctx.body = buildSitemapIndex(Array.from({ length: count }, (_, i) => `${base}/sitemap-${i + 1}.xml`));
    },
  };
};

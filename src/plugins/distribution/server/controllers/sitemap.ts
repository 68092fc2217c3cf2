import type { Core } from '@strapi/strapi';
import { buildSitemap, sitemapPages } from '../sitemap/buildSitemap';
import { readPageVersions } from '../sitemap/readPageVersions';
import { siteConfig } from '../site/siteUrls';
import { siteLocales } from '../strapiInternals';

type Context = Parameters<Core.MiddlewareHandler>[0];

export default ({ strapi }: { strapi: Core.Strapi }) => ({
  async find(ctx: Context) {
    const { codes, defaultLocale } = await siteLocales(strapi);
    const versions = await readPageVersions(strapi, codes);
    ctx.type = 'application/xml; charset=utf-8';
    ctx.body = await buildSitemap(sitemapPages(versions, siteConfig(strapi), defaultLocale));
  },
});

import type { Core } from '@strapi/strapi';
import { buildSitemap, sitemapPages } from '../sitemap/buildSitemap';
import { readPageVersions } from '../sitemap/readPageVersions';
import { siteConfig } from '../site/siteUrls';

type Context = Parameters<Core.MiddlewareHandler>[0];

export default ({ strapi }: { strapi: Core.Strapi }) => ({
  async find(ctx: Context) {
    const localesService = strapi.plugin('i18n').service('locales');
    const locales = ((await localesService.find()) as Array<{ code: string }>).map((l) => l.code).sort();
    const defaultLocale = (await localesService.getDefaultLocale()) as string;
    const versions = await readPageVersions(strapi, locales);
    ctx.type = 'application/xml; charset=utf-8';
    ctx.body = await buildSitemap(sitemapPages(versions, siteConfig(strapi), defaultLocale));
  },
});

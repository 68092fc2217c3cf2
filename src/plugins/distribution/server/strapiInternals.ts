import path from 'node:path';
import type { Core } from '@strapi/strapi';

/**
 * Every use distribution makes of Strapi beyond its documented surface, in one place. Checked against
 * @strapi/core and @strapi/i18n 5.54.0. After a Strapi upgrade, read the named sources again and run
 * the feeds, sitemap, newsletter-digest and distribution-embargo tests.
 */

/**
 * The site's locales, sorted, and the default one, from the i18n plugin's `locales` service
 * (5.54.0: packages/plugins/i18n/server/src/services/locales.ts `find`, `getDefaultLocale`).
 */
export const siteLocales = async (strapi: Core.Strapi): Promise<{ codes: string[]; defaultLocale: string }> => {
  const service = strapi.plugin('i18n').service<{
    find(): Promise<Array<{ code: string }>>;
    getDefaultLocale(): Promise<string>;
  }>('locales');
  const codes = (await service.find()).map((locale) => locale.code).sort();
  return { codes, defaultLocale: await service.getDefaultLocale() };
};

/**
 * The prefix every Content API route sits under. A plugin route's own `prefix` only moves it inside
 * that router (5.54.0: @strapi/core services/server/content-api.ts mounts the router at `api.rest.prefix`),
 * which is why `/sitemap.xml` is rewritten to it before routing.
 */
export const restPrefix = (strapi: Core.Strapi): string =>
  (strapi.config.get<string | undefined>('api.rest.prefix') ?? '/api').replace(/\/+$/, '');

/** Where the local upload provider keeps files (5.54.0: `strapi.dirs.static.public`), to measure a cover's exact size. */
export const publicDirectory = (strapi: Core.Strapi): string => path.resolve(strapi.dirs.static.public);

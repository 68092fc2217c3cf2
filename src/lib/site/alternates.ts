import type { Core, UID } from '@strapi/strapi';
import { buildSiteUrl, siteConfig, siteTypeOf } from './siteUrls';

export type Alternate = { locale: string; slug: string | null; url: string | null };

/**
 * The other locales of a document, with their slugs and page addresses: what a site needs for its
 * language switcher and `hreflang` links. Visibility fields are shared by all locales, so a document
 * visible in one locale is visible in all of them.
 */
export const findAlternates = async (
  strapi: Core.Strapi,
  uid: UID.ContentType,
  documentId: string,
  servedLocale: string,
  status: string
): Promise<Alternate[]> => {
  const hasSlug = 'slug' in strapi.getModel(uid).attributes;
  const rows = (await strapi.db.query(uid).findMany({
    select: hasSlug ? ['locale', 'slug'] : ['locale'],
    where: { documentId, publishedAt: status === 'draft' ? { $null: true } : { $notNull: true } },
    orderBy: { locale: 'asc' },
  })) as Array<{ locale: string; slug?: string | null }>;
  const site = siteConfig(strapi);
  return rows
    .filter((row) => row.locale !== servedLocale)
    .map((row) => ({
      locale: row.locale,
      slug: row.slug ?? null,
      url: buildSiteUrl(site, siteTypeOf(uid), row.locale, row.slug) ?? null,
    }));
};

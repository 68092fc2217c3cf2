import type { Core, UID } from '@strapi/strapi';
import { buildSiteUrl, siteConfig, siteTypeOf } from './siteUrls';
import { anyOf } from '../database/anyOf';

export type Alternate = { locale: string; slug: string | null; url: string | null };

type LocaleRow = { documentId: string; locale: string; slug?: string | null };

/** Which status's rows a document's alternates are read from: the one it is served in. */
const statusFilter = (status: string) => (status === 'draft' ? { $null: true } : { $notNull: true });

const alternatesAmong = (strapi: Core.Strapi, uid: UID.ContentType, rows: LocaleRow[], servedLocale: string): Alternate[] => {
  const site = siteConfig(strapi);
  return rows
    .filter((row) => row.locale !== servedLocale)
    .map((row) => ({
      locale: row.locale,
      slug: row.slug ?? null,
      url: buildSiteUrl(site, siteTypeOf(uid), row.locale, row.slug) ?? null,
    }));
};

const localeRowsOf = async (strapi: Core.Strapi, uid: UID.ContentType, documentIds: string[], status: string): Promise<LocaleRow[]> => {
  const hasSlug = 'slug' in strapi.getModel(uid).attributes;
  return (await strapi.db.query(uid).findMany({
    select: ['documentId', 'locale', ...(hasSlug ? ['slug'] : [])],
    where: { documentId: anyOf(documentIds), publishedAt: statusFilter(status) },
    orderBy: { locale: 'asc' },
  })) as LocaleRow[];
};

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
): Promise<Alternate[]> => alternatesAmong(strapi, uid, await localeRowsOf(strapi, uid, [documentId], status), servedLocale);

/**
 * `findAlternates` for many documents of one type in one read: for each document, its alternates
 * as served in a given locale (the read model computes a page of rows at a time).
 */
export const findAlternatesOfMany = async (
  strapi: Core.Strapi,
  uid: UID.ContentType,
  documentIds: string[],
  status: string
): Promise<(documentId: string, servedLocale: string) => Alternate[]> => {
  const byDocument = new Map<string, LocaleRow[]>();
  if (documentIds.length > 0)
    for (const row of await localeRowsOf(strapi, uid, documentIds, status))
      byDocument.set(row.documentId, (byDocument.get(row.documentId) ?? []).concat(row));
  return (documentId, servedLocale) => alternatesAmong(strapi, uid, byDocument.get(documentId) ?? [], servedLocale);
};

import type { Core, UID } from '@strapi/strapi';
import { buildSiteUrl, siteTypeOf, type SiteConfig } from '../../../../lib/site/siteUrls';
import { timeFieldNames, type Filter, type ReaderAccess } from '../../../../lib/visibility/readerAccess';
import { visibilityOf } from '../../../../lib/visibility/visibilityService';

/**
 * What the sitemap reads of one content type that has pages on the site: the slim query (a few
 * columns, no population) and which locales have an address for it. Built from the visibility
 * plugin's own rule (`plugin::visibility.rules` `filterFor`: schedule for everyone, embargo for all but
 * journalists, whichever fields its settings name for the type) at one instant, plus the published
 * condition: the same rule every public read gets from the Document Service middleware. Without
 * the visibility plugin, the published condition alone.
 */
export type SitemapSource = {
  uid: UID.ContentType;
  /** The page kind in `site.paths` (`api::article.article` → `article`). */
  kind: string;
  localized: boolean;
  /** Locales whose address needs no slug, and those whose address is built from the `slug` field. */
  sluglessLocales: string[];
  sluggedLocales: string[];
  /** Published, visible to this reader at the instant, and with an address: one row per `<url>` (localized types). Counts use it. */
  where: Filter;
  /**
   * Published and visible only: the streamed reads use it and keep addressed rows in code
   * (`isAddressed`), since SQLite plans `locale IN (…)` on the locale index and sorts every row
   * for each chunk, where this reads Strapi's (document_id, locale, published_at) index in order.
   */
  readWhere: Filter;
  select: string[];
  /** The fields that date when a document became public (publication, embargo end, schedule). */
  timeFields: string[];
};

type Attributes = Record<string, unknown>;
/** What the sitemap reads of a content type's schema. */
type ContentTypeSchema = { uid: string; attributes: Attributes; pluginOptions?: unknown };

const hasPattern = (site: SiteConfig, kind: string, locale: string) => Boolean(site.paths[kind]?.[locale] ?? site.paths[kind]?.default);
const needsSlug = (site: SiteConfig, kind: string, locale: string) => buildSiteUrl(site, kind, locale, null) === undefined;

export const hasSlug: Filter = { slug: { $notNull: true, $ne: '' } };

/** Every type with pages on the site (a `site.paths` entry under its short name), by UID, as the sitemap reads it. */
export const sitemapSources = (
  strapi: Core.Strapi,
  site: SiteConfig,
  locales: string[],
  instant: Date,
  access: ReaderAccess
): SitemapSource[] => {
  const visibility = visibilityOf(strapi);
  return (Object.values(strapi.contentTypes) as ContentTypeSchema[])
    .filter((type) => siteTypeOf(type.uid) !== 'home' && siteTypeOf(type.uid) in site.paths)
    .sort((a, b) => (a.uid < b.uid ? -1 : 1))
    .map((type): SitemapSource => {
      const uid = type.uid as UID.ContentType;
      const kind = siteTypeOf(uid);
      const attributes = type.attributes;
      const slugged = 'slug' in attributes;
      const located = locales.filter((locale) => hasPattern(site, kind, locale));
      const sluglessLocales = located.filter((locale) => !needsSlug(site, kind, locale));
      const sluggedLocales = slugged ? located.filter((locale) => needsSlug(site, kind, locale)) : [];
      const localized = Boolean((type.pluginOptions as { i18n?: { localized?: boolean } } | undefined)?.i18n?.localized);
      const visible = visibility.filterFor(uid, attributes, instant, access);
      const addressed: Filter[] = localized
        ? [
            ...(sluglessLocales.length > 0 ? [{ locale: { $in: sluglessLocales } }] : []),
            ...(sluggedLocales.length > 0 ? [{ $and: [{ locale: { $in: sluggedLocales } }, hasSlug] }] : []),
          ]
        : [];
      const readWhere: Filter = { $and: [{ publishedAt: { $notNull: true } }, ...(visible ? [visible] : [])] };
      const where: Filter = {
        $and: [
          { publishedAt: { $notNull: true } },
          ...(visible ? [visible] : []),
          // A localized type without any addressed locale matches nothing.
          ...(localized ? [addressed.length > 0 ? { $or: addressed } : { id: { $null: true } }] : []),
        ],
      };
      const timeFields = timeFieldNames(visibility.timeFieldsOf(uid, attributes));
      return {
        uid,
        kind,
        localized,
        sluglessLocales,
        sluggedLocales,
        where,
        readWhere,
        select: ['documentId', 'updatedAt', 'publishedAt', ...timeFields, ...(localized ? ['locale'] : []), ...(slugged ? ['slug'] : [])],
        timeFields,
      };
    });
};

/** How many `<url>`s a type gives: a row per located version, or for a type without locales, a row per addressed locale. */
export const countUrls = async (strapi: Core.Strapi, source: SitemapSource): Promise<number> => {
  const query = strapi.db.query(source.uid);
  if (source.localized) return query.count({ where: source.where });
  const [all, withSlug] = await Promise.all([
    source.sluglessLocales.length > 0 ? query.count({ where: source.where }) : 0,
    source.sluggedLocales.length > 0 ? query.count({ where: { $and: [source.where, hasSlug] } }) : 0,
  ]);
  return all * source.sluglessLocales.length + withSlug * source.sluggedLocales.length;
};

/** The same address condition as `where`, on a row read with `readWhere`. */
export const isAddressed = (source: SitemapSource, row: { locale?: unknown; slug?: unknown }): boolean => {
  if (!source.localized) return true;
  const locale = String(row.locale);
  return (
    source.sluglessLocales.includes(locale) || (source.sluggedLocales.includes(locale) && typeof row.slug === 'string' && row.slug !== '')
  );
};

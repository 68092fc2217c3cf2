import type { Core, UID } from '@strapi/strapi';
import { readAllPublished } from '../readPublished';
import { siteConfig, siteTypeOf } from '../site/siteUrls';
import { visibleSince } from '../../../visibility/server/visibleSince';
import { withHomeLastmod, type PageVersion } from './buildSitemap';

const time = (value: unknown) => (value ? new Date(value as string) : undefined);
const latest = (...dates: Array<Date | undefined>) =>
  dates.filter((d): d is Date => Boolean(d)).reduce<Date | undefined>((a, b) => (!a || b > a ? b : a), undefined);

/**
 * Every public page version: the site's home page per locale, and each published, visible document
 * of a type that has pages on the site (a `site.paths` entry under its short name). Reads go through the Document
 * Service, so the visibility middleware leaves out drafts, embargoed releases and scheduled documents.
 */
export const readPageVersions = async (strapi: Core.Strapi, locales: string[]): Promise<PageVersion[]> => {
  const site = siteConfig(strapi);
  const types = (Object.values(strapi.contentTypes) as Array<{ uid: string; attributes: Record<string, unknown> }>)
    .filter((type) => siteTypeOf(type.uid) !== 'home' && siteTypeOf(type.uid) in site.paths)
    .map((type) => ({ uid: type.uid as UID.ContentType, hasSlug: 'slug' in type.attributes }));
  const versions: PageVersion[] = locales.map((locale) => ({ type: 'home', documentId: 'home', locale }));
  for (const { uid, hasSlug } of types) {
    for (const locale of locales) {
      const rows = await readAllPublished(strapi, uid, { locale, fields: hasSlug ? ['slug'] : [] });
      for (const row of rows) {
        versions.push({
          type: siteTypeOf(uid),
          documentId: row.documentId,
          locale,
          slug: row.slug ?? null,
          // An edit changes the page; so does the moment it became public (an embargo lift).
          lastmod: latest(time(row.updatedAt), visibleSince(row)),
        });
      }
    }
  }
  return withHomeLastmod(versions);
};

import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import type { SitemapAddressing, StoredPageVersion } from '../../../lib/readModel/storedReads';
import { servesPublicReadsOf, storedTime, visibleAt } from './serve';
import { isPostgres } from '../../../lib/database/dialect';
import { table } from './strapiInternals';
import { ROWS_TABLE } from './tables';

type SlimRow = { document_id: string; locale: string; slug: string | null; lastmod: number | string | null };

/**
 * The latest of a row's edit, publication, embargo end and schedule, computed by the database from the
 * sitemap's covering index: one column to read instead of four. PostgreSQL's GREATEST skips nulls;
 * SQLite's max() does not, so they count as -1 there (instants are never negative).
 */
const lastmodSql = (strapi: Core.Strapi): string =>
  isPostgres(strapi)
    ? 'GREATEST(entry_updated_at, published_at, embargo_until, visible_from)'
    : 'NULLIF(max(coalesce(entry_updated_at, -1), coalesce(published_at, -1), coalesce(embargo_until, -1), coalesce(visible_from, -1)), -1)';

/** The published versions of `uid` the Public may see at `instant`: the visibility predicate, always. */
const visibleVersions = (strapi: Core.Strapi, uid: string, instant: number): Knex.QueryBuilder =>
  visibleAt(table(strapi, strapi.db.connection, ROWS_TABLE).where({ uid }), instant);

/** Locales whose address needs no slug, or a slug that is set and not empty (the sitemap's `where` for localized types). */
const addressed = (query: Knex.QueryBuilder, { sluglessLocales, sluggedLocales }: SitemapAddressing): Knex.QueryBuilder =>
  query.where((q) => {
    if (sluglessLocales.length === 0 && sluggedLocales.length === 0) void q.whereRaw('1 = 0');
    if (sluglessLocales.length > 0) void q.orWhereIn('locale', sluglessLocales);
    if (sluggedLocales.length > 0) {
      void q.orWhere((slugged) => {
        void slugged.whereIn('locale', sluggedLocales).whereNotNull('slug').where('slug', '<>', '');
      });
    }
  });

/** How many `<url>`s the sitemap gives of `uid` at `instant`; undefined when the model cannot answer. */
export const storedSitemapCount = async (
  strapi: Core.Strapi,
  uid: string,
  instant: number,
  addressing: SitemapAddressing
): Promise<number | undefined> => {
  if (!(await servesPublicReadsOf(strapi, uid))) return undefined;
  const row = (await addressed(visibleVersions(strapi, uid, instant), addressing)
    .count({ count: '*' })
    .first()) as { count: number | string } | undefined;
  return Number(row?.count ?? 0);
};

/**
 * Up to `limit` versions of `uid` visible at `instant`, after the document `after`, in (documentId,
 * locale) order: the order and rows of the sitemap's Document Service read, from the covering
 * `passerelle_read_model_sitemap` index (tables.ts). Undefined when the model cannot answer.
 */
export const storedSitemapVersions = async (
  strapi: Core.Strapi,
  uid: string,
  instant: number,
  after: string | undefined,
  limit: number
): Promise<StoredPageVersion[] | undefined> => {
  if (!(await servesPublicReadsOf(strapi, uid))) return undefined;
  const query = visibleVersions(strapi, uid, instant)
    .select('document_id', 'locale', 'slug', strapi.db.connection.raw(`${lastmodSql(strapi)} AS lastmod`))
    .orderBy([
      { column: 'document_id', order: 'asc' },
      { column: 'locale', order: 'asc' },
    ])
    .limit(limit);
  if (after !== undefined) void query.where('document_id', '>', after);
  const rows = (await query) as SlimRow[];
  return rows.map((row) => ({ documentId: row.document_id, locale: row.locale, slug: row.slug, lastmod: storedTime(row.lastmod) }));
};

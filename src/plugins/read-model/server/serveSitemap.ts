import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import type { SitemapAddressing, SitemapCursor, SitemapStart, StoredPageVersion } from '../../../lib/readModel/storedReads';
import { modelServes, servesPublicReadsOf, servesType, storedTime, visibleAt } from './serve';
import { rememberedFor } from './serveList';
import { stateOf, type RememberedSitemap } from './pluginState';
import { isPostgres } from '../../../lib/database/dialect';
import { table } from './strapiInternals';
import { ROWS_TABLE, SITEMAP_INDEX } from './tables';

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

/**
 * What the sitemap has read of `uid`'s addressed rows at `instant`, remembered: its count, the home
 * pages' dates and the parts' starts each read the type's whole index (tens of milliseconds at 50,000
 * articles), and crawlers ask for the same files again and again. They hold while the model is at the
 * same epoch and generation (every refresh of rows counts the generation up, in its own transaction)
 * and the clock stays between the embargo ends and schedules among the rows, as a list's count does
 * (serveList.ts). Undefined when the model cannot answer.
 */
const rememberedSitemap = async (
  strapi: Core.Strapi,
  uid: string,
  instant: number,
  addressing: SitemapAddressing
): Promise<RememberedSitemap | undefined> => {
  if (!servesType(strapi, uid)) return undefined;
  const served = await modelServes(strapi, []);
  if (!served) return undefined;
  // Only what selects the rows (callers pass their own larger objects).
  const key = [uid, addressing.sluglessLocales.join(','), addressing.sluggedLocales.join(',')].join('\u0000');
  const selection = () => addressed(table(strapi, strapi.db.connection, ROWS_TABLE).where({ uid }), addressing);
  return rememberedFor<RememberedSitemap>(strapi, stateOf(strapi).sitemaps, key, served, selection, instant, () =>
    Promise.resolve({ starts: new Map() })
  );
};

/** How many `<url>`s the sitemap gives of `uid` at `instant`; undefined when the model cannot answer. */
export const storedSitemapCount = async (
  strapi: Core.Strapi,
  uid: string,
  instant: number,
  addressing: SitemapAddressing
): Promise<number | undefined> => {
  const remembered = await rememberedSitemap(strapi, uid, instant, addressing);
  if (!remembered) return undefined;
  if (remembered.count === undefined) {
    const row = (await addressed(visibleVersions(strapi, uid, instant), addressing)
      .count({ count: '*' })
      .first()) as { count: number | string } | undefined;
    remembered.count = Number(row?.count ?? 0);
  }
  return remembered.count;
};

/**
 * The document holding the addressed version at `index` of `uid` at `instant`, in (documentId, locale)
 * order, and how many addressed versions come before that document: two index reads that count rows
 * in the database, where the part would otherwise read and skip each of them. Undefined when the
 * model cannot answer or has no version at `index` (a document unpublished since the plan's count).
 */
export const storedSitemapStart = async (
  strapi: Core.Strapi,
  uid: string,
  instant: number,
  addressing: SitemapAddressing,
  index: number
): Promise<SitemapStart | undefined> => {
  const remembered = await rememberedSitemap(strapi, uid, instant, addressing);
  if (!remembered) return undefined;
  if (!remembered.starts.has(index)) {
    const start = await startIn(() => addressed(visibleVersions(strapi, uid, instant), addressing), index);
    remembered.starts.set(index, start ?? null);
  }
  return remembered.starts.get(index) ?? undefined;
};

/** The same, read from the index: an OFFSET to the position, and a count of the versions before its document. */
const startIn = async (addressedVersions: () => Knex.QueryBuilder, index: number): Promise<SitemapStart | undefined> => {
  const found = (await addressedVersions()
    .select('document_id')
    .orderBy([
      { column: 'document_id', order: 'asc' },
      { column: 'locale', order: 'asc' },
    ])
    .offset(index)
    .first()) as { document_id: string } | undefined;
  if (!found) return undefined;
  const before = (await addressedVersions().where('document_id', '<', found.document_id).count({ count: '*' }).first()) as
    { count: number | string } | undefined;
  return { documentId: found.document_id, before: Number(before?.count ?? 0) };
};

/**
 * The table read through the sitemap's covering index. Asked to group by locale, SQLite picks the
 * slug index and visits every row past its stored JSON: 1.4 s at 50,000 articles, against 76 ms so.
 */
const throughSitemapIndex = (strapi: Core.Strapi): Knex.QueryBuilder =>
  isPostgres(strapi)
    ? table(strapi, strapi.db.connection, ROWS_TABLE)
    : strapi.db.connection.from(strapi.db.connection.raw('?? INDEXED BY ??', [ROWS_TABLE, SITEMAP_INDEX]));

/** The latest `lastmod` of the addressed versions of `uid` at `instant`, by locale, computed by the database. */
export const storedSitemapNewest = async (
  strapi: Core.Strapi,
  uid: string,
  instant: number,
  addressing: SitemapAddressing
): Promise<Map<string, number> | undefined> => {
  const remembered = await rememberedSitemap(strapi, uid, instant, addressing);
  if (!remembered) return undefined;
  remembered.newest ??= [...(await sitemapNewestAt(strapi, uid, instant, addressing))];
  return new Map(remembered.newest);
};

const sitemapNewestAt = async (
  strapi: Core.Strapi,
  uid: string,
  instant: number,
  addressing: SitemapAddressing
): Promise<Map<string, number>> => {
  const query = addressed(visibleAt(throughSitemapIndex(strapi).where({ uid }), instant), addressing)
    .select('locale', strapi.db.connection.raw(`MAX(${lastmodSql(strapi)}) AS lastmod`))
    .groupBy('locale');
  const rows = (await query) as Array<{ locale: string; lastmod: number | string | null }>;
  const newest = new Map<string, number>();
  for (const row of rows) {
    const time = storedTime(row.lastmod);
    if (time !== undefined) newest.set(row.locale, time);
  }
  return newest;
};

/**
 * Up to `limit` versions of `uid` visible at `instant`, from the cursor on, in (documentId, locale)
 * order: the order and rows of the sitemap's Document Service read, from the covering
 * `passerelle_read_model_sitemap` index (tables.ts). Undefined when the model cannot answer.
 */
export const storedSitemapVersions = async (
  strapi: Core.Strapi,
  uid: string,
  instant: number,
  cursor: SitemapCursor | undefined,
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
  if (cursor) void query.where('document_id', cursor.inclusive ? '>=' : '>', cursor.documentId);
  const rows = (await query) as SlimRow[];
  return rows.map((row) => ({ documentId: row.document_id, locale: row.locale, slug: row.slug, lastmod: storedTime(row.lastmod) }));
};

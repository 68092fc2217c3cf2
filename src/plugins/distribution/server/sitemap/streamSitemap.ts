import type { Core } from '@strapi/strapi';
import { visibleSince } from '../../../../lib/visibility/visibleSince';
import { buildSiteUrl, type SiteConfig } from '../../../../lib/site/siteUrls';
import { readsAsPublic, type ReaderAccess } from '../../../../lib/visibility/readerAccess';
import { storedReadsOf, type SitemapCursor } from '../../../../lib/readModel/storedReads';
import { ChunkWriter } from '../../../../lib/output/chunkWriter';
import { countUrls, isAddressed, sitemapSources, type SitemapSource } from './sitemapSources';
import { documentPages, URLSET_CLOSE, URLSET_OPEN, writeUrlElement, type PageVersion, type SitemapPage } from './buildSitemap';

/**
 * Every `<url>` of the site in one fixed order: each type with pages (by UID), its documents by
 * documentId and their locales, then the home page of each locale. A sitemap part is a range of
 * that order, so parts never overlap and none exceeds the size asked; counts come first (cheap
 * indexed counts), rows are read in chunks of a few hundred, so memory does not grow with the site.
 */
export type SitemapPlan = {
  sources: Array<SitemapSource & { count: number; base: number }>;
  homeLocales: string[];
  homeStart: number;
  total: number;
  locales: string[];
  defaultLocale: string;
  site: SiteConfig;
  /** At least one more than the locales, so that a chunk always ends with at least one whole document. */
  rowsPerQuery: number;
  instant: Date;
  /** The Public's sitemap of localized types may be read from the read model's stored rows (journalists' lists embargoed releases). */
  mayReadStored: boolean;
};

export const planSitemap = async (
  strapi: Core.Strapi,
  options: { site: SiteConfig; locales: string[]; defaultLocale: string; instant: Date; access: ReaderAccess; rowsPerQuery?: number }
): Promise<SitemapPlan> => {
  const { site, locales, defaultLocale } = options;
  const sources = sitemapSources(strapi, site, locales, options.instant, options.access);
  const mayReadStored = readsAsPublic(options.access);
  const counts = await Promise.all(
    sources.map(
      async (source) =>
        (mayReadStored && source.localized ? await storedReadsOf(strapi).sitemapCount(source.uid, options.instant, source) : undefined) ??
        countUrls(strapi, source)
    )
  );
  let base = 0;
  const planned = sources.map((source, i) => {
    const entry = { ...source, count: counts[i], base };
    base += counts[i];
    return entry;
  });
  const homeLocales = locales.filter((locale) => buildSiteUrl(site, 'home', locale) !== undefined);
  return {
    sources: planned,
    homeLocales,
    homeStart: base,
    total: base + homeLocales.length,
    locales,
    defaultLocale,
    site,
    rowsPerQuery: Math.max(options.rowsPerQuery ?? ROWS_PER_QUERY, locales.length + 1),
    instant: options.instant,
    mayReadStored,
  };
};

/** Rows read per query by default: few enough that a chunk's rows and XML stay well under a megabyte. */
export const ROWS_PER_QUERY = 500;

type Row = Record<string, unknown> & { documentId: string; locale?: string; slug?: string | null; updatedAt?: string };

const latest = (...times: Array<number | undefined>): number | undefined =>
  times.reduce<number | undefined>((a, b) => (b === undefined ? a : a === undefined || b > a ? b : a), undefined);

/** One version as the sitemap dates it: an edit changes the page; so does the moment it became public (an embargo lift). */
type SlimVersion = { documentId: string; locale?: string; slug: string | null; lastmod: number | undefined };

/** Up to `limit` rows of a type from the cursor on, from the Document Service's tables (Strapi's query engine). */
const readRows = async (
  strapi: Core.Strapi,
  source: SitemapSource,
  cursor: SitemapCursor | undefined,
  limit: number
): Promise<SlimVersion[]> => {
  const rows = (await strapi.db.query(source.uid).findMany({
    select: source.select,
    where: cursor
      ? { $and: [source.readWhere, { documentId: { [cursor.inclusive ? '$gte' : '$gt']: cursor.documentId } }] }
      : source.readWhere,
    orderBy: source.localized ? [{ documentId: 'asc' }, { locale: 'asc' }] : [{ documentId: 'asc' }],
    limit,
  })) as Row[];
  return rows.map((row) => ({
    documentId: row.documentId,
    locale: row.locale,
    slug: row.slug ?? null,
    lastmod: latest(row.updatedAt ? new Date(row.updatedAt).getTime() : undefined, visibleSince(row, source.timeFields)?.getTime()),
  }));
};

/**
 * A chunk of rows: from the read model's stored rows when it may answer (the same rows in the same
 * order, without Strapi's row conversion), else from the Document Service's tables. Asked chunk by
 * chunk, so a write around the model during a long sitemap sends the rest to the tables.
 */
const readChunk = async (strapi: Core.Strapi, plan: SitemapPlan, source: SitemapSource, cursor: SitemapCursor | undefined) => {
  const stored =
    plan.mayReadStored && source.localized
      ? await storedReadsOf(strapi).sitemapVersions(source.uid, plan.instant, cursor, plan.rowsPerQuery)
      : undefined;
  return stored ?? readRows(strapi, source, cursor, plan.rowsPerQuery);
};

/**
 * A type's addressed rows grouped by document, in (documentId, locale) order, a query's worth of
 * documents at a time: each query continues after the last whole document of the previous one
 * (keyset), so each chunk is one indexed range read whatever the depth.
 */
async function* documentChunks(
  strapi: Core.Strapi,
  plan: SitemapPlan,
  source: SitemapSource,
  startAt: string | undefined
): AsyncGenerator<SlimVersion[][]> {
  let cursor: SitemapCursor | undefined = startAt === undefined ? undefined : { documentId: startAt, inclusive: true };
  for (;;) {
    const rows = await readChunk(strapi, plan, source, cursor);
    const groups: SlimVersion[][] = [];
    for (const row of rows) {
      const last = groups[groups.length - 1];
      if (last && last[0].documentId === row.documentId) last.push(row);
      else groups.push([row]);
    }
    const full = rows.length === plan.rowsPerQuery;
    // A full chunk may have cut its last document short: it is read again, whole, by the next query.
    if (full && groups.length > 1) groups.pop();
    yield groups.map((group) => group.filter((row) => isAddressed(source, row))).filter((addressed) => addressed.length > 0);
    if (!full) return;
    cursor = { documentId: groups[groups.length - 1][0].documentId, inclusive: false };
  }
}

/** The versions a document's rows stand for: each row of a localized type, or each addressed locale of a type without locales. */
const versionsOf = (source: SitemapSource, rows: SlimVersion[]): PageVersion[] =>
  rows.flatMap((row) => {
    const lastmod = row.lastmod === undefined ? undefined : new Date(row.lastmod);
    const version = (locale: string): PageVersion => ({ type: source.kind, documentId: row.documentId, locale, slug: row.slug, lastmod });
    if (source.localized) return [version(String(row.locale))];
    return [...source.sluglessLocales, ...(row.slug ? source.sluggedLocales : [])].sort().map(version);
  });

/** A source with its place in the sitemap's order. */
type PlannedSource = SitemapPlan['sources'][number];

/** Whether the read model answers this source's reads for this sitemap (the Public's, localized types). */
const readsStored = (plan: SitemapPlan, source: SitemapSource) => plan.mayReadStored && source.localized;

/**
 * Where a range starts reading a source: from the document holding its first version, found by the
 * read model, or else from the source's first row, reading (slim, in index order) and skipping the
 * rows before the range.
 */
const rangeStart = async (strapi: Core.Strapi, plan: SitemapPlan, source: PlannedSource, from: number) => {
  if (from <= source.base || !readsStored(plan, source)) return { startAt: undefined, local: 0 };
  const start = await storedReadsOf(strapi).sitemapStart(source.uid, plan.instant, source, from - source.base);
  return start ? { startAt: start.documentId, local: start.before } : { startAt: undefined, local: 0 };
};

const raise = (newest: Map<string, number>, locale: string, time: number | undefined) => {
  if (time !== undefined && time > (newest.get(locale) ?? -Infinity)) newest.set(locale, time);
};

/**
 * The pages whose place in the order is in [from, to), a chunk of rows at a time. The home pages are
 * dated by the newest page of their locale: a range that holds them asks the read model for each
 * type's newest, or reads every row of the types it does not answer for; any other range stops after
 * its last row.
 */
export async function* pagesInRange(strapi: Core.Strapi, plan: SitemapPlan, from: number, to: number): AsyncGenerator<SitemapPage[]> {
  const needsHome = plan.homeLocales.length > 0 && from < plan.total && to > plan.homeStart;
  const newest = new Map<string, number>();
  const datedByModel = new Set<string>();
  if (needsHome) {
    // A type the range holds whole is read whole anyway: its rows date the home pages as they go by.
    const holdsWhole = (source: PlannedSource) => from <= source.base && to >= source.base + source.count;
    for (const source of plan.sources.filter((candidate) => readsStored(plan, candidate) && !holdsWhole(candidate))) {
      const latest = await storedReadsOf(strapi).sitemapNewest(source.uid, plan.instant, source);
      if (!latest) continue;
      for (const [locale, time] of latest) raise(newest, locale, time);
      datedByModel.add(source.uid);
    }
  }
  for (const source of plan.sources) {
    const overlaps = from < source.base + source.count && to > source.base;
    const readsAll = needsHome && !datedByModel.has(source.uid);
    if (!overlaps && !readsAll) continue;
    const start = readsAll ? { startAt: undefined, local: 0 } : await rangeStart(strapi, plan, source, from);
    let local = start.local;
    let rangeDone = false;
    for await (const documents of documentChunks(strapi, plan, source, start.startAt)) {
      const chunkPages: SitemapPage[] = [];
      for (const rows of documents) {
        const versions = versionsOf(source, rows);
        if (readsAll) for (const version of versions) raise(newest, version.locale, version.lastmod?.getTime());
        const first = source.base + local;
        local += versions.length;
        if (first + versions.length > from && first < to && first < source.base + source.count) {
          const pages = documentPages(versions, plan.site, plan.defaultLocale);
          // Within the range, and within the count planned (a document published since cannot push a part past its size).
          for (const [i, page] of pages.entries()) {
            if (first + i >= from && first + i < to && first + i < source.base + source.count) chunkPages.push(page);
          }
        }
        rangeDone = !readsAll && source.base + local >= Math.min(to, source.base + source.count);
        if (rangeDone) break;
      }
      // A query's worth of pages at a time: one step of the stream per chunk, not per document.
      if (chunkPages.length > 0) yield chunkPages;
      if (rangeDone) break;
    }
  }
  if (!needsHome) return;
  const homes = documentPages(
    plan.homeLocales.map((locale) => {
      const time = newest.get(locale);
      return { type: 'home', documentId: 'home', locale, lastmod: time === undefined ? undefined : new Date(time) };
    }),
    plan.site,
    plan.defaultLocale
  );
  const kept = homes.filter((_, i) => plan.homeStart + i >= from && plan.homeStart + i < to);
  if (kept.length > 0) yield kept;
}

/** The `<urlset>` of a range, as byte chunks for a response stream. */
export async function* sitemapXml(pages: AsyncIterable<SitemapPage[]>): AsyncGenerator<Buffer> {
  const out = new ChunkWriter();
  out.write(URLSET_OPEN);
  for await (const group of pages) {
    for (const page of group) writeUrlElement(page, out.write);
    yield* out.take();
  }
  out.write(URLSET_CLOSE);
  out.flush();
  yield* out.take();
}

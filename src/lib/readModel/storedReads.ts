import type { Core } from '@strapi/strapi';
import type { LocaleQuery } from '../locales/localeQuery';
import type { StoredEntry } from './storedEntries';

type Context = Parameters<Core.MiddlewareHandler>[0];

export type StoredAnswer = { data: unknown; meta: Record<string, unknown> };
export type DetailLookup = { documentId: string } | { slug: string };

/** Which locales of a type have an address on the site: those that need no slug, and those whose address is built from it. */
export type SitemapAddressing = { sluglessLocales: string[]; sluggedLocales: string[] };

/** What the sitemap reads of one published version: its keys, and the instant that dates it (milliseconds). */
export type StoredPageVersion = {
  documentId: string;
  locale: string;
  slug: string | null;
  /**
   * The latest of its last edit and of when the public could first read it (publication, embargo end,
   * schedule): an edit changes the page, and so does the moment it became public.
   */
  lastmod: number | undefined;
};

/** Where a sitemap read continues: after a document (the next chunk), or at one (a part's first document). */
export type SitemapCursor = { documentId: string; inclusive: boolean };

/** Where a sitemap part starts in a type's versions: the document holding its first version, and how many versions come before that document. */
export type SitemapStart = { documentId: string; before: number };

/**
 * Which published versions of a type a feed or digest section reads, as the Document Service reads
 * them: `filters` are Strapi's (the model answers only those it can express exactly), `limit` the most
 * it returns. The model answers each version's stored entry (storedEntries.ts), for a type the
 * distribution plugin's projection covers.
 */
export type NewestSelection = { locale: string; filters?: Record<string, unknown>; limit: number };

/** One published version as its stored public `data` (the REST shape with default population). */
export type StoredDocument = Record<string, unknown> & { documentId: string };

/** The orders of a stored window: Strapi's default (the entry's `id`), or by publication. */
export type StoredWindowOrder = 'default' | 'publishedAt:asc' | 'publishedAt:desc';

/**
 * What the read-model plugin serves as `plugin::read-model.stored-reads`, for public-api's read
 * controller: each answers exactly what the Document Service path would, or undefined, and the caller
 * takes that path. Each checks for itself that the request may be answered from the model.
 */
export type StoredReads = {
  /** A detail or slug read; `notFound` when the model knows there is nothing visible to answer. */
  detail(uid: string, ctx: Context, locale: LocaleQuery, lookup: DetailLookup): Promise<StoredAnswer | { notFound: true } | undefined>;
  /** A page of one locale's list, in Strapi's default order. */
  list(uid: string, ctx: Context, locale: LocaleQuery, pagination: unknown): Promise<StoredAnswer | undefined>;
  /** A page of a list with the opt-in locale fallback. */
  fallbackList(uid: string, ctx: Context, locale: LocaleQuery, pagination: unknown): Promise<StoredAnswer | undefined>;
  /**
   * For the Public's GraphQL lists: `limit` published versions of one locale from `start` (of one
   * `kind` when given: a value of the type's `kind` enumeration), each as its stored `data`, in
   * Strapi's default order or by publication (`id` ascending within ties), as the Document Service's
   * `findMany` with that window reads them for the Public.
   */
  window(
    uid: string,
    locale: string,
    window: { start: number; limit: number },
    order: StoredWindowOrder,
    kind?: string
  ): Promise<StoredDocument[] | undefined>;
  /** For the Public's GraphQL connections: how many published versions of one locale (of one `kind`) the Public sees now. */
  count(uid: string, locale: string, kind?: string): Promise<number | undefined>;
  /** For the Public's sitemap: how many versions of a localized type it lists at `instant` (addressed ones). */
  sitemapCount(uid: string, instant: Date, addressing: SitemapAddressing): Promise<number | undefined>;
  /**
   * For the Public's sitemap: up to `limit` versions of a localized type visible at `instant`, from
   * the cursor on, in (documentId, locale) order, addressed or not.
   */
  sitemapVersions(uid: string, instant: Date, cursor: SitemapCursor | undefined, limit: number): Promise<StoredPageVersion[] | undefined>;
  /**
   * For the Public's sitemap: the document holding the addressed version at `index` (from 0, in
   * (documentId, locale) order) of a localized type at `instant`, so that a part starts there instead
   * of reading every version before it; undefined when the model cannot answer or there is none.
   */
  sitemapStart(uid: string, instant: Date, addressing: SitemapAddressing, index: number): Promise<SitemapStart | undefined>;
  /** For the Public's sitemap: the latest `lastmod` of a localized type's addressed versions, by locale (the home pages' dates). */
  sitemapNewest(uid: string, instant: Date, addressing: SitemapAddressing): Promise<Map<string, number> | undefined>;
  /**
   * For the Public's feeds: the entries of what the distribution plugin's `readNewest` reads, the
   * `limit` versions that became visible most recently at `instant` (latest of publication, embargo
   * end, schedule), newest first. This and the next two answer stored entries (storedEntries.ts).
   */
  newest(uid: string, instant: Date, selection: NewestSelection): Promise<StoredEntry[] | undefined>;
  /**
   * For the Public's digest: what `readPublishedSince` reads before its own filter, the `limit` versions
   * visible at `instant` published, released or scheduled at or after `since`, by publication, latest first.
   */
  publishedSince(uid: string, instant: Date, since: Date, selection: NewestSelection): Promise<StoredEntry[] | undefined>;
  /**
   * For the Public's digest: what its upcoming section reads, the `limit` versions visible at `instant`
   * whose `field` (the day a type's range of dates starts) is after `today`, soonest first, then by documentId.
   */
  upcoming(
    uid: string,
    instant: Date,
    upcoming: { field: string; today: string },
    selection: NewestSelection
  ): Promise<StoredEntry[] | undefined>;
};

const NOTHING_STORED: StoredReads = {
  detail: () => Promise.resolve(undefined),
  list: () => Promise.resolve(undefined),
  fallbackList: () => Promise.resolve(undefined),
  window: () => Promise.resolve(undefined),
  count: () => Promise.resolve(undefined),
  sitemapCount: () => Promise.resolve(undefined),
  sitemapVersions: () => Promise.resolve(undefined),
  sitemapStart: () => Promise.resolve(undefined),
  sitemapNewest: () => Promise.resolve(undefined),
  newest: () => Promise.resolve(undefined),
  publishedSince: () => Promise.resolve(undefined),
  upcoming: () => Promise.resolve(undefined),
};

/** The read model's stored answers; none when the plugin is not enabled (every read takes the Document Service path). */
export const storedReadsOf = (strapi: Core.Strapi): StoredReads =>
  strapi.plugin('read-model')?.service<StoredReads>('stored-reads') ?? NOTHING_STORED;

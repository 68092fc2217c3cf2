import { absoluteUrl } from '../../../lib/jsonld/jsonLd';
import { buildSiteUrl, siteTypeOf, type SiteConfig } from '../../../lib/site/siteUrls';
import type { EntryMapping } from './config';
import { visibleSince } from '../../../lib/visibility/visibleSince';
import { zonedMidnight } from '../../../lib/clock/zonedTime';
import { siteTimezone } from '../../../lib/clock/clock';

/**
 * One public document as the distribution surfaces (feeds, newsletter digest) show it: a title, a
 * summary, the address of its page on the site, the instant it became public and its cover.
 * Built by pure functions from what the Document Service returned, so every surface agrees.
 */
export type EntryImage = {
  url: string;
  alt: string;
  mime?: string;
  bytes?: number;
  width?: number;
  height?: number;
  /** The file's URL as Strapi stores it. */ path?: string;
};

export type PublicEntry = {
  /** The page kind of its content type (`article`, `post`). */
  type: string;
  documentId: string;
  /** What sort of entry it is, when its type has a `kind` field (an article's kind, a coverage's medium). */
  kind?: string;
  title: string;
  summary?: string;
  url: string;
  /**
   * When the public could first read it (publication, embargo end or schedule, whichever is last),
   * or the mapping's own date field (press coverage: the day the outlet published it).
   */
  date: Date;
  image?: EntryImage;
  categories: string[];
  author?: string;
  /** Who published the original (press coverage's outlet), and its address. */
  source?: { name: string; url?: string };
  /** Events: the dates they run. */
  startDate?: string;
  endDate?: string;
};

export type EntryContext = {
  site: SiteConfig;
  locale: string;
  mediaBaseUrl: string;
  /** The time fields that date when a document became public (the visibility plugin's; none without it). */
  timeFields: readonly string[];
};

type MediaFile = { url?: string; mime?: string; width?: number; height?: number; alternativeText?: string | null };
type CreditedImage = { image?: MediaFile | null; alternativeText?: string | null } | null | undefined;

/** A media field holds the file itself; a credited-image component holds it under `image`, beside its alt text. */
const asCreditedImage = (value: unknown): CreditedImage => {
  if (!value || typeof value !== 'object') return undefined;
  return 'url' in value ? { image: value as MediaFile } : value;
};
type Document = Record<string, unknown> & { documentId: string; slug?: string | null };

const text = (value: unknown): string | undefined => (typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined);

/**
 * The cover as an absolute URL with its alt text. Strapi stores sizes in kilobytes rounded to two
 * decimals, which is not a byte count: `bytes` stays unset here and is filled from the stored file
 * by `withExactBytes` (feeds), or left out.
 */
export const entryImage = (image: CreditedImage, mediaBaseUrl: string, fallbackAlt: string): EntryImage | undefined => {
  const url = absoluteUrl(mediaBaseUrl, image?.image?.url);
  if (!url || !image?.image) return undefined;
  const file = image.image;
  return {
    url,
    alt: text(image.alternativeText) ?? text(file.alternativeText) ?? fallbackAlt,
    mime: file.mime,
    path: file.url,
    width: file.width,
    height: file.height,
  };
};

const dateIn = (value: unknown): Date | undefined => {
  const given = text(value);
  if (!given) return undefined;
  // A calendar date (press coverage's publication day) is midnight where the association works.
  const date = /^\d{4}-\d{2}-\d{2}$/.test(given) ? zonedMidnight(given, siteTimezone()) : new Date(given);
  return Number.isNaN(date.getTime()) ? undefined : date;
};

const sourceOf = (document: Document, mapping: NonNullable<EntryMapping['source']>): PublicEntry['source'] => {
  const related = document[mapping.field] as Record<string, unknown> | null | undefined;
  const name = text(related?.[mapping.name]);
  if (!name) return undefined;
  return {
    name,
    url:
      (mapping.originalUrl ? text(document[mapping.originalUrl]) : undefined) ??
      (mapping.website ? text(related?.[mapping.website]) : undefined),
  };
};

/**
 * One document as a public entry, read through its type's mapping (`entries` in the plugin's
 * configuration). Undefined when the document has no page on the site (no slug yet), no date or no title.
 */
export const toPublicEntry = (document: Document, uid: string, mapping: EntryMapping, context: EntryContext): PublicEntry | undefined => {
  const type = siteTypeOf(uid);
  const url = buildSiteUrl(context.site, type, context.locale, document.slug);
  const date = (mapping.date ? dateIn(document[mapping.date]) : undefined) ?? visibleSince(document, context.timeFields);
  const title = text(document[mapping.title]);
  if (!url || !date || !title) return undefined;
  const categories = mapping.categories;
  const labels = categories ? ((document[categories.field] as Array<Record<string, unknown>> | null) ?? []) : [];
  return {
    type,
    documentId: document.documentId,
    ...(mapping.kind ? { kind: String(document[mapping.kind.field] ?? mapping.kind.default) } : {}),
    title,
    summary: mapping.summary ? text(document[mapping.summary]) : undefined,
    url,
    date,
    image: mapping.image ? entryImage(asCreditedImage(document[mapping.image]), context.mediaBaseUrl, title) : undefined,
    categories: categories ? labels.map((item) => text(item[categories.label])).filter((l): l is string => Boolean(l)) : [],
    author: mapping.author ? text(document[mapping.author]) : undefined,
    ...(mapping.source ? { source: sourceOf(document, mapping.source) } : {}),
    ...(mapping.startDate ? { startDate: text(document[mapping.startDate]) } : {}),
    ...(mapping.endDate ? { endDate: text(document[mapping.endDate]) } : {}),
  };
};

/** Newest first; ties keep a stable order so that an unchanged feed keeps its ETag. */
export const newestFirst = (entries: PublicEntry[]): PublicEntry[] =>
  [...entries].sort((a, b) => b.date.getTime() - a.date.getTime() || a.documentId.localeCompare(b.documentId));

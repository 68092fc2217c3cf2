import { absoluteUrl } from './jsonld/types';
import { buildSiteUrl, type SiteConfig } from './site/siteUrls';
import { visibleSince } from '../../visibility/server/visibleSince';
import { zonedMidnight } from '../../../lib/clock/zonedTime';
import { SITE_TIMEZONE } from '../../../lib/clock/clock';

/**
 * One public document as the distribution surfaces (feeds, newsletter digest) show it: a title, a
 * summary, the address of its page on the site, the instant it became public and its cover.
 * Built by pure functions from what the Document Service returned, so every surface agrees.
 */
export type EntryImage = { url: string; alt: string; mime?: string; bytes?: number; width?: number; height?: number; /** The file's URL as Strapi stores it. */ path?: string };

export type PublicEntry = {
  type: 'article' | 'press-coverage' | 'edition';
  documentId: string;
  /** `news`, `press-release`, `announcement` for articles; the medium for press coverage; the format for editions. */
  kind: string;
  title: string;
  summary?: string;
  url: string;
  /**
   * When the public could first read it (publication, embargo end or schedule, whichever is last);
   * for press coverage, the day the outlet published it (midnight where the association works).
   */
  date: Date;
  image?: EntryImage;
  categories: string[];
  author?: string;
  /** Press coverage: the outlet that published the piece, and the original article. */
  source?: { name: string; url?: string };
  /** Editions: the dates it runs. */
  startDate?: string;
  endDate?: string;
};

export type EntryContext = { site: SiteConfig; locale: string; mediaBaseUrl: string };

type MediaFile = { url?: string; mime?: string; width?: number; height?: number; alternativeText?: string | null };
type CreditedImage = { image?: MediaFile | null; alternativeText?: string | null } | null | undefined;
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

const pageUrl = (type: string, document: Document, context: EntryContext): string | undefined =>
  buildSiteUrl(context.site, type, context.locale, document.slug);

const dateOf = (document: Document): Date | undefined => visibleSince(document);

/** News, announcements and press releases. Undefined when the document has no page (no slug yet). */
export const articleEntry = (document: Document, context: EntryContext): PublicEntry | undefined => {
  const url = pageUrl('article', document, context);
  const date = dateOf(document);
  const title = text(document.title);
  if (!url || !date || !title) return undefined;
  return {
    type: 'article',
    documentId: document.documentId,
    kind: String(document.kind ?? 'news'),
    title,
    summary: text(document.standfirst),
    url,
    date,
    image: entryImage(document.cover as CreditedImage, context.mediaBaseUrl, title),
    categories: ((document.tags as Array<{ label?: string }> | null) ?? []).map((tag) => text(tag.label)).filter((l): l is string => Boolean(l)),
    author: text(document.byline),
  };
};

export const pressCoverageEntry = (document: Document, context: EntryContext): PublicEntry | undefined => {
  const url = pageUrl('press-coverage', document, context);
  const published = text(document.publicationDate);
  const date = published ? zonedMidnight(published, SITE_TIMEZONE) : dateOf(document);
  const title = text(document.headline);
  if (!url || !date || !title) return undefined;
  const outlet = document.outlet as { name?: string; website?: string | null } | null;
  return {
    type: 'press-coverage',
    documentId: document.documentId,
    kind: String(document.medium ?? 'online'),
    title,
    summary: text(document.summary),
    url,
    date,
    image: entryImage(document.photo as CreditedImage, context.mediaBaseUrl, title),
    categories: [],
    author: text(document.journalist),
    source: outlet?.name ? { name: outlet.name, url: text(document.originalUrl) ?? text(outlet.website) } : undefined,
  };
};

export const editionEntry = (document: Document, context: EntryContext): PublicEntry | undefined => {
  const url = pageUrl('edition', document, context);
  const date = dateOf(document);
  const title = text(document.title);
  if (!url || !date || !title) return undefined;
  return {
    type: 'edition',
    documentId: document.documentId,
    kind: String(document.format ?? 'online'),
    title,
    summary: text(document.summary),
    url,
    date,
    image: entryImage(document.cover as CreditedImage, context.mediaBaseUrl, title),
    categories: [],
    startDate: text(document.startDate),
    endDate: text(document.endDate),
  };
};

/** Newest first; ties keep a stable order so that an unchanged feed keeps its ETag. */
export const newestFirst = (entries: PublicEntry[]): PublicEntry[] =>
  [...entries].sort((a, b) => b.date.getTime() - a.date.getTime() || a.documentId.localeCompare(b.documentId));

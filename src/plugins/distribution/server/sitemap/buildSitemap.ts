import { buildSiteUrl, type SiteConfig } from '../../../../lib/site/siteUrls';

/** One locale version of a public page, as read from the CMS. */
export type PageVersion = { type: string; documentId: string; locale: string; slug?: string | null; lastmod?: Date };

export type SitemapPage = { url: string; lastmod?: string; alternates: Array<{ lang: string; url: string }> };

/**
 * The `<url>`s of one document: one per version that has an address, in the order given, each
 * listing all the versions of the document (itself included, as search engines ask) as `hreflang`
 * alternates sorted by locale, plus `x-default` for the default locale's version when there is one.
 */
export const documentPages = (versions: PageVersion[], site: SiteConfig, defaultLocale: string): SitemapPage[] => {
  // Plain loops and literals: this runs for every document of the site, on every uncached sitemap.
  const located: Array<{ version: PageVersion; url: string }> = [];
  for (const version of versions) {
    const url = buildSiteUrl(site, version.type, version.locale, version.slug);
    if (url) located.push({ version, url });
  }
  let alternates: SitemapPage['alternates'] = [];
  if (located.length > 1) {
    const sorted = [...located].sort((a, b) => (a.version.locale < b.version.locale ? -1 : a.version.locale > b.version.locale ? 1 : 0));
    alternates = sorted.map(({ version, url }) => ({ lang: version.locale, url }));
    const fallback = sorted.find(({ version }) => version.locale === defaultLocale);
    if (fallback) alternates.push({ lang: 'x-default', url: fallback.url });
  }
  return located.map(({ version, url }) => ({ url, lastmod: version.lastmod?.toISOString(), alternates }));
};

const XML_ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };
const XML_SPECIAL = /[&<>"']/;
const escapeXml = (text: string): string =>
  XML_SPECIAL.test(text) ? text.replace(/[&<>"']/g, (character) => XML_ENTITIES[character]) : text;

/** Characters a URL may not hold as such (RFC 3986); rare here, since slugs and locales are already encoded. */
const NOT_IN_URL = /[^\x21-\x7e]|[<>"{}|\\^`]/;
/** Anything that needs encoding or escaping: a site address almost never holds one, and is then written as it is. */
const NOT_PLAIN = /[^\x21-\x7e]|[<>"{}|\\^`&']/;
/** An address as the protocol wants it: URL-encoded where needed, then XML-escaped. */
const locOf = (url: string): string => (NOT_PLAIN.test(url) ? escapeXml(NOT_IN_URL.test(url) ? new URL(url).href : url) : url);

export const SITEMAP_NAMESPACE = 'http://www.sitemaps.org/schemas/sitemap/0.9';
const XHTML_NAMESPACE = 'http://www.w3.org/1999/xhtml';
const XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>';

/**
 * The sitemap protocol's XML, written by hand in pieces so that a sitemap of any size streams: the
 * `sitemap` library took 700 ms for 20,000 URLs with alternates (it parses every address again),
 * this takes a few. tests/unit/sitemap and the sitemaps.org schema check (tests/api/standards) read it back.
 */
export const URLSET_OPEN = `${XML_DECLARATION}<urlset xmlns="${SITEMAP_NAMESPACE}" xmlns:xhtml="${XHTML_NAMESPACE}">`;
export const URLSET_CLOSE = '</urlset>';

/** The `xhtml:link`s of a document's alternates, written once for all its pages (they share the array). */
const alternatesXml = new WeakMap<SitemapPage['alternates'], string>();
const linksOf = (alternates: SitemapPage['alternates']): string => {
  let xml = alternatesXml.get(alternates);
  if (xml === undefined) {
    xml = '';
    for (const alternate of alternates)
      xml += `<xhtml:link rel="alternate" hreflang="${escapeXml(alternate.lang)}" href="${locOf(alternate.url)}"/>`;
    alternatesXml.set(alternates, xml);
  }
  return xml;
};

/** Hands a page's `<url>` element to `write` in its pieces, in order (a stream writes them where they go, never joined first). */
export const writeUrlElement = (page: SitemapPage, write: (text: string) => void): void => {
  write('<url><loc>');
  write(locOf(page.url));
  if (page.lastmod) {
    write('</loc><lastmod>');
    write(page.lastmod);
    write('</lastmod>');
  } else write('</loc>');
  write(linksOf(page.alternates));
  write('</url>');
};

/** A whole sitemap as one string (small sitemaps and tests), from the same pieces as the stream. */
export const buildSitemap = (pages: SitemapPage[]): string => {
  const pieces = [URLSET_OPEN];
  const write = (text: string) => void pieces.push(text);
  for (const page of pages) writeUrlElement(page, write);
  pieces.push(URLSET_CLOSE);
  return pieces.join('');
};

/** A sitemap index: the addresses of the parts of a sitemap too large for one file. */
export const buildSitemapIndex = (parts: string[]): string =>
  `${XML_DECLARATION}<sitemapindex xmlns="${SITEMAP_NAMESPACE}">${parts
    .map((url) => `<sitemap><loc>${locOf(url)}</loc></sitemap>`)
    .join('')}</sitemapindex>`;

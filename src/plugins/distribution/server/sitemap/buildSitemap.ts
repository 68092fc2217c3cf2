import { SitemapStream, streamToPromise } from 'sitemap';
import { buildSiteUrl, type SiteConfig } from '../site/siteUrls';

/** One locale version of a public page, as read from the CMS. */
export type PageVersion = { type: string; documentId: string; locale: string; slug?: string | null; lastmod?: Date };

export type SitemapPage = { url: string; lastmod?: string; alternates: Array<{ lang: string; url: string }> };

/**
 * Every version of every page becomes one `<url>`, listing all the versions of the same document
 * (itself included, as search engines ask) as `hreflang` alternates, plus `x-default` for the
 * default locale's version when there is one.
 */
export const sitemapPages = (versions: PageVersion[], site: SiteConfig, defaultLocale: string): SitemapPage[] => {
  const located = versions
    .map((version) => ({ ...version, url: buildSiteUrl(site, version.type, version.locale, version.slug) }))
    .filter((version): version is PageVersion & { url: string } => Boolean(version.url));
  const byDocument = new Map<string, typeof located>();
  for (const version of located) {
    const key = `${version.type}:${version.documentId}`;
    byDocument.set(key, [...(byDocument.get(key) ?? []), version]);
  }
  const pages: SitemapPage[] = [];
  for (const group of byDocument.values()) {
    const sorted = [...group].sort((a, b) => a.locale.localeCompare(b.locale));
    const fallback = sorted.find((version) => version.locale === defaultLocale);
    const alternates = [
      ...sorted.map((version) => ({ lang: version.locale, url: version.url })),
      ...(fallback && sorted.length > 1 ? [{ lang: 'x-default', url: fallback.url }] : []),
    ];
    for (const version of sorted) {
      pages.push({ url: version.url, lastmod: version.lastmod?.toISOString(), alternates: sorted.length > 1 ? alternates : [] });
    }
  }
  return pages.sort((a, b) => a.url.localeCompare(b.url));
};

/** A locale's home page lists the newest content, so it changes when any page of that locale does. */
export const withHomeLastmod = (versions: PageVersion[]): PageVersion[] =>
  versions.map((version) => {
    if (version.type !== 'home' || version.lastmod) return version;
    const times = versions
      .filter((other) => other.locale === version.locale && other.lastmod)
      .map((other) => (other.lastmod as Date).getTime());
    return times.length > 0 ? { ...version, lastmod: new Date(Math.max(...times)) } : version;
  });

/** The sitemap protocol's XML, with the `xhtml` namespace for alternates; written by the `sitemap` library. */
export const buildSitemap = async (pages: SitemapPage[]): Promise<string> => {
  const stream = new SitemapStream({ xmlns: { xhtml: true, news: false, video: false, image: false } });
  const done = streamToPromise(stream);
  for (const page of pages) {
    stream.write({
      url: page.url,
      ...(page.lastmod ? { lastmod: page.lastmod } : {}),
      links: page.alternates.map((alternate) => ({ lang: alternate.lang, hreflang: alternate.lang, url: alternate.url })),
    });
  }
  stream.end();
  return (await done).toString('utf8');
};

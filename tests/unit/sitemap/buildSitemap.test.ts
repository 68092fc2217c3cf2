import { Readable } from 'node:stream';
import { XMLParser } from 'fast-xml-parser';
import {
  buildSitemap,
  buildSitemapIndex,
  documentPages,
  type PageVersion,
} from '../../../src/plugins/distribution/server/sitemap/buildSitemap';
import type { SiteConfig } from '../../../src/lib/site/siteUrls';
import { sitemapXml } from '../../../src/plugins/distribution/server/sitemap/streamSitemap';

const site: SiteConfig = {
  url: 'https://site.example',
  name: 'Diversidays',
  organization: { name: 'Diversidays', url: 'https://site.example' },
  paths: {
    home: { fr: '/fr', en: '/en', default: '/{locale}' },
    article: { fr: '/fr/actualites/{slug}', en: '/en/news/{slug}', default: '/{locale}/news/{slug}' },
  },
};

const documentA: PageVersion[] = [
  { type: 'article', documentId: 'a', locale: 'fr', slug: 'bonjour', lastmod: new Date('2020-09-28T07:00:00Z') },
  { type: 'article', documentId: 'a', locale: 'en', slug: 'hello', lastmod: new Date('2020-09-29T07:00:00Z') },
];
const documentB: PageVersion[] = [{ type: 'article', documentId: 'b', locale: 'fr', slug: 'seul' }];
// No slug yet: no page, so not in the sitemap.
const documentC: PageVersion[] = [{ type: 'article', documentId: 'c', locale: 'fr', slug: null }];

const parse = (xml: string) =>
  new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '@',
    isArray: (name) => ['url', 'xhtml:link', 'sitemap'].includes(name),
  }).parse(xml);

describe('documentPages', () => {
  it('gives each located version of a document one page, in the order given, with its lastmod', () => {
    const pages = documentPages(documentA, site, 'fr');
    expect(pages.map((page) => page.url)).toEqual(['https://site.example/fr/actualites/bonjour', 'https://site.example/en/news/hello']);
    expect(pages[1].lastmod).toBe('2020-09-29T07:00:00.000Z');
    expect(documentPages(documentC, site, 'fr')).toEqual([]);
  });

  it('links the versions of one document to each other, sorted by locale, with x-default on the default locale', () => {
    const [, hello] = documentPages(documentA, site, 'fr');
    expect(hello.alternates).toEqual([
      { lang: 'en', url: 'https://site.example/en/news/hello' },
      { lang: 'fr', url: 'https://site.example/fr/actualites/bonjour' },
      { lang: 'x-default', url: 'https://site.example/fr/actualites/bonjour' },
    ]);
    expect(documentPages(documentB, site, 'fr')[0].alternates).toEqual([]);
    // Without a version in the default locale, no x-default.
    expect(documentPages(documentA, site, 'de')[0].alternates.map((alternate) => alternate.lang)).toEqual(['en', 'fr']);
  });
});

describe('buildSitemap', () => {
  it('writes sitemap XML that an independent parser reads back, alternates included', () => {
    const xml = buildSitemap([documentA, documentB, documentC].flatMap((versions) => documentPages(versions, site, 'fr')));
    const { urlset } = parse(xml);
    expect(urlset['@xmlns']).toBe('http://www.sitemaps.org/schemas/sitemap/0.9');
    expect(urlset['@xmlns:xhtml']).toBe('http://www.w3.org/1999/xhtml');
    expect(urlset.url).toHaveLength(3);
    const bonjour = urlset.url.find((u: { loc: string }) => u.loc.endsWith('/bonjour'));
    expect(bonjour.lastmod).toBe('2020-09-28T07:00:00.000Z');
    expect(bonjour['xhtml:link'].map((l: Record<string, string>) => [l['@rel'], l['@hreflang'], l['@href']])).toEqual([
      ['alternate', 'en', 'https://site.example/en/news/hello'],
      ['alternate', 'fr', 'https://site.example/fr/actualites/bonjour'],
      ['alternate', 'x-default', 'https://site.example/fr/actualites/bonjour'],
    ]);
  });

  it.each([
    ['https://site.example/fr/a?b=1&c=<2>', 'https://site.example/fr/a?b=1&amp;c=%3C2%3E', 'https://site.example/fr/a?b=1&c=%3C2%3E'],
    ["https://site.example/fr/l'été", 'https://site.example/fr/l&apos;%C3%A9t%C3%A9', "https://site.example/fr/l'%C3%A9t%C3%A9"],
    ['https://site.example/fr/a"b', 'https://site.example/fr/a%22b', 'https://site.example/fr/a%22b'],
  ])('escapes %s (XML entities, and URL encoding where a URL may not hold the character)', (url, written, read) => {
    const xml = buildSitemap([{ url, alternates: [{ lang: 'fr', url }] }]);
    expect(xml).toContain(`<loc>${written}</loc>`);
    const [entry] = parse(xml).urlset.url;
    expect(entry.loc).toBe(read);
    expect(entry['xhtml:link'][0]['@href']).toBe(read);
  });
});

describe('buildSitemapIndex', () => {
  it('lists the parts of a sitemap as sitemaps.org asks', () => {
    const { sitemapindex } = parse(buildSitemapIndex(['https://cms.example/sitemap-1.xml', 'https://cms.example/sitemap-2.xml']));
    expect(sitemapindex['@xmlns']).toBe('http://www.sitemaps.org/schemas/sitemap/0.9');
    expect(sitemapindex.sitemap.map((s: { loc: string }) => s.loc)).toEqual([
      'https://cms.example/sitemap-1.xml',
      'https://cms.example/sitemap-2.xml',
    ]);
  });
});

describe('sitemapXml', () => {
  it('streams the same bytes as buildSitemap, in chunks, however the pages are grouped', async () => {
    // Enough pages for many 64 KB chunks, with addresses that need encoding and escaping.
    const versions: PageVersion[] = Array.from({ length: 3000 }, (_, n) => ({
      type: 'article',
      documentId: `d${n}`,
      locale: n % 2 === 0 ? 'fr' : 'en',
      slug: n % 7 === 0 ? `é-&-${n}` : `page-${n}`,
      lastmod: n % 5 === 0 ? undefined : new Date(Date.UTC(2026, 0, 1 + (n % 300))),
    }));
    const pages = versions.flatMap((version, n) =>
      documentPages(n % 3 === 0 ? [version, { ...version, locale: 'en' }] : [version], site, 'fr')
    );
    // As pagesInRange gives them: an async iterable of groups of pages.
    const groups = Array.from({ length: Math.ceil(pages.length / 97) }, (_, n) => pages.slice(n * 97, n * 97 + 97));
    const chunks: Buffer[] = [];
    for await (const chunk of sitemapXml(Readable.from(groups))) chunks.push(chunk);
    expect(chunks.length).toBeGreaterThan(3);
    expect(Buffer.concat(chunks).toString('utf8')).toBe(buildSitemap(pages));
  });
});

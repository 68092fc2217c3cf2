import { XMLParser } from 'fast-xml-parser';
import {
  buildSitemap,
  sitemapPages,
  withHomeLastmod,
  type PageVersion,
} from '../../../src/plugins/distribution/server/sitemap/buildSitemap';
import type { SiteConfig } from '../../../src/plugins/distribution/server/site/siteUrls';

const site: SiteConfig = {
  url: 'https://site.example',
  name: 'Diversidays',
  organization: { name: 'Diversidays', url: 'https://site.example' },
  paths: {
    home: { fr: '/fr', en: '/en', default: '/{locale}' },
    article: { fr: '/fr/actualites/{slug}', en: '/en/news/{slug}', default: '/{locale}/news/{slug}' },
  },
};

const versions: PageVersion[] = [
  { type: 'article', documentId: 'a', locale: 'fr', slug: 'bonjour', lastmod: new Date('2020-09-28T07:00:00Z') },
  { type: 'article', documentId: 'a', locale: 'en', slug: 'hello', lastmod: new Date('2020-09-29T07:00:00Z') },
  { type: 'article', documentId: 'b', locale: 'fr', slug: 'seul' },
  // No slug yet: no page, so not in the sitemap.
  { type: 'article', documentId: 'c', locale: 'fr', slug: null },
  { type: 'home', documentId: 'home', locale: 'fr' },
  { type: 'home', documentId: 'home', locale: 'en' },
];

const parse = (xml: string) =>
  new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@', isArray: (name) => ['url', 'xhtml:link'].includes(name) }).parse(xml);

describe('sitemapPages', () => {
  const pages = sitemapPages(versions, site, 'fr');

  it('lists every located version once, with its lastmod', () => {
    expect(pages.map((page) => page.url)).toEqual([
      'https://site.example/en',
      'https://site.example/en/news/hello',
      'https://site.example/fr',
      'https://site.example/fr/actualites/bonjour',
      'https://site.example/fr/actualites/seul',
    ]);
    expect(pages.find((page) => page.url.endsWith('/hello'))?.lastmod).toBe('2020-09-29T07:00:00.000Z');
  });

  it('links the versions of one document to each other, with x-default on the default locale', () => {
    const hello = pages.find((page) => page.url.endsWith('/hello'));
    expect(hello?.alternates).toEqual([
      { lang: 'en', url: 'https://site.example/en/news/hello' },
      { lang: 'fr', url: 'https://site.example/fr/actualites/bonjour' },
      { lang: 'x-default', url: 'https://site.example/fr/actualites/bonjour' },
    ]);
    expect(pages.find((page) => page.url.endsWith('/seul'))?.alternates).toEqual([]);
  });
});

describe('buildSitemap', () => {
  it('writes sitemap XML that an independent parser reads back, alternates included', async () => {
    const xml = await buildSitemap(sitemapPages(versions, site, 'fr'));
    const { urlset } = parse(xml);
    expect(urlset['@xmlns']).toBe('http://www.sitemaps.org/schemas/sitemap/0.9');
    expect(urlset['@xmlns:xhtml']).toBe('http://www.w3.org/1999/xhtml');
    expect(urlset.url).toHaveLength(5);
    const bonjour = urlset.url.find((u: { loc: string }) => u.loc.endsWith('/bonjour'));
    expect(bonjour.lastmod).toBe('2020-09-28T07:00:00.000Z');
    expect(bonjour['xhtml:link'].map((l: Record<string, string>) => [l['@rel'], l['@hreflang'], l['@href']])).toEqual([
      ['alternate', 'en', 'https://site.example/en/news/hello'],
      ['alternate', 'fr', 'https://site.example/fr/actualites/bonjour'],
      ['alternate', 'x-default', 'https://site.example/fr/actualites/bonjour'],
    ]);
  });

  it('escapes addresses (XML entities, and URL encoding where a URL may not hold the character)', async () => {
    const xml = await buildSitemap([{ url: 'https://site.example/fr/a?b=1&c=<2>', alternates: [] }]);
    expect(xml).toContain('<loc>https://site.example/fr/a?b=1&amp;c=%3C2%3E</loc>');
    expect(parse(xml).urlset.url[0].loc).toBe('https://site.example/fr/a?b=1&c=%3C2%3E');
  });

  it('dates each home page by the newest page of its locale', () => {
    const versions: PageVersion[] = [
      { type: 'home', documentId: 'home', locale: 'fr' },
      { type: 'home', documentId: 'home', locale: 'en' },
      { type: 'home', documentId: 'home', locale: 'de' },
      { type: 'article', documentId: 'a', locale: 'fr', slug: 'a', lastmod: new Date('2026-11-02T00:00:00Z') },
      { type: 'article', documentId: 'b', locale: 'fr', slug: 'b', lastmod: new Date('2026-11-05T00:00:00Z') },
      { type: 'article', documentId: 'a', locale: 'en', slug: 'a', lastmod: new Date('2026-11-03T00:00:00Z') },
    ];
    const homes = withHomeLastmod(versions).filter((version) => version.type === 'home');
    expect(homes.map((home) => [home.locale, home.lastmod?.toISOString()])).toEqual([
      ['fr', '2026-11-05T00:00:00.000Z'],
      ['en', '2026-11-03T00:00:00.000Z'],
      ['de', undefined],
    ]);
  });
});

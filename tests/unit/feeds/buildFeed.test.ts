import { XMLParser } from 'fast-xml-parser';
import { parseXml } from '../../helpers/text';
import { buildFeed, type FeedInput } from '../../../src/plugins/distribution/server/feeds/buildFeed';
import type { PublicEntry } from '../../../src/plugins/distribution/server/publicEntry';

const parserFor = (lists: string[]) =>
  new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@', isArray: (name) => lists.includes(name) });
const rssParser = parserFor(['item', 'category']);
const atomParser = parserFor(['entry', 'link']);

const release: PublicEntry = {
  type: 'article',
  documentId: 'r1',
  kind: 'press-release',
  title: 'Communiqué : 330 inscrits & « trois fois plus »',
  summary: 'Premier bilan <dans> l’Hérault.',
  url: 'https://site.example/fr/actualites/communique?x=1&y=2',
  date: new Date('2020-09-28T07:00:00.000Z'),
  image: {
    url: 'https://cms.example/uploads/cover.jpg',
    alt: 'Des participants',
    mime: 'image/jpeg',
    bytes: 48213,
    width: 1200,
    height: 800,
  },
  categories: ['DéClics Numériques', 'Hérault'],
  author: 'Diversidays',
};
const news: PublicEntry = {
  type: 'article',
  documentId: 'n1',
  kind: 'news',
  title: 'Une actualité',
  url: 'https://site.example/fr/actualites/une-actualite',
  date: new Date('2020-09-29T10:00:00.000Z'),
  categories: [],
};

const input: FeedInput = {
  title: 'Diversidays — Communiqués de presse',
  description: 'Communiqués de presse',
  language: 'fr',
  siteUrl: 'https://site.example/fr',
  selfUrls: {
    rss: 'https://cms.example/api/feeds/fr/press-releases.rss',
    atom: 'https://cms.example/api/feeds/fr/press-releases.atom',
    json: 'https://cms.example/api/feeds/fr/press-releases.json',
  },
  publisher: { name: 'Diversidays', url: 'https://site.example' },
  items: [news, release],
};

describe('buildFeed', () => {
  it('writes RSS 2.0 with language, absolute links, dates and enclosures', () => {
    const rss = rssParser.parse(buildFeed(input, 'rss')).rss;
    expect(rss['@version']).toBe('2.0');
    expect(rss.channel.language).toBe('fr');
    expect(rss.channel.link).toBe('https://site.example/fr');
    expect(rss.channel['atom:link']['@href']).toBe(input.selfUrls.rss);
    expect(new Date(rss.channel.lastBuildDate).toISOString()).toBe('2020-09-29T10:00:00.000Z');
    const [first, second] = rss.channel.item;
    expect(first.title).toBe('Une actualité');
    expect(second.title).toBe(release.title);
    expect(second.link).toBe(release.url);
    expect(second.description).toBe(release.summary);
    expect(new Date(second.pubDate).toISOString()).toBe('2020-09-28T07:00:00.000Z');
    expect(second.enclosure).toEqual({ '@url': release.image?.url, '@type': 'image/jpeg', '@length': '48213' });
    expect(first.enclosure).toBeUndefined();
    expect(second.category).toEqual(release.categories);
  });

  it('writes Atom 1.0 with xml:lang, self link, entry ids, dates and enclosure links', () => {
    const feed = atomParser.parse(buildFeed(input, 'atom')).feed;
    expect(feed['@xmlns']).toBe('http://www.w3.org/2005/Atom');
    expect(feed['@xml:lang']).toBe('fr');
    expect(feed.link.map((l: Record<string, string>) => [l['@rel'], l['@href']])).toEqual([
      ['alternate', 'https://site.example/fr'],
      ['self', input.selfUrls.atom],
    ]);
    expect(feed.updated).toBe('2020-09-29T10:00:00.000Z');
    expect(feed.author.name).toBe('Diversidays');
    const entry = feed.entry[1];
    expect(entry.id).toBe(release.url);
    expect(entry.published).toBe('2020-09-28T07:00:00.000Z');
    expect(entry.link).toHaveLength(2);
    expect(entry.link).toEqual(
      expect.arrayContaining([
        { '@href': release.url },
        { '@rel': 'enclosure', '@href': release.image?.url, '@type': 'image/jpeg', '@length': '48213', '@title': 'Des participants' },
      ])
    );
    expect(feed.entry[0].link).toHaveLength(1);
  });

  it('writes JSON Feed 1.1 with language, authors, attachments and text for every item', () => {
    const feed = JSON.parse(buildFeed(input, 'json'));
    expect(feed.version).toBe('https://jsonfeed.org/version/1.1');
    expect(feed.language).toBe('fr');
    expect(feed.feed_url).toBe(input.selfUrls.json);
    expect(feed.home_page_url).toBe('https://site.example/fr');
    expect(feed.authors).toEqual([{ name: 'Diversidays', url: 'https://site.example' }]);
    expect(feed.author).toBeUndefined();
    const [first, second] = feed.items;
    expect(first).toMatchObject({
      id: news.url,
      url: news.url,
      title: 'Une actualité',
      content_text: 'Une actualité',
      date_published: '2020-09-29T10:00:00.000Z',
    });
    expect(first.attachments).toBeUndefined();
    expect(second).toMatchObject({
      url: release.url,
      summary: release.summary,
      content_text: release.summary,
      image: release.image?.url,
      tags: release.categories,
      authors: [{ name: 'Diversidays' }],
      attachments: [{ url: release.image?.url, mime_type: 'image/jpeg', size_in_bytes: 48213, title: 'Des participants' }],
    });
  });

  it('gives every Atom category the term RFC 4287 requires', () => {
    const entry = parserFor(['entry', 'category']).parse(buildFeed(input, 'atom')).feed.entry[1];
    expect(entry.category).toEqual(release.categories.map((name) => ({ '@term': name, '@label': name })));
  });

  it("copies user text as it is: `$&`, `$``, `$'` in alt text are not replacement patterns", () => {
    const alt = "Prix $& remis $` puis $' fin";
    const tricky = { ...input, items: [{ ...release, image: { ...(release.image as NonNullable<PublicEntry['image']>), alt } }] };
    const xml = buildFeed(tricky, 'atom');
    const feed = parseXml(xml, ['entry', 'link'], { decodeHtmlEntities: true }).feed as {
      entry: Array<{ link: Array<Record<string, string>> }>;
    };
    expect(feed.entry).toHaveLength(1);
    expect(feed.entry[0].link.find((link) => link['@rel'] === 'enclosure')?.['@title']).toBe(alt);
    expect(xml.match(/<feed /g)).toHaveLength(1);
  });

  it('leaves out a byte size it does not know exactly (JSON Feed), and says 0 where RSS requires one', () => {
    const unknown = {
      ...input,
      items: [{ ...release, image: { ...(release.image as NonNullable<PublicEntry['image']>), bytes: undefined } }],
    };
    expect(JSON.parse(buildFeed(unknown, 'json')).items[0].attachments[0]).not.toHaveProperty('size_in_bytes');
    expect(rssParser.parse(buildFeed(unknown, 'rss')).rss.channel.item[0].enclosure['@length']).toBe('0');
  });

  it('is stable: the same items give the same bytes, with no "now" inside', () => {
    for (const format of ['rss', 'atom', 'json'] as const) expect(buildFeed(input, format)).toBe(buildFeed(input, format));
    const empty = rssParser.parse(buildFeed({ ...input, items: [] }, 'rss')).rss;
    expect(empty.channel.item).toBeUndefined();
  });
});

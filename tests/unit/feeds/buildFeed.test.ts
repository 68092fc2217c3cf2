import fc from 'fast-check';
import { XMLParser } from 'fast-xml-parser';
import { validateXML } from 'xmllint-wasm';
import { parseXml } from '../../helpers/text';
import { buildFeed, type FeedInput } from '../../../src/plugins/distribution/server/feeds/buildFeed';
import type { PublicEntry } from '../../../src/plugins/distribution/server/publicEntry';
import { buildFeedWithLibrary } from '../../helpers/feedLibraryOracle';

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

/**
 * The writers against the `feed` library they replaced (tests/helpers/feedLibraryOracle.ts), on
 * random feeds: the same bytes wherever the library wrote right. It did not (hence the writers) for a
 * second `]]>` in a CDATA text, `&`, `<` or a line end in an attribute it did not escape, a
 * text holding `&amp;` (which it unescaped first), characters XML forbids, or two items at one address
 * (the Atom enclosure went into the first); the second property covers those, on any text.
 */
describe('buildFeed, against the library it replaced and on any text', () => {
  const FORMATS = ['rss', 'atom', 'json'] as const;
  const SOME_CHARACTERS = ['a', 'Z', '7', ' ', 'é', '’', '—', '😀', '<', '>', '"', "'", '&', ']', '$', '`', '\n'];
  const text = fc
    .string({ unit: fc.constantFrom(...SOME_CHARACTERS), maxLength: 12 })
    .filter((value) => value.split(']]>').length <= 2 && !value.includes('&amp;'));
  const attributeText = fc.string({ unit: fc.constantFrom('a', 'é', ' ', '>', '"', "'", '—', '$'), maxLength: 8 });
  const addressPart = fc
    .string({ unit: fc.constantFrom('a', 'b', '-', '/', '?', '=', '&', 'é', '"'), maxLength: 8 })
    .filter((part) => !part.includes('&amp;'));

  const entries = (textOf: fc.Arbitrary<string>, attributeTextOf: fc.Arbitrary<string>) =>
    fc.array(
      fc.record({
        title: textOf,
        summary: fc.option(textOf, { nil: undefined }),
        path: addressPart,
        date: fc.date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2040-01-01T00:00:00Z'), noInvalidDate: true }),
        categories: fc.array(attributeTextOf, { maxLength: 3 }),
        author: fc.option(textOf, { nil: undefined }),
        image: fc.option(
          fc.record({
            file: fc.stringMatching(/^[a-z0-9-]{1,8}(\.[a-z]{2,4})?$/),
            alt: attributeTextOf,
            mime: fc.option(fc.constantFrom('image/jpeg', 'image/png', ''), { nil: undefined }),
            bytes: fc.option(fc.nat(10_000_000), { nil: undefined }),
          }),
          { nil: undefined }
        ),
      }),
      { maxLength: 4 }
    );

  const feeds = (textOf: fc.Arbitrary<string>, attributeTextOf: fc.Arbitrary<string>): fc.Arbitrary<FeedInput> =>
    fc
      .record({
        title: textOf,
        description: textOf,
        language: fc.constantFrom('fr', 'en', 'pt-BR'),
        home: fc.option(addressPart, { nil: undefined }),
        selfUrls: fc.boolean(),
        publisher: fc.record({ name: textOf, url: fc.constantFrom('', 'https://site.example/?a=1&b=2') }),
        entries: entries(textOf, attributeTextOf),
      })
      .map(({ home, selfUrls, entries: drawn, ...feed }) => ({
        ...feed,
        siteUrl: home === undefined ? '' : `https://site.example/${home}`,
        selfUrls: {
          rss: selfUrls ? 'https://cms.example/api/feeds/fr/all.rss?x=1&y=2' : '',
          atom: selfUrls ? 'https://cms.example/api/feeds/fr/all.atom' : '',
          json: selfUrls ? 'https://cms.example/api/feeds/fr/all.json' : '',
        },
        items: drawn.map(({ path, image, ...entry }, index) => ({
          ...entry,
          type: 'article',
          documentId: `d${index}`,
          // One address an item, as the site gives each document and locale.
          url: `https://site.example/${index}/${path}`,
          ...(image
            ? { image: { url: `https://cms.example/uploads/${image.file}`, alt: image.alt, mime: image.mime, bytes: image.bytes } }
            : {}),
        })),
      }));

  it('writes what the `feed` library wrote, byte for byte, wherever it wrote right', () => {
    fc.assert(
      fc.property(feeds(text, attributeText), fc.constantFrom(...FORMATS), (input, format) => {
        expect(buildFeed(input, format)).toBe(buildFeedWithLibrary(input, format));
      }),
      { numRuns: 400 }
    );
  });

  type ReadBack = {
    rss: { channel: { item: Array<{ title?: string }> } };
    feed: { entry?: Array<{ category?: Array<Record<string, string>>; link: Array<Record<string, string>> }> };
  };
  /** Numeric references (`&#9;`) decoded, texts as written. */
  const readBack = (xml: string) =>
    parseXml(xml, ['item', 'entry', 'category', 'link'], { decodeHtmlEntities: true, exactText: true }) as ReadBack;
  /** XML 1.0's forbidden code points (§2.2), which the writers leave out. */
  const allowedInXml = (value: string) =>
    value.replace(
      // eslint-disable-next-line no-control-regex -- the characters XML forbids, on purpose
      /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g,
      ''
    );
  const TRICKY = [
    ']]>',
    '&',
    '&amp;',
    '<',
    '>',
    '"',
    '\t',
    '\n',
    '\u0000',
    '\u0008',
    '\u000B',
    '\u001F',
    '\uFFFE',
    '\uD800',
    '\uDC00',
    '😀',
  ];
  const anyText = fc.string({
    unit: fc.oneof(
      fc.constantFrom(...TRICKY),
      fc.integer({ min: 0x20, max: 0xffff }).map((code) => String.fromCharCode(code))
    ),
    maxLength: 16,
  });

  it('writes well-formed XML that gives back every text, on any text', async () => {
    await fc.assert(
      fc.asyncProperty(feeds(anyText, anyText), async (input) => {
        const rss = buildFeed(input, 'rss');
        const atom = buildFeed(input, 'atom');
        for (const xml of [rss, atom]) {
          const { valid, errors } = await validateXML({ xml: { fileName: 'feed.xml', contents: xml }, normalization: 'format' });
          expect({ valid, errors }).toEqual({ valid: true, errors: [] });
        }
        // Read as libxml2 reads them: its canonical form has each attribute value normalized (§3.3.3).
        const canonical = async (xml: string) =>
          (await validateXML({ xml: { fileName: 'feed.xml', contents: xml }, normalization: 'c14n' })).normalized;
        const channel = readBack(await canonical(rss)).rss.channel;
        const entriesRead = readBack(await canonical(atom)).feed.entry ?? [];
        input.items.forEach((item, index) => {
          const rssItem = channel.item[index];
          if (item.title) expect(rssItem.title).toBe(allowedInXml(item.title));
          expect(entriesRead[index].category ?? []).toEqual(
            item.categories.map((name) => ({ '@label': allowedInXml(name), '@term': allowedInXml(name) }))
          );
          expect(entriesRead[index].link.find((link) => link['@rel'] === 'enclosure')?.['@title']).toBe(
            item.image ? allowedInXml(item.image.alt) : undefined
          );
        });
        expect(JSON.parse(buildFeed(input, 'json')).items.map((item: { title?: string }) => item.title)).toEqual(
          input.items.map((item) => item.title || undefined)
        );
      }),
      { numRuns: 60 }
    );
  });
});

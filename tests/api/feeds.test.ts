import { errorPaths, publicGet, useServerWithEditor } from '../helpers/api';
import { getText, parseXml } from '../helpers/text';
import { makeJpeg, uploadImage } from '../helpers/images';
import { validateXML } from 'xmllint-wasm';

type Item = Record<string, unknown>;
const toSeconds = (iso: string) => Math.floor(new Date(iso).getTime() / 1000);
const SITE = 'http://localhost:3000';
/** Where the CMS says it answers (PUBLIC_URL): media and the feeds' own addresses start with it. */
const CMS = 'https://cms.example';
const RELEASE_SLUG_FR = 'communique-declics-numeriques-herault-330-inscrits-trois-fois-plus-qu-attendu';

/** Items of a feed in any of the three formats, as title, link, date and enclosure URL. */
const readFeed = (format: string, body: string) => {
  if (format === 'rss') {
    const channel = (parseXml(body, ['item']).rss as { channel: Item }).channel;
    const items = ((channel.item as Item[] | undefined) ?? []).map((item) => ({
      title: String(item.title),
      link: String(item.link),
      date: new Date(String(item.pubDate)).toISOString(),
      image: (item.enclosure as Item | undefined)?.['@url'] as string | undefined,
    }));
    return { language: channel.language, items };
  }
  if (format === 'atom') {
    const feed = parseXml(body, ['entry', 'link']).feed as Item;
    const items = ((feed.entry as Item[] | undefined) ?? []).map((entry) => {
      const links = entry.link as Item[];
      return {
        title: String((entry.title as Item)['#text']),
        link: String(links.find((l) => !l['@rel'])?.['@href']),
        date: String(entry.published),
        image: links.find((l) => l['@rel'] === 'enclosure')?.['@href'] as string | undefined,
      };
    });
    return { language: feed['@xml:lang'], items };
  }
  const feed = JSON.parse(body) as { language: string; items: Item[] };
  const items = feed.items.map((item) => ({
    title: String(item.title),
    link: String(item.url),
    date: String(item.date_published),
    image: (item.attachments as Item[] | undefined)?.[0]?.url as string | undefined,
  }));
  return { language: feed.language, items };
};

describe('feeds: RSS 2.0, Atom 1.0 and JSON Feed 1.1 per locale and channel', () => {
  const app = useServerWithEditor({ env: { PASSERELLE_DEMO: 'true', PUBLIC_URL: CMS } });
  let publishedAt: Record<string, string>;

  beforeAll(async () => {
    const articles = await publicGet(app.server, 'articles', { locale: 'fr', fields: ['slug', 'publishedAt', 'embargoUntil'] });
    publishedAt = Object.fromEntries(articles.body.data.map((a: { slug: string; publishedAt: string }) => [a.slug, a.publishedAt]));
  });

  describe.each([
    ['rss', /^application\/rss\+xml/],
    ['atom', /^application\/atom\+xml/],
    ['json', /^application\/feed\+json/],
  ])('%s', (format, contentType) => {
    it('lists the French press release with its site link, date, language and cover', async () => {
      const response = await getText(app.server, `/api/feeds/fr/press-releases.${format}`);
      expect(response.status).toBe(200);
      expect(response.headers['content-type']).toMatch(contentType);
      const feed = readFeed(format, response.body);
      expect(feed.language).toBe('fr');
      expect(feed.items).toHaveLength(1);
      const [item] = feed.items;
      expect(item.title).toBe('Communiqué : DéClics Numériques Hérault, 330 inscrits, trois fois plus qu’attendu');
      expect(item.link).toBe(`${SITE}/fr/actualites/${RELEASE_SLUG_FR}`);
      // Published by the seed after its 2020 embargo ended: public since its publication.
      // RSS dates (RFC 822) carry whole seconds.
      expect(toSeconds(item.date)).toBe(toSeconds(publishedAt[RELEASE_SLUG_FR]));
      expect(item.image).toMatch(/^https:\/\/cms\.example\/uploads\/.+\.jpg$/);
    });

    it('serves English items with English links, and the channels carry what they say', async () => {
      const news = readFeed(format, (await getText(app.server, `/api/feeds/en/news.${format}`)).body);
      expect(news.language).toBe('en');
      expect(news.items.map((i) => i.link)).toEqual([`${SITE}/en/news/declics-numeriques-shifts-into-second-gear-in-haute-garonne`]);
      const coverage = readFeed(format, (await getText(app.server, `/api/feeds/en/press-coverage.${format}`)).body);
      expect(coverage.items.map((i) => i.link)).toEqual([`${SITE}/en/press-coverage/declics-numeriques-passe-la-deuxieme`]);
      const all = readFeed(format, (await getText(app.server, `/api/feeds/en/all.${format}`)).body);
      expect(all.items).toHaveLength(3);
      const dates = all.items.map((i) => i.date);
      expect(dates).toEqual([...dates].sort().reverse());
    });
  });

  it('refuses an unknown locale (400 naming locale), channel (404) and format (400 naming format) in Strapi error format', async () => {
    const locale = await publicGet(app.server, 'feeds/xx/news.rss');
    expect(locale.status).toBe(400);
    expect(locale.body).toMatchObject({ data: null, error: { status: 400, name: 'ValidationError' } });
    expect(errorPaths(locale.body)).toEqual(['locale']);
    const channel = await publicGet(app.server, 'feeds/fr/gossip.rss');
    expect(channel.status).toBe(404);
    expect(channel.body).toMatchObject({ data: null, error: { status: 404, name: 'NotFoundError' } });
    expect(channel.body.error.message).toContain('news, press-releases, press-coverage, all');
    for (const name of ['news.xml', 'news']) {
      const format = await publicGet(app.server, `feeds/fr/${name}`);
      expect(format.status).toBe(400);
      expect(errorPaths(format.body)).toEqual(['format']);
    }
  });

  it('has the REST routes’ caching: ETag, 304, CDN Cache-Control, and a change shows at once', async () => {
    const first = await getText(app.server, '/api/feeds/fr/news.atom');
    expect(first.headers.etag).toMatch(/^"[A-Za-z0-9_-]{20,}"$/);
    expect(first.headers['cache-control']).toMatch(/^public, max-age=0, s-maxage=\d+/);
    const again = await getText(app.server, '/api/feeds/fr/news.atom', {}, { 'If-None-Match': first.headers.etag });
    expect(again.status).toBe(304);

    const created = await app.editor.create(
      'articles',
      { title: 'Une nouvelle actualité', kind: 'news', standfirst: 'Tout juste publiée.' },
      { locale: 'fr', status: 'published' }
    );
    expect(created.status).toBe(201);
    const after = await getText(app.server, '/api/feeds/fr/news.atom', {}, { 'If-None-Match': first.headers.etag });
    expect(after.status).toBe(200);
    expect(after.headers.etag).not.toBe(first.headers.etag);
    const items = readFeed('atom', after.body).items;
    expect(items[0]).toMatchObject({ title: 'Une nouvelle actualité', link: `${SITE}/fr/actualites/une-nouvelle-actualite` });
  });

  it("copies alternative text with `$&`, `$``, `$'` into the Atom XML as it is (no replacement patterns)", async () => {
    const alt = "Prix $& remis $` puis $' fin";
    const image = await uploadImage(
      app.server,
      app.token,
      { buffer: await makeJpeg(320, 180), name: 'dollars.jpg' },
      { alternativeText: alt }
    );
    expect(image.status).toBe(201);
    const created = await app.editor.create(
      'articles',
      { title: 'Des dollars dans le texte', kind: 'news', cover: { image: image.body[0].id, credit: 'Passerelle' } },
      { locale: 'fr', status: 'published' }
    );
    expect(created.status).toBe(201);
    const response = await getText(app.server, '/api/feeds/fr/news.atom');
    expect(response.status).toBe(200);
    expect(response.body.match(/<feed /g)).toHaveLength(1);
    // Entities decoded, as a feed reader does.
    const parsed = parseXml(response.body, ['entry', 'link'], { decodeHtmlEntities: true });
    const entry = ((parsed.feed as Item).entry as Item[]).find((item) => (item.title as Item)['#text'] === 'Des dollars dans le texte');
    const enclosure = (entry?.link as Item[]).find((link) => link['@rel'] === 'enclosure');
    expect(enclosure?.['@title']).toBe(alt);
  });

  it('stays well-formed XML with a tag "R&D", two `]]>` and a control character in a title', async () => {
    const title = 'Bilan ]]> R&D <b>]]> fin\u0007';
    const created = await app.editor.create(
      'articles',
      { title, kind: 'news', standfirst: 'Chiffres ]]> et <i>notes</i>.', tags: [{ label: 'R&D' }, { label: 'a\u0001b' }] },
      { locale: 'fr', status: 'published' }
    );
    expect(created.status).toBe(201);
    const shown = title.replace('\u0007', '');
    for (const format of ['rss', 'atom'] as const) {
      const response = await getText(app.server, `/api/feeds/fr/news.${format}`);
      expect(response.status).toBe(200);
      const { valid, errors } = await validateXML({
        xml: { fileName: `news.${format}`, contents: response.body },
        normalization: 'format',
      });
      expect({ format, valid, errors }).toEqual({ format, valid: true, errors: [] });
      expect(readFeed(format, response.body).items[0].title).toBe(shown);
    }
    const atom = parseXml((await getText(app.server, '/api/feeds/fr/news.atom')).body, ['entry', 'category']).feed as Item;
    expect(((atom.entry as Item[])[0].category as Item[]).map((category) => category['@term'])).toEqual(['R&D', 'ab']);
    const json = JSON.parse((await getText(app.server, '/api/feeds/fr/news.json')).body) as { items: Item[] };
    expect(json.items[0]).toMatchObject({ title, tags: ['R&D', 'a\u0001b'] });
  });

  it('never lists drafts', async () => {
    await app.editor.create('articles', { title: 'Brouillon secret', kind: 'news' }, { locale: 'fr', status: 'draft' });
    const body = (await getText(app.server, '/api/feeds/fr/all.json')).body;
    expect(body).not.toContain('Brouillon secret');
  });
});

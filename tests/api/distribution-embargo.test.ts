import { publicGet, useServerWithEditor } from '../helpers/api';
import { getText, parseXml } from '../helpers/text';

const EMBARGO = '2031-03-02T08:00:00.000Z';
const BEFORE = '2031-03-02T07:59:59.000Z';
const SITE = 'http://localhost:3000';
const TITLE = 'Communiqué : DéClics Numériques arrive dans le Gard';
const PAGE = `${SITE}/fr/actualites/communique-declics-numeriques-arrive-dans-le-gard`;

type Json = Record<string, unknown>;

describe('embargo on every distribution surface: feeds, sitemap, digest, GraphQL', () => {
  const app = useServerWithEditor({ env: { PASSERELLE_DEMO: 'true', PUBLIC_URL: 'https://cms.example' } });

  const feedLinks = async (format: 'rss' | 'atom' | 'json') => {
    const body = (await getText(app.server, `/api/feeds/fr/press-releases.${format}`)).body as string;
    if (format === 'rss')
      return ((parseXml(body, ['item']).rss as { channel: { item?: Json[] } }).channel.item ?? []).map((i) => String(i.link));
    if (format === 'atom') {
      return ((parseXml(body, ['entry', 'link']).feed as { entry?: Json[] }).entry ?? []).map((e) =>
        String((e.link as Json[]).find((l) => !l['@rel'])?.['@href'])
      );
    }
    return (JSON.parse(body) as { items: Json[] }).items.map((i) => String(i.url));
  };
  const sitemapLocs = async () =>
    (parseXml((await getText(app.server, '/sitemap.xml')).body, ['url']).urlset as { url: Json[] }).url.map((u) => ({
      loc: String(u.loc),
      lastmod: u.lastmod,
    }));
  const digestTitles = async () =>
    ((await publicGet(app.server, 'newsletter/digest', { locale: 'fr', since: '2031-03-01' })).body.data.pressReleases as Json[]).map(
      (i) => i.title
    );
  const graphqlTitles = async () => {
    const response = await app.server
      .http()
      .post('/graphql')
      .send({ query: 'query { articles(locale: "fr", filters: { kind: { eq: "press-release" } }) { title } }' });
    return (response.body.data.articles as Json[]).map((a) => a.title);
  };

  beforeAll(async () => {
    app.server.setNow('2031-03-01T12:00:00.000Z');
    const release = await app.editor.create(
      'articles',
      { title: TITLE, kind: 'press-release', standfirst: 'Une troisième édition.', embargoUntil: EMBARGO },
      { locale: 'fr', status: 'published' }
    );
    expect(release.status).toBe(201);
  });

  describe('one second before the instant', () => {
    beforeAll(() => app.server.setNow(BEFORE));

    it('is absent from the RSS, Atom and JSON feeds', async () => {
      for (const format of ['rss', 'atom', 'json'] as const) {
        const links = await feedLinks(format);
        expect(links).toHaveLength(1);
        expect(links).not.toContain(PAGE);
      }
    });

    it('is absent from the sitemap, the digest and GraphQL', async () => {
      expect((await sitemapLocs()).map((u) => u.loc)).not.toContain(PAGE);
      expect(await digestTitles()).toEqual([]);
      expect(await graphqlTitles()).not.toContain(TITLE);
    });

    it('tells shared caches to keep the feed no longer than the second left', async () => {
      const response = await getText(app.server, '/api/feeds/fr/press-releases.rss');
      expect(response.headers['cache-control']).toBe('public, max-age=0, s-maxage=1, stale-while-revalidate=0, stale-if-error=0');
    });
  });

  describe('at the instant, with nobody acting', () => {
    let etagBefore: string;
    beforeAll(async () => {
      app.server.setNow(BEFORE);
      etagBefore = (await getText(app.server, '/api/feeds/fr/press-releases.atom')).headers.etag;
      app.server.setNow(EMBARGO);
    });

    it('appears first in every feed, dated at the embargo, and the old ETag no longer matches', async () => {
      for (const format of ['rss', 'atom', 'json'] as const) expect((await feedLinks(format))[0]).toBe(PAGE);
      const atom = await getText(app.server, '/api/feeds/fr/press-releases.atom', {}, { 'If-None-Match': etagBefore });
      expect(atom.status).toBe(200);
      const entry = (parseXml(atom.body, ['entry']).feed as { entry: Json[] }).entry[0];
      expect(entry.published).toBe(EMBARGO);
    });

    it('appears in the sitemap with the embargo as lastmod, in the digest and in GraphQL', async () => {
      expect((await sitemapLocs()).find((u) => u.loc === PAGE)).toEqual({ loc: PAGE, lastmod: EMBARGO });
      expect(await digestTitles()).toEqual([TITLE]);
      expect(await graphqlTitles()).toContain(TITLE);
    });
  });
});

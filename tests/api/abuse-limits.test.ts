import { publicGet, useServerWithEditor } from '../helpers/api';
import { checkFallbackLists } from '../helpers/fallbackLists';

const CACHE = 'x-passerelle-cache';
const MAX_ENTRIES = 40;

type CacheStats = { entries: number; bytes: number };

describe('bounded memory and work for one anonymous client', () => {
  // No PUBLIC_URL: answers depend on the Host header, which the client chooses.
  const app = useServerWithEditor({ env: { PUBLIC_URL: undefined, CACHE_RESPONSES_MAX_ENTRIES: String(MAX_ENTRIES) } });
  const cacheStats = () =>
    (app.server.strapi as unknown as { passerelleResponseCache: { stats(): CacheStats } }).passerelleResponseCache.stats();

  describe('query strings', () => {
    it('refuses an unknown parameter on the content type routes with a 400 naming it', async () => {
      for (const path of ['articles', 'articles/slug/nothing', 'manifesto', 'editions']) {
        const response = await publicGet(app.server, path, { locale: 'fr', utm_source: 'newsletter' });
        expect(response.status).toBe(400);
        expect(response.body).toMatchObject({
          data: null,
          error: { status: 400, name: 'ValidationError', message: 'Invalid key utm_source' },
        });
        expect(response.body.error.details).toMatchObject({ key: 'utm_source', source: 'query', param: 'utm_source' });
      }
    });

    it("keeps Strapi's parameters and ours working", async () => {
      const query = {
        locale: 'en',
        fallback: 'true',
        sort: 'title:asc',
        fields: ['title'],
        populate: { cover: true },
        pagination: { page: 1, pageSize: 5 },
        status: 'published',
        filters: { title: { $contains: 'a' } },
      };
      expect((await publicGet(app.server, 'articles', query)).status).toBe(200);
      expect((await publicGet(app.server, 'newsletter/digest', { locale: 'fr', since: '2020-01-01', format: 'text' })).status).toBe(200);
      expect((await publicGet(app.server, 'feeds/fr/news.rss')).status).toBe(200);
    });

    it('gives equivalent query strings one cache entry, whatever the order of their parameters', async () => {
      // One Host for both (each supertest call listens on its own port, and without PUBLIC_URL the Host is part of the key).
      const first = await app.server
        .http()
        .get('/api/articles?locale=fr&sort=title%3Aasc&pagination%5BpageSize%5D=3')
        .set('Host', 'api.test');
      const reordered = await app.server
        .http()
        .get('/api/articles?pagination%5BpageSize%5D=3&sort=title%3Aasc&locale=fr')
        .set('Host', 'api.test');
      expect(first.status).toBe(200);
      expect(reordered.headers[CACHE]).toBe('hit');
      expect(reordered.body).toEqual(first.body);
    });

    it('stores nothing for hundreds of distinct junk parameters, refused or not', async () => {
      const before = cacheStats();
      const paths = ['/api/articles', '/api/feeds/fr/news.rss', '/sitemap.xml', '/api/newsletter/digest?locale=fr&since=2020-01-01&'];
      const answers = new Map<number, number>();
      for (let n = 0; n < 200; n += 1) {
        const base = paths[n % paths.length];
        const response = await app.server.http().get(`${base}${base.endsWith('&') ? '' : '?'}junk${n}=${'x'.repeat(n % 50)}`);
        answers.set(response.status, (answers.get(response.status) ?? 0) + 1);
        expect(response.headers[CACHE]).toBeUndefined();
      }
      // The content type routes refuse; feeds, sitemap and digest read no such parameter and answer, uncached.
      expect(answers.get(400)).toBe(50);
      expect(answers.get(200)).toBe(150);
      expect(cacheStats().entries).toBe(before.entries);
    });

    it('holds at most its entry cap when every request comes with another Host', async () => {
      for (let n = 0; n < 3 * MAX_ENTRIES; n += 1) {
        const response = await app.server.http().get('/api/articles?locale=fr').set('Host', `h${n}.example`);
        expect(response.status).toBe(200);
      }
      expect(cacheStats().entries).toBeLessThanOrEqual(MAX_ENTRIES);
      expect(cacheStats().entries).toBeGreaterThan(MAX_ENTRIES / 2);
    });
  });

  describe('populate depth', () => {
    // article → editions → programme → editions → cover: four levels; its image would be the fifth.
    const fourLevels = { editions: { populate: { programme: { populate: { editions: { populate: { cover: true } } } } } } };
    const fiveLevels = {
      editions: { populate: { programme: { populate: { editions: { populate: { cover: { populate: { image: true } } } } } } } },
    };

    it('accepts four levels and refuses five from a public reader, naming populate', async () => {
      expect((await publicGet(app.server, 'articles', { populate: fourLevels })).status).toBe(200);
      for (const populate of [
        fiveLevels,
        'editions.programme.editions.cover.image',
        ['editions', 'editions.programme.editions.cover.image'],
      ]) {
        const response = await publicGet(app.server, 'articles', { populate });
        expect(response.status).toBe(400);
        expect(response.body.error).toMatchObject({ name: 'ValidationError', details: { errors: [{ path: ['populate'] }] } });
        expect(response.body.error.message).toMatch(/5 levels deep.*at most 4/);
      }
      expect((await publicGet(app.server, 'articles/slug/anything', { populate: fiveLevels })).status).toBe(400);
    });

    it('lets an API token populate deeper', async () => {
      const response = await app.editor.get('articles', { populate: fiveLevels });
      expect(response.status).toBe(200);
    });
  });

  describe('GraphQL cost', () => {
    const graphql = (query: string) => app.server.http().post('/graphql').send({ query });

    it('answers an ordinary query', async () => {
      const response = await graphql('query { articles(locale: "fr") { title slug cover { alternativeText } } }');
      expect(response.status).toBe(200);
      expect(response.body.errors).toBeUndefined();
    });

    it('refuses a query that repeats a list under many aliases, before running it', async () => {
      const aliases = Array.from({ length: 16 }, (_, n) => `a${n}: articles(locale: "fr") { title }`).join(' ');
      const response = await graphql(`query { ${aliases} }`);
      expect(response.status).toBe(400);
      expect(response.body.errors[0]).toMatchObject({ extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } });
      expect(response.body.errors[0].message).toMatch(/Aliases limit of 15 exceeded, found 16/);
      const fifteen = Array.from({ length: 15 }, (_, n) => `a${n}: articles(locale: "fr") { title }`).join(' ');
      expect((await graphql(`query { ${fifteen} }`)).status).toBe(200);
    });

    it('refuses a query whose cost in fields is over the limit', async () => {
      const response = await graphql(`query { articles(locale: "fr") { ${'title '.repeat(4000)} } }`);
      expect(response.status).toBe(400);
      expect(response.body.errors[0].message).toMatch(/Cost limit of 5000 exceeded/);
    });

    it('keeps the depth limit', async () => {
      let nested = 'title';
      for (let n = 0; n < 6; n += 1) nested = `editions { articles { ${nested} } }`;
      const response = await graphql(`query { articles(locale: "fr") { ${nested} } }`);
      expect(response.status).toBe(400);
      expect(response.body.errors).toHaveLength(1);
      expect(response.body.errors[0].message).toMatch(/exceeds maximum operation depth of 10/);
    });
  });

  describe('locale fallback lists', () => {
    checkFallbackLists(app);
  });
});

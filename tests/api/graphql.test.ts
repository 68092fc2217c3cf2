import fc from 'fast-check';
import { createFullAccessToken, useServerWithEditor } from '../helpers/api';
import { listQueries } from '../helpers/graphqlSelection';

type GraphqlResult = { data?: Record<string, unknown>; errors?: Array<{ message: string; extensions?: { code?: string } }> };

const EMBARGO = '2031-03-02T08:00:00.000Z';

describe('GraphQL: same locale, draft and embargo rules as REST', () => {
  const app = useServerWithEditor({ env: { PASSERELLE_DEMO: 'true' } });
  let releaseId: string;
  let editionId: string;

  const query = async (source: string, variables: Record<string, unknown> = {}, token?: string): Promise<GraphqlResult> => {
    const request = app.server.http().post('/graphql').send({ query: source, variables });
    if (token) request.set('Authorization', `Bearer ${token}`);
    const response = await request;
    return response.body as GraphqlResult;
  };
  const titles = (result: GraphqlResult, field: string) => (result.data?.[field] as Array<{ title: string }>).map((a) => a.title).sort();

  beforeAll(async () => {
    app.server.setNow('2031-03-01T12:00:00.000Z');
    const edition = await app.editor.create(
      'editions',
      {
        title: 'Édition GraphQL',
        number: 9,
        territory: { region: 'Occitanie' },
        startDate: '2031-03-01',
        endDate: '2031-03-10',
        format: 'online',
      },
      { locale: 'fr', status: 'published' }
    );
    editionId = edition.body.data.documentId;
    const release = await app.editor.create(
      'articles',
      { title: 'Communiqué GraphQL sous embargo', kind: 'press-release', embargoUntil: EMBARGO, editions: [editionId] },
      { locale: 'fr', status: 'published' }
    );
    expect(release.status).toBe(201);
    releaseId = release.body.data.documentId;
    await app.editor.create('articles', { title: 'Brouillon GraphQL', kind: 'news' }, { locale: 'fr', status: 'draft' });
  });

  it('answers per locale', async () => {
    const fr = await query('query { articles(locale: "fr", sort: "title") { title locale } }');
    expect(fr.errors).toBeUndefined();
    expect(titles(fr, 'articles')).toEqual([
      'Communiqué : DéClics Numériques Hérault, 330 inscrits, trois fois plus qu’attendu',
      'DéClics Numériques passe la deuxième en Haute-Garonne',
    ]);
    const en = await query('query($locale: I18NLocaleCode) { articles(locale: $locale) { title locale } }', { locale: 'en' });
    expect(titles(en, 'articles')).toEqual([
      'DéClics Numériques shifts into second gear in Haute-Garonne',
      'Press release: DéClics Numériques Hérault, 330 registrations, three times more than expected',
    ]);
  });

  it('refuses a locale the CMS does not have with a clear error naming it, as REST does', async () => {
    // A real language the CMS does not publish in, and any string passed as a variable, reach our rule.
    for (const [source, variables] of [
      ['query { articles(locale: "de") { title } }', {}],
      ['query($locale: I18NLocaleCode) { articles(locale: $locale) { title } }', { locale: 'xx' }],
      ['query($locale: I18NLocaleCode) { articles_connection(locale: $locale) { pageInfo { total } } }', { locale: 'xx' }],
    ] as const) {
      const result = await query(source, variables);
      expect(result.data?.articles ?? null).toBeNull();
      expect(result.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
      expect(result.errors?.[0].message).toMatch(/^locale: unknown locale "(de|xx)"; available: en, fr$/);
    }
    // Strapi's own scalar already refuses a literal that is no language at all.
    const literal = await query('query { articles(locale: "xx") { title } }');
    expect(literal.errors?.[0].message).toMatch(/Unknown locale supplied/);
  });

  it('never gives the public a draft, even when asked for status DRAFT', async () => {
    const drafts = await query('query { articles(locale: "fr", status: DRAFT) { title } }');
    expect(drafts.errors).toBeUndefined();
    expect(titles(drafts, 'articles')).not.toContain('Brouillon GraphQL');
  });

  describe('before the embargo', () => {
    it('hides the release from lists, single reads, relations and counts', async () => {
      expect(titles(await query('query { articles(locale: "fr") { title } }'), 'articles')).not.toContain(
        'Communiqué GraphQL sous embargo'
      );
      const single = await query('query($id: ID!) { article(documentId: $id, locale: "fr") { title } }', { id: releaseId });
      expect(single.data?.article).toBeNull();
      const related = await query(
        'query($id: ID!) { edition(documentId: $id, locale: "fr") { title articles { title } articles_connection { nodes { title } } } }',
        { id: editionId }
      );
      expect(related.errors).toBeUndefined();
      expect(related.data?.edition).toEqual({ title: 'Édition GraphQL', articles: [], articles_connection: { nodes: [] } });
      const connection = await query('query { articles_connection(locale: "fr") { pageInfo { total } } }');
      expect(connection.data?.articles_connection).toEqual({ pageInfo: { total: 2 } });
    });

    it('gives drafts to a full-access token (staff preview) only, as REST does; the embargo still holds for it', async () => {
      const token = await createFullAccessToken(app.server, 'graphql-staff');
      const drafts = await query('query { articles(locale: "fr", status: DRAFT) { title } }', {}, token);
      expect(titles(drafts, 'articles')).toContain('Brouillon GraphQL');
      const release = await query('query($id: ID!) { article(documentId: $id, locale: "fr") { title } }', { id: releaseId }, token);
      expect(release.data?.article).toBeNull();
    });
  });

  describe('at the instant', () => {
    beforeAll(() => app.server.setNow(EMBARGO));

    it('shows the release everywhere, without anyone acting', async () => {
      expect(titles(await query('query { articles(locale: "fr") { title } }'), 'articles')).toContain('Communiqué GraphQL sous embargo');
      const related = await query('query($id: ID!) { edition(documentId: $id, locale: "fr") { articles { title } } }', { id: editionId });
      expect(related.data?.edition).toEqual({ articles: [{ title: 'Communiqué GraphQL sous embargo' }] });
    });
  });

  it('is a Content API request: a GET query gets the REST routes’ ETag and 304', async () => {
    const path = `/graphql?query=${encodeURIComponent('{ partners(locale: "fr", sort: "name") { name } }')}`;
    const first = await app.server.http().get(path).set('apollo-require-preflight', 'true');
    expect(first.status).toBe(200);
    expect(first.headers.etag).toMatch(/^"[A-Za-z0-9_-]{20,}"$/);
    const second = await app.server.http().get(path).set('apollo-require-preflight', 'true').set('If-None-Match', first.headers.etag);
    expect(second.status).toBe(304);
  });

  it('tells caches not to store a POST answer, an error or a reader’s answer; a public GET answer gets the REST headers', async () => {
    const source = '{ partners(locale: "fr", sort: "name") { name } }';
    const posted = await app.server.http().post('/graphql').send({ query: source });
    expect(posted.status).toBe(200);
    expect(posted.headers['cache-control']).toBe('no-store');
    const refused = await app.server.http().post('/graphql').send({ query: '{ nope }' });
    expect(refused.status).toBe(400);
    expect(refused.headers['cache-control']).toBe('no-store');
    const badGet = await app.server
      .http()
      .get(`/graphql?query=${encodeURIComponent('{ nope }')}`)
      .set('apollo-require-preflight', 'true');
    expect(badGet.status).toBe(400);
    expect(badGet.headers['cache-control']).toBe('no-store');
    const token = await createFullAccessToken(app.server, 'graphql-cache-headers');
    const staffGet = await app.server
      .http()
      .get(`/graphql?query=${encodeURIComponent(source)}`)
      .set('apollo-require-preflight', 'true')
      .set('Authorization', `Bearer ${token}`);
    expect(staffGet.status).toBe(200);
    expect(staffGet.headers['cache-control']).toMatch(/private|no-store/);
    const publicGet = await app.server
      .http()
      .get(`/graphql?query=${encodeURIComponent(source)}`)
      .set('apollo-require-preflight', 'true');
    expect(publicGet.headers['cache-control']).toMatch(/^public, /);
  });

  it('keeps the playground for development only', () => {
    expect(app.server.strapi.config.get('plugin::graphql.landingPage')).toBe(true);
    const plugins = require('../../dist/config/plugins.js').default as (p: { env: unknown }) => {
      graphql: { config: { landingPage: boolean } };
    };
    const env = Object.assign((name: string, fallback?: string) => (name === 'NODE_ENV' ? 'production' : (process.env[name] ?? fallback)), {
      int: (_: string, fallback: number) => fallback,
      bool: (_: string, fallback: boolean) => fallback,
    });
    expect(plugins({ env }).graphql.config.landingPage).toBe(false);
  });

  describe('fields read from their parent, without Strapi’s wrapper (graphqlPlainFields)', () => {
    const strapi = () => app.server.strapi;

    const setPlainFields = (on: boolean) => strapi().config.set('plugin::public-api.graphqlPlainFields', on);
    afterAll(() => setPlainFields(true));

    it('answers what Strapi’s wrapped resolvers answer, for every field of every type, public and staff, at random pages (fast-check)', async () => {
      const token = await createFullAccessToken(app.server);
      const queries = listQueries(strapi());
      expect(queries.length).toBeGreaterThan(5);
      let answered = 0;
      await fc.assert(
        fc.asyncProperty(
          fc.integer({ min: 0, max: queries.length - 1 }),
          fc.constantFrom('fr', 'en'),
          fc.integer({ min: 1, max: 2 }),
          fc.integer({ min: 1, max: 5 }),
          fc.boolean(),
          async (index, locale, page, pageSize, asStaff) => {
            const { root, fields, localized } = queries[index];
            const source = `{ ${root}(${localized ? `locale: "${locale}", ` : ''}pagination: { page: ${page}, pageSize: ${pageSize} }) { ${fields} } }`;
            setPlainFields(true);
            const direct = await query(source, {}, asStaff ? token : undefined);
            setPlainFields(false);
            const wrapped = await query(source, {}, asStaff ? token : undefined);
            expect({ source, errors: direct.errors }).toEqual({ source, errors: undefined });
            expect({ source, answer: direct }).toEqual({ source, answer: wrapped });
            if ((direct.data?.[root] as unknown[]).length > 0) answered += 1;
          }
        ),
        { numRuns: 40 }
      );
      // The lists were not all empty (else this test would compare nothing).
      expect(answered).toBeGreaterThan(10);
    });
  });
});

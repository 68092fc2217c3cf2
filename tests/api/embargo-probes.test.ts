import { errorPaths, publicGet, queryString, useServerWithEditor } from '../helpers/api';

// The journalists' permission (config/plugins.ts → visibility.embargo.readerAction).
const READ_EMBARGOED_ACTION = 'api::article.article.embargoed';

/**
 * The probes a curious outsider tried (issue #11), on the demo content with an embargoed release
 * linked to an edition and a partner: each answers as if the release, a draft translation and the
 * hidden contact details did not exist. A journalist's embargo token still finds the release.
 */
type Json = Record<string, unknown>;

const EMBARGO = '2031-06-01T08:00:00.000Z';
const NOW = '2031-05-01T12:00:00.000Z';

describe('probing an embargo, a draft and contact details', () => {
  const app = useServerWithEditor({ env: { PASSERELLE_DEMO: 'true' } });
  let journalistToken: string;
  let readOnlyToken: string;
  let publicSlug: string;

  const total = async (path: string, query: Json, token?: string) => {
    const request = app.server.http().get(`/api/${path}?${queryString(query)}`);
    const response = await (token ? request.set('Authorization', `Bearer ${token}`) : request);
    expect(response.status).toBe(200);
    return response.body.meta.pagination.total as number;
  };
  const graphql = async (query: string) =>
    (await app.server.http().post('/graphql').send({ query })).body as { data?: Json; errors?: Array<{ message: string }> };

  beforeAll(async () => {
    app.server.setNow(NOW);
    const { strapi } = app.server;
    const edition = (await strapi.documents('api::edition.edition').findFirst({ locale: 'fr', status: 'published' } as never)) as {
      documentId: string;
    };
    const partner = (await strapi.documents('api::partner.partner').findFirst({ locale: 'fr', status: 'published' } as never)) as {
      documentId: string;
    };
    const release = await app.editor.create(
      'articles',
      {
        title: 'Fusion secrète Zorglub',
        kind: 'press-release',
        embargoUntil: EMBARGO,
        editions: [edition.documentId],
        partners: [partner.documentId],
      },
      { locale: 'fr', status: 'published' }
    );
    expect(release.status).toBe(201);

    // A public article whose English translation exists only as a draft.
    const news = await app.editor.create(
      'articles',
      { title: 'Actualité traduite plus tard', kind: 'news' },
      { locale: 'fr', status: 'published' }
    );
    publicSlug = news.body.data.slug;
    await strapi
      .documents('api::article.article')
      .update({ documentId: news.body.data.documentId, locale: 'en', data: { title: 'Secret draft translation' } } as never);

    const tokens = strapi.service('admin::api-token');
    journalistToken = (
      (await tokens.create({
        name: 'Journalistes (sondes)',
        type: 'custom',
        lifespan: null,
        permissions: ['api::article.article.find', 'api::article.article.findOne', READ_EMBARGOED_ACTION],
      })) as { accessKey: string }
    ).accessKey;
    readOnlyToken = ((await tokens.create({ name: 'Site (sondes)', type: 'read-only', lifespan: null })) as { accessKey: string })
      .accessKey;
  });

  it('finds nothing through a relation filter on the release, on REST', async () => {
    for (const [path, filters] of [
      ['editions', { articles: { title: { $startsWith: 'Fusion' } } }],
      ['partners', { articles: { title: { $startsWith: 'Fusion' } } }],
      ['articles', { editions: { articles: { title: { $startsWith: 'Fusion' } } } }],
      ['editions', { articles: { embargoUntil: { $gt: '2031-05-01T12:01:00.000Z' } } }],
      ['editions', { $and: [{ articles: { title: { $startsWith: 'Fusion' } } }] }],
      ['articles', { localizations: { title: { $startsWith: 'Secret' } } }],
    ] as const) {
      expect({ path, filters, total: await total(path, { locale: 'fr', filters }) }).toEqual({ path, filters, total: 0 });
    }
  });

  it('finds nothing through GraphQL root or nested filters, and refuses relation filters on relation fields', async () => {
    const root = await graphql('{ editions(locale: "fr", filters: { articles: { title: { startsWith: "Fusion" } } }) { title } }');
    expect(root.data?.editions).toEqual([]);
    const counted = await graphql(
      '{ editions_connection(locale: "fr", filters: { articles: { title: { startsWith: "Fusion" } } }) { pageInfo { total } } }'
    );
    expect(counted.data?.editions_connection).toEqual({ pageInfo: { total: 0 } });
    const nested = await graphql(
      '{ partners(locale: "fr") { articles(filters: { editions: { title: { startsWith: "É" } } }) { title } } }'
    );
    expect(nested.errors?.[0]?.message).toMatch(/editions/);
    const sorted = await graphql('{ partners(locale: "fr") { articles(sort: "editions.title") { title } } }');
    expect(sorted.errors?.[0]?.message).toMatch(/editions/);
  });

  it('refuses a sort through a relation, naming the field', async () => {
    const response = await publicGet(app.server, 'editions', { locale: 'fr', sort: 'articles.title' });
    expect(response.status).toBe(400);
    expect(errorPaths(response.body)).toEqual(['sort.articles']);
  });

  it('lists only published translations in meta.alternates, whatever status the client asks', async () => {
    for (const status of ['draft', 'published']) {
      const response = await publicGet(app.server, `articles/slug/${publicSlug}`, { locale: 'fr', status });
      expect(response.status).toBe(200);
      expect(response.body.meta.alternates).toEqual([]);
      expect(JSON.stringify(response.body)).not.toContain('secret-draft');
    }
  });

  it('refuses filters, sorts and searches on hidden contact details, naming the field', async () => {
    for (const [path, query, named] of [
      ['people', { filters: { email: { $startsWith: 'a' } } }, 'filters.email'],
      ['people', { filters: { $or: [{ phone: { $startsWith: '+33' } }] } }, 'filters.$or.0.phone'],
      ['articles', { filters: { pressContacts: { phone: { $startsWith: '+336' } } } }, 'filters.pressContacts.phone'],
      ['people', { sort: 'email' }, 'sort.email'],
      ['people', { _q: 'gmail' }, '_q'],
      ['articles', { populate: { pressContacts: { filters: { email: { $contains: '@' } } } } }, 'populate.pressContacts.filters.email'],
    ] as const) {
      const response = await publicGet(app.server, path, { locale: 'fr', ...query });
      expect({ path, status: response.status, named: errorPaths(response.body) }).toEqual({ path, status: 400, named: [named] });
    }
  });

  it('lets a journalist embargo token read and filter on the release; a read-only token does not', async () => {
    const byTitle = { locale: 'fr', filters: { title: { $startsWith: 'Fusion' } } };
    // Through a relation the token may read (its own type): the rewrite keeps what this reader may see.
    const throughRelation = { locale: 'fr', filters: { localizations: { title: { $startsWith: 'Fusion' } } } };
    expect(await total('articles', byTitle, journalistToken)).toBe(1);
    expect(await total('articles', throughRelation, journalistToken)).toBe(1);
    expect(await total('articles', byTitle, readOnlyToken)).toBe(0);
    expect(await total('articles', throughRelation, readOnlyToken)).toBe(0);
    expect(await total('articles', byTitle)).toBe(0);
  });
});

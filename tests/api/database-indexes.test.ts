import { bootStrapi, type TestServer } from '../helpers/strapi';

type Row = Record<string, unknown>;

describe('indexes behind the public routes', () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await bootStrapi();
  });
  afterAll(async () => {
    await server?.destroy();
  });

  const raw = async (sql: string, bindings: unknown[] = []) =>
    (await server.strapi.db.connection.raw(sql, bindings as never)) as unknown as Row[];

  it.each([
    ['articles', ['articles_slug_locale_pub_idx', 'articles_locale_pub_idx', 'articles_embargo_until_idx', 'articles_visible_from_idx']],
    ['press_coverages', ['press_coverages_slug_locale_pub_idx', 'press_coverages_locale_publication_date_idx']],
    ['editions', ['editions_slug_locale_pub_idx', 'editions_start_date_end_date_idx']],
    ['partners', ['partners_slug_locale_pub_idx']],
    ['programmes', ['programmes_slug_locale_pub_idx']],
  ])('exist on %s', async (table, expected) => {
    const indexes = (await raw(`PRAGMA index_list(${table})`)).map((row) => row.name);
    expect(indexes).toEqual(expect.arrayContaining(expected));
  });

  it.each(['articles', 'press_coverages', 'editions', 'partners', 'programmes'])(
    'include a unique slug index per locale and publication state on %s',
    async (table) => {
      const index = (await raw(`PRAGMA index_list(${table})`)).find((row) => row.name === `${table}_slug_unique_idx`);
      expect(index).toMatchObject({ unique: 1 });
      const [definition] = await raw("SELECT sql FROM sqlite_master WHERE type = 'index' AND name = ?", [`${table}_slug_unique_idx`]);
      expect(String(definition.sql)).toMatch(/\(`?slug`?, `?locale`?, \(`?published_at`? IS NULL\)\)/);
    }
  );

  it('are used by the slug lookup the REST route runs', async () => {
    const plan = await raw(
      'EXPLAIN QUERY PLAN SELECT id FROM articles WHERE slug = ? AND locale = ? AND published_at IS NOT NULL LIMIT 1',
      ['declics', 'fr']
    );
    expect(plan.map((row) => String(row.detail)).join('\n')).toMatch(/USING (COVERING )?INDEX articles_slug_locale_pub_idx/);
  });

  it('answer the count of a public list page from the index alone, embargo included', async () => {
    const plan = await raw(
      'EXPLAIN QUERY PLAN SELECT count(id) FROM articles WHERE published_at IS NOT NULL AND locale = ? AND (embargo_until IS NULL OR embargo_until <= ?) AND (visible_from IS NULL OR visible_from <= ?)',
      ['fr', '2030-01-01T00:00:00.000Z', '2030-01-01T00:00:00.000Z']
    );
    expect(plan.map((row) => String(row.detail)).join('\n')).toMatch(/USING COVERING INDEX articles_locale_pub_idx/);
  });

  it('survive a second boot unchanged', async () => {
    const before = await raw('PRAGMA index_list(articles)');
    await server.stop();
    server = await bootStrapi({ databaseFile: server.databaseFile });
    const after = await raw('PRAGMA index_list(articles)');
    expect(after.map((r) => r.name).sort()).toEqual(before.map((r) => r.name).sort());
  });
});

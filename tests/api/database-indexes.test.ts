import { bootStrapi, type TestServer } from '../helpers/strapi';
import { createTestDatabase, POSTGRES_URL } from '../helpers/postgres';

type Row = Record<string, unknown>;
type Query = { sql: string; bindings: unknown[] };

/** Every collection type of the app's, from the schemas at run time: each has a public list whose default order must use an index. */
const listedTypes = (server: TestServer) =>
  Object.values(server.strapi.contentTypes)
    .filter((type) => type.uid.startsWith('api::') && type.kind === 'collectionType')
    .map((type) => ({ table: String(type.collectionName), path: type.info.pluralName }));

/**
 * The row query of a deep page of a type's default list (`ORDER BY id`, the locale, the published
 * condition and the visibility conditions), exactly as Strapi sends it: captured from knex's query
 * events while the REST route answers.
 */
const defaultListQuery = async (server: TestServer, table: string, path: string): Promise<Query> => {
  const seen: Query[] = [];
  const listener = (query: Query) => seen.push({ sql: query.sql, bindings: query.bindings });
  server.strapi.db.connection.on('query', listener);
  try {
    const response = await server.http().get(`/api/${path}?locale=fr&pagination[page]=400&pagination[pageSize]=25`);
    expect(response.status).toBe(200);
  } finally {
    server.strapi.db.connection.off('query', listener);
  }
  // PostgreSQL names the schema too: `from "public"."articles"`.
  const from = new RegExp(`from ([\`"]\\w+[\`"]\\.)?[\`"]${table}[\`"]`, 'i');
  const list = seen.find((query) => from.test(query.sql) && /order by/i.test(query.sql) && /offset/i.test(query.sql));
  if (!list) throw new Error(`no list query on ${table} among:\n${seen.map((query) => query.sql).join('\n')}`);
  expect(list.sql).toMatch(/order by [`"]?t0[`"]?\.[`"]?id[`"]? asc/i);
  return list;
};

// The Document Service's own list queries are what these indexes serve (any list the read model does not
// answer: filters, sort, tokens, a model being rebuilt), so the read model's serving is off here; its own
// list query has a plan test in read-model-lists-equivalence.test.ts.
const SLOW_PATH = { READ_MODEL_SERVE: 'false' };

describe('indexes behind the public routes', () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await bootStrapi({ env: SLOW_PATH });
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

  it('serve the default list order and its deep pages of every type without sorting (no temp B-tree)', async () => {
    const types = listedTypes(server);
    expect(types.length).toBeGreaterThanOrEqual(6);
    for (const { table, path } of types) {
      const { sql, bindings } = await defaultListQuery(server, table, path);
      const plan = (await raw(`EXPLAIN QUERY PLAN ${sql}`, bindings)).map((row) => String(row.detail)).join('\n');
      expect([table, plan]).toEqual([
        table,
        expect.stringMatching(new RegExp(`USING (COVERING )?INDEX ${table}_locale_id_idx \\(locale=\\?\\)`)),
      ]);
      expect([table, plan]).toEqual([table, expect.not.stringMatching(/TEMP B-TREE/)]);
    }
  });

  it("leave no index of the read model's rows a leading part of a wider one, unless it is unique", async () => {
    // The planner takes the narrower index and reads from the table what the wider one holds: the
    // visibility columns of every row a deep page skips (src/plugins/read-model/server/tables.ts).
    const indexes = (await raw('PRAGMA index_list(passerelle_read_model)')).filter((index) => Number(index.partial) === 0);
    const columnsOf = async (name: unknown) =>
      (await raw(`PRAGMA index_info(${String(name)})`)).sort((a, b) => Number(a.seqno) - Number(b.seqno)).map((row) => String(row.name));
    const defined = await Promise.all(
      indexes.map(async (index) => ({ name: String(index.name), unique: Number(index.unique), columns: await columnsOf(index.name) }))
    );
    expect(defined.length).toBeGreaterThanOrEqual(5);
    const covered = defined.flatMap((narrow) =>
      defined
        .filter(
          (wide) =>
            wide.name !== narrow.name &&
            narrow.unique === 0 &&
            wide.columns.length > narrow.columns.length &&
            narrow.columns.every((column, position) => wide.columns[position] === column)
        )
        .map((wide) => `${narrow.name} leads ${wide.name}`)
    );
    expect(covered).toEqual([]);
  });

  it('survive a second boot unchanged', async () => {
    const before = await raw('PRAGMA index_list(articles)');
    await server.stop();
    server = await bootStrapi({ databaseFile: server.databaseFile });
    const after = await raw('PRAGMA index_list(articles)');
    expect(after.map((r) => r.name).sort()).toEqual(before.map((r) => r.name).sort());
  });
});

(POSTGRES_URL ? describe : describe.skip)('the default list order on PostgreSQL', () => {
  let server: TestServer;
  let database: Awaited<ReturnType<typeof createTestDatabase>> | undefined;
  beforeAll(async () => {
    database = await createTestDatabase();
    server = await bootStrapi({ env: { ...SLOW_PATH, DATABASE_CLIENT: 'postgres', DATABASE_URL: database.url } });
  });
  afterAll(async () => {
    await server?.stop();
    await database?.drop();
  });

  it('is read from the (locale, id, …) index of every type, in order, with sorting ruled out', async () => {
    const types = listedTypes(server);
    expect(types.length).toBeGreaterThanOrEqual(6);
    for (const { table, path } of types) {
      const { sql, bindings } = await defaultListQuery(server, table, path);
      // With sorting priced out, a plan can only avoid a Sort node by reading an index in id order within the locale.
      const plan = await server.strapi.db.connection.transaction(async (trx) => {
        await trx.raw('SET LOCAL enable_sort = off');
        // knex reports PostgreSQL's numbered placeholders ($1, $2…, in order); raw() takes `?`.
        const result = (await trx.raw(`EXPLAIN ${sql.replace(/\$\d+/g, '?')}`, bindings as never)) as unknown as {
          rows: Array<Record<string, string>>;
        };
        return result.rows.map((row) => row['QUERY PLAN']).join('\n');
      });
      expect([table, plan]).toEqual([table, expect.stringMatching(new RegExp(`Index Scan using ${table}_locale_id_idx`))]);
      expect([table, plan]).toEqual([table, expect.not.stringMatching(/Sort/)]);
    }
  });
});

import { createFullAccessToken, editorClient, publicGet } from '../helpers/api';
import { type TestServer } from '../helpers/strapi';
import { databasesWithRawAccess, restartableServer } from '../helpers/databasesWithRawAccess';

/**
 * The search index is kept in step by the Document Service. A write around it (a script through the
 * query engine or raw SQL, another process, `strapi import`, a tool while no instance runs) must never
 * be answered over: a document unpublished, deleted or put under embargo that way is not found, not
 * counted, from the next search on. The tables the index reads are found from the schemas, so that a
 * new indexed type or component is covered without editing this test.
 */
const ENV = { CACHE_RESPONSES_MAX_MB: '0', PASSERELLE_DEMO: 'true', DEMO_ADMIN_PASSWORD: 'Demo-password-1' };

type Schema = { collectionName: string; attributes: Record<string, { type: string; component?: string; components?: string[] }> };
type SearchBody = { data: Array<{ documentId: string; title: string }>; meta: { pagination: { total: number } } };

/** Tables holding what the index reads: each indexed type's, its components' at any depth, and their links (`*_cmps`). */
const indexedTables = (server: TestServer): string[] => {
  const { strapi } = server;
  const schemas = { ...strapi.contentTypes, ...strapi.components } as unknown as Record<string, Schema>;
  const tables = new Set<string>();
  const visit = (uid: string) => {
    const schema = schemas[uid];
    if (tables.has(schema.collectionName)) return;
    tables.add(schema.collectionName);
    const components = Object.values(schema.attributes).flatMap((attribute) =>
      attribute.type === 'component'
        ? [attribute.component as string]
        : attribute.type === 'dynamiczone'
          ? (attribute.components ?? [])
          : []
    );
    if (components.length > 0) tables.add(`${schema.collectionName}_cmps`);
    components.forEach(visit);
  };
  for (const { uid } of strapi.config.get<{ types: Array<{ uid: string }> }>('plugin::search').types) visit(uid);
  return [...tables].sort();
};

/** Notes of writes made around the Document Service, not yet caught up with. */
const notesLeft = async (server: TestServer) =>
  Number(((await server.strapi.db.connection('search_index_writes').count('id as count').first()) as { count: number | string }).count);

const catchUp = (server: TestServer) => server.strapi.plugin('search').service<{ catchUp(): Promise<void> }>('search').catchUp();

const searchFor = async (server: TestServer, q: string) => {
  const response = await publicGet(server, 'search', { q, locale: 'fr' });
  return { status: response.status, body: response.body as SearchBody, headers: response.headers };
};

/** The same search in GraphQL: the hits' documents, or the error that says to come back. */
const graphqlSearchFor = async (server: TestServer, q: string) => {
  const response = await server
    .http()
    .post('/graphql')
    .send({ query: `{ search(q: ${JSON.stringify(q)}, locale: "fr") { hits { documentId } pagination { total } } }` });
  return response.body as {
    data?: { search: { hits: Array<{ documentId: string }>; pagination: { total: number } } | null } | null;
    errors?: Array<{ extensions?: { code?: string } }>;
  };
};

/** A search just after a write around, in REST and GraphQL: the document is neither found nor counted (caught up first), or the search says to come back. */
const expectNotFound = async (server: TestServer, q: string, documentId: string) => {
  const viaGraphql = await graphqlSearchFor(server, q);
  if (viaGraphql.errors) expect(viaGraphql.errors.map((error) => error.extensions?.code)).toEqual(['STRAPI_SERVICE_UNAVAILABLE_ERROR']);
  else expect(viaGraphql.data?.search).toEqual({ hits: [], pagination: { total: 0 } });
  expect(JSON.stringify(viaGraphql)).not.toContain(documentId);
  const { status, body, headers } = await searchFor(server, q);
  if (status === 503) {
    expect(body).toMatchObject({ data: null, error: { status: 503, name: 'ServiceUnavailableError' } });
    expect(headers['retry-after']).toBeDefined();
    expect(headers['cache-control']).toBe('no-store');
    return;
  }
  expect(status).toBe(200);
  expect(body.data.map((hit) => hit.documentId)).not.toContain(documentId);
  expect(body.meta.pagination.total).toBe(0);
};

describe.each(databasesWithRawAccess())('search index, on $name: writes around the Document Service', (database) => {
  const { boot, stop, databaseFile } = restartableServer(database, ENV);
  const publishArticle = async (app: TestServer, title: string) => {
    const editor = editorClient(app, await createFullAccessToken(app));
    const created = await editor.create('articles', { title, kind: 'news' }, { locale: 'fr', status: 'published' });
    expect(created.status).toBe(201);
    return created.body.data.documentId as string;
  };

  it('answers no search over a write through the query engine, raw SQL or another process, on every table the index reads', async () => {
    const app = await boot();
    await catchUp(app);
    const documentId = await publishArticle(app, 'Escale à Zanzibar');
    // The Document Service's own write leaves no note: the index stays in step. Nor does a clone, whose
    // drafts editorial-rules gives their slugs through the query engine once the clone is written.
    expect(await notesLeft(app)).toBe(0);
    await app.strapi.documents('api::article.article').clone({ documentId, locale: 'fr', data: {} } as never);
    expect(await notesLeft(app)).toBe(0);
    expect((await searchFor(app, 'zanzibar')).body.data.map((hit) => hit.documentId)).toEqual([documentId]);

    // A script puts the release under embargo through the query engine, around the Document Service.
    await app.strapi.db
      .query('api::article.article')
      .updateMany({ where: { documentId }, data: { kind: 'press-release', embargoUntil: new Date(Date.now() + 86_400_000) } });
    await expectNotFound(app, 'zanzibar', documentId);
    await catchUp(app);
    await expectNotFound(app, 'zanzibar', documentId);
    expect((await searchFor(app, 'zanzibar')).status).toBe(200);

    // Another process unpublishes a second article with raw SQL while this instance serves.
    const secondId = await publishArticle(app, 'Retour de Tombouctou');
    expect((await searchFor(app, 'tombouctou')).body.meta.pagination.total).toBe(1);
    const raw = database.rawConnection(app);
    try {
      await raw('articles').where({ document_id: secondId }).whereNotNull('published_at').delete();
    } finally {
      await raw.destroy();
    }
    await expectNotFound(app, 'tombouctou', secondId);
    await catchUp(app);

    // Every table the index reads, found from the schemas, is watched: a write to any row of one makes
    // the index catch up before a search answers from it.
    const tables = indexedTables(app);
    expect(tables.length).toBeGreaterThan(5);
    const connection = app.strapi.db.connection;
    let written = 0;
    for (const table of tables) {
      expect({ table, exists: await connection.schema.hasTable(table) }).toEqual({ table, exists: true });
      // Of a type's own table, a published row: only published versions are indexed, and a draft's write is not noted.
      const rows = (await connection.schema.hasColumn(table, 'published_at'))
        ? connection(table).whereNotNull('published_at')
        : connection(table);
      const first = (await rows.min({ id: 'id' }).first()) as { id: number | null } | undefined;
      if (first?.id === null || first?.id === undefined) continue;
      await connection(table).where({ id: first.id }).update({ id: first.id });
      expect({ table, notes: (await notesLeft(app)) > 0 }).toEqual({ table, notes: true });
      await catchUp(app);
      expect(await notesLeft(app)).toBe(0);
      written += 1;
    }
    // The demo's content fills most of them.
    expect(written).toBeGreaterThan(tables.length / 2);

    // An instance that cannot catch up (it is stopping) says so rather than answer from the index.
    await app.strapi.plugin('search').service<{ stopCatchingUp(): Promise<void> }>('search').stopCatchingUp();
    await connection('articles').where({ document_id: documentId }).update({ title: 'Escale à Zanzibar, revue' });
    const refused = await searchFor(app, 'zanzibar');
    expect({ status: refused.status, retryAfter: refused.headers['retry-after'], cacheControl: refused.headers['cache-control'] }).toEqual({
      status: 503,
      retryAfter: '5',
      cacheControl: 'no-store',
    });
    expect(refused.body).toMatchObject({ data: null, error: { status: 503, name: 'ServiceUnavailableError' } });
    expect((await graphqlSearchFor(app, 'zanzibar')).errors?.map((error) => error.extensions?.code)).toEqual([
      'STRAPI_SERVICE_UNAVAILABLE_ERROR',
    ]);
    await stop();
  }, 240000);

  it('does not find what raw SQL unpublished while no instance ran', async () => {
    let app = await boot();
    await catchUp(app);
    const documentId = await publishArticle(app, 'Halte à Samarcande');
    expect((await searchFor(app, 'samarcande')).body.meta.pagination.total).toBe(1);
    await stop();

    const raw = database.rawConnection({ databaseFile: databaseFile() });
    try {
      await raw('articles').where({ document_id: documentId }).whereNotNull('published_at').delete();
    } finally {
      await raw.destroy();
    }

    app = await boot();
    await expectNotFound(app, 'samarcande', documentId);
    await catchUp(app);
    await expectNotFound(app, 'samarcande', documentId);
    expect((await searchFor(app, 'samarcande')).status).toBe(200);
  }, 240000);
});

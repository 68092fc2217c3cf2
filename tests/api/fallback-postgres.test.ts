import { bootStrapi, type TestServer } from '../helpers/strapi';
import { createFullAccessToken, editorClient, type EditorClient } from '../helpers/api';
import { createTestDatabase, POSTGRES_URL } from '../helpers/postgres';
import { checkFallbackLists } from '../helpers/fallbackLists';

/** Fallback lists are cut by SQL (a document-id subquery, limits and counts): the same checks on PostgreSQL. */
const describeOnPostgres = POSTGRES_URL ? describe : describe.skip;

describeOnPostgres('locale fallback lists on PostgreSQL', () => {
  const app = {} as { server: TestServer; editor: EditorClient };
  let database: Awaited<ReturnType<typeof createTestDatabase>>;

  beforeAll(async () => {
    database = await createTestDatabase();
    app.server = await bootStrapi({
      env: { DATABASE_CLIENT: 'postgres', DATABASE_URL: database.url, PUBLIC_URL: 'https://api.passerelle.test' },
    });
    app.editor = editorClient(app.server, await createFullAccessToken(app.server));
  });
  afterAll(async () => {
    await app.server?.stop();
    await database?.drop();
  });

  checkFallbackLists(app);
});

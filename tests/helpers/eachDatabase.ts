import { bootStrapi, type TestServer } from './strapi';
import { createTestDatabase, POSTGRES_URL } from './postgres';
import { createFullAccessToken, editorClient, type EditorClient } from './api';

export type DatabaseKind = 'SQLite' | 'PostgreSQL';

/**
 * The same checks on a fresh SQLite file and on a fresh PostgreSQL database (skipped where
 * TEST_POSTGRES_URL is not set; CI sets it): `<title>, on SQLite` and `<title>, on PostgreSQL`.
 * `checks` reads the booted server through its getter, inside tests.
 */
export const describeOnEachDatabase = (
  title: string,
  checks: (server: () => TestServer, database: DatabaseKind) => void,
  env: Record<string, string | undefined> = {}
): void => {
  describe(`${title}, on SQLite`, () => {
    let server: TestServer;
    beforeAll(async () => {
      server = await bootStrapi({ env });
    });
    afterAll(async () => {
      server?.setNow();
      await server?.destroy();
    });
    checks(() => server, 'SQLite');
  });

  (POSTGRES_URL ? describe : describe.skip)(`${title}, on PostgreSQL`, () => {
    let server: TestServer;
    let database: Awaited<ReturnType<typeof createTestDatabase>> | undefined;
    beforeAll(async () => {
      database = await createTestDatabase();
      server = await bootStrapi({ env: { ...env, DATABASE_CLIENT: 'postgres', DATABASE_URL: database.url } });
    });
    afterAll(async () => {
      server?.setNow();
      await server?.stop();
      await database?.drop();
    });
    checks(() => server, 'PostgreSQL');
  });
};

export type EditorApp = { server: TestServer; editor: EditorClient };

/**
 * `describeOnEachDatabase` with a full-access editor client: the checks read `app().server` and
 * `app().editor` inside tests.
 */
export const describeWithEditorOnEachDatabase = (
  title: string,
  checks: (app: () => EditorApp, database: DatabaseKind) => void,
  env: Record<string, string | undefined> = {}
): void =>
  describeOnEachDatabase(
    title,
    (server, database) => {
      const app = {} as EditorApp;
      beforeAll(async () => {
        app.server = server();
        app.editor = editorClient(app.server, await createFullAccessToken(app.server));
      });
      describe('as an editor', () => checks(() => app, database));
    },
    env
  );

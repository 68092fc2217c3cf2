import qs from 'qs';
import { bootStrapi, type TestServer } from './strapi';

type Json = Record<string, unknown>;

/** A full-access API token, as a site's build server or an integration would hold. */
export const createFullAccessToken = async (server: TestServer, name = 'tests-full-access'): Promise<string> => {
  const token = (await server.strapi.service('admin::api-token').create({
    name: `${name}-${Date.now()}-${Math.random().toString(36).slice(2, 8)}`,
    type: 'full-access',
    lifespan: null,
  })) as { accessKey: string };
  return token.accessKey;
};

/** Content API calls made by a staff integration (full-access token). */
export const editorClient = (server: TestServer, token: string) => {
  const auth = { Authorization: `Bearer ${token}` };
  return {
    create: (path: string, data: Json, query: Json = {}) => server.http().post(`/api/${path}`).query(query).set(auth).send({ data }),
    update: (path: string, documentId: string, data: Json, query: Json = {}) =>
      server.http().put(`/api/${path}/${documentId}`).query(query).set(auth).send({ data }),
    get: (path: string, query: Json = {}) =>
      server
        .http()
        .get(`/api/${path}?${queryString(query)}`)
        .set(auth),
    remove: (path: string, query: Json = {}) => server.http().delete(`/api/${path}`).query(query).set(auth),
  };
};

export type EditorClient = ReturnType<typeof editorClient>;

/** Query strings built the way `@strapi/client` and Strapi's docs build them. */
export const queryString = (query: Json): string => qs.stringify(query, { encodeValuesOnly: true });

/** Calls with no token at all: what the Public role may see. */
export const publicGet = (server: TestServer, path: string, query: Json = {}) => server.http().get(`/api/${path}?${queryString(query)}`);

/** The field paths that a Strapi ValidationError names. */
export const errorPaths = (body: { error?: { details?: { errors?: Array<{ path: string[] }> } } }): string[] =>
  (body.error?.details?.errors ?? []).map((error) => error.path.join('.'));

/**
 * Boots Strapi for the enclosing `describe` with a full-access editor client, and stops it after.
 * Read `app.server`, `app.editor` and its `app.token` (for uploads) inside the tests.
 */
export const useServerWithEditor = (options?: Parameters<typeof bootStrapi>[0]) => {
  const app = {} as { server: TestServer; editor: EditorClient; token: string };
  beforeAll(async () => {
    app.server = await bootStrapi(options);
    app.token = await createFullAccessToken(app.server);
    app.editor = editorClient(app.server, app.token);
  });
  afterAll(async () => {
    app.server?.setNow();
    await app.server?.destroy();
  });
  return app;
};

import { publicGet, useServerWithEditor } from '../helpers/api';
import { publishArticleWithPartner, readModelEpoch, waitUntilReadModelBuilt } from '../helpers/readModel';

const PUBLIC_URL = 'http://api.passerelle.test';
/**
 * Every header but the moment's: the early answer must carry what the router's path sets, including
 * anything a middleware placed after `serve-stored` in config/middlewares.ts would add.
 */
const VOLATILE_HEADERS = new Set(['date', 'connection', 'keep-alive']);

type StoredRoute = { uid: string; action: string; route: { path: string; handler: string } };
type PluginState = { storedRoutes?: { match(path: string): { served: StoredRoute } | undefined } };

/**
 * `plugin::read-model.serve-stored` answers stored reads before Strapi's router, so without the
 * route's auth: these tests hold it to what the router would answer. Each served read route (found
 * from the app's own routes, for the types that have content here) is asked with the Public role
 * granted and then without its action: the answer must be the router's, a 403, as soon as the
 * permission is removed, and the stored one again once it is granted back.
 */
describe('read model: answers before the router', () => {
  const app = useServerWithEditor({
    env: { PUBLIC_URL, CACHE_RESPONSES_MAX_MB: '0', READ_MODEL_ENABLED: 'true', READ_MODEL_SERVE: 'true' },
  });
  const strapi = () => app.server.strapi;
  const requests: Array<{ action: string; handler: string; path: string; query: Record<string, string> }> = [];

  const answerOf = async (serve: boolean, path: string, query: Record<string, string>) => {
    strapi().config.set('plugin::read-model.serve', serve);
    const response = await publicGet(app.server, path, query);
    strapi().config.set('plugin::read-model.serve', true);
    const headers = Object.fromEntries(Object.entries(response.headers).filter(([name]) => !VOLATILE_HEADERS.has(name)));
    return { status: response.status, text: response.text, headers };
  };

  const waitUntilBuiltAfter = (epoch: number) => waitUntilReadModelBuilt(app.server, epoch);
  const epochNow = () => readModelEpoch(app.server);

  const publicRole = async () =>
    (await strapi()
      .db.query('plugin::users-permissions.role')
      .findOne({ where: { type: 'public' } })) as { id: number };

  beforeAll(async () => {
    const { partner, article } = await publishArticleWithPartner(app.editor);
    expect(article.status).toBe(201);
    await waitUntilBuiltAfter(-1);
    // Every read route the early path stands in for, on the types with content here.
    const routes = strapi().plugin('read-model').service<PluginState>('state').storedRoutes;
    for (const [type, created] of [
      ['articles', article.body.data],
      ['partners', partner.body.data],
    ] as const) {
      const { documentId, slug } = created as { documentId: string; slug: string };
      for (const [path, query] of [
        [type, { locale: 'fr' }],
        [type, { locale: 'en', fallback: 'true' }],
        [type, { locale: 'fr', 'filters[slug][$eq]': slug }],
        [type, { locale: 'fr', sort: 'publishedAt:desc' }],
        [`${type}/${documentId}`, { locale: 'fr' }],
        [`${type}/slug/${slug}`, { locale: 'fr' }],
      ] as const) {
        const match = routes?.match(`/api/${path}`);
        if (match) requests.push({ action: match.served.action, handler: match.served.route.handler, path, query });
      }
    }
    expect(requests.map((request) => request.action).sort()).toEqual(
      ['find', 'find', 'find', 'find', 'find', 'find', 'find', 'find', 'findBySlug', 'findBySlug', 'findOne', 'findOne'].sort()
    );
  });

  it('answers as the router does, headers included (a list as its stored bytes, with the same surrogate keys)', async () => {
    for (const { path, query } of requests) {
      const early = await answerOf(true, path, query);
      expect(early.status).toBe(200);
      expect({ path, ...early }).toEqual({ path, ...(await answerOf(false, path, query)) });
    }
  });

  it("answers the router's 403 as soon as the Public role loses the route's action, and the stored answer once it is granted back", async () => {
    const role = await publicRole();
    const permissions = strapi().db.query('plugin::users-permissions.permission');
    for (const { path, query, handler } of requests) {
      const before = await epochNow();
      await permissions.deleteMany({ where: { role: role.id, action: handler } });
      // No wait for the rebuild: the write itself stops the model from serving.
      expect({ path, status: (await publicGet(app.server, path, query)).status }).toEqual({ path, status: 403 });
      await waitUntilBuiltAfter(before);
      const refused = await answerOf(true, path, query);
      expect({ path, status: refused.status }).toEqual({ path, status: 403 });
      expect(refused).toEqual(await answerOf(false, path, query));

      const revoked = await epochNow();
      await permissions.create({ data: { action: handler, role: role.id } });
      await waitUntilBuiltAfter(revoked);
      expect({ path, status: (await answerOf(true, path, query)).status }).toEqual({ path, status: 200 });
    }
  });

  it("reads a detail or a slug with the model's state in one statement, the version materialized before the join", async () => {
    const knex = strapi().db.connection;
    for (const { path, query } of requests.filter((request) => request.action !== 'find')) {
      const seen: Array<{ sql: string; bindings: unknown[] }> = [];
      const listener = (statement: { sql: string; bindings: unknown[] }) => seen.push(statement);
      knex.on('query', listener);
      try {
        expect((await publicGet(app.server, path, query)).status).toBe(200);
      } finally {
        knex.off('query', listener);
      }
      const reads = seen.filter((statement) => /passerelle_read_model[`"]/.test(statement.sql));
      expect({ path, reads: reads.length }).toEqual({ path, reads: 1 });
      expect(reads[0].sql).toMatch(/passerelle_read_model_state/);
      // Joined as a subquery, SQLite flattened the version into the join: 94 µs a lookup against 26 on
      // the benchmark's 10,000 articles (src/plugins/read-model/server/serve.ts).
      const plan = (await knex.raw(`EXPLAIN QUERY PLAN ${reads[0].sql}`, reads[0].bindings as never)) as unknown as Array<{
        detail: string;
      }>;
      expect({ path, plan: plan.map((row) => row.detail) }).toEqual({ path, plan: expect.arrayContaining(['MATERIALIZE version']) });
    }
  });

  it('leaves a path that another route could take to the router', async () => {
    const routes = strapi().plugin('read-model').service<PluginState>('state').storedRoutes;
    // `/articles/embargoed` (journalists' listing) has the shape of `/articles/:id` too.
    expect(routes?.match('/api/articles/embargoed')).toBeUndefined();
    expect(routes?.match('/api/articles/slug/some-slug/press-kit.zip')).toBeUndefined();
    expect(routes?.match('/api/articles/slug/some-slug')?.served.action).toBe('findBySlug');
    const embargoed = await answerOf(true, 'articles/embargoed', {});
    expect(embargoed).toEqual(await answerOf(false, 'articles/embargoed', {}));
  });
});

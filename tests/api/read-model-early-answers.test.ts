import { publicGet, useServerWithEditor } from '../helpers/api';
import { publishArticleWithPartner, readModelEpoch, settleReadModel, waitUntilReadModelBuilt } from '../helpers/readModel';

const PUBLIC_URL = 'http://api.passerelle.test';
/**
 * Every header but the moment's: the early answer must carry what the router's path sets, including
 * anything a middleware placed after `serve-stored` in config/middlewares.ts would add.
 */
const VOLATILE_HEADERS = new Set(['date', 'connection', 'keep-alive']);

type StoredRoute = { uid: string; action: string; route: { path: string; handler: string } };
type Query = Record<string, string>;

/**
 * What each early handler (the read model's `earlyHandlers` setting) is asked: answers and refusals.
 * A handler added to the setting without requests here fails the test that enumerates them.
 */
const EARLY_REQUESTS: Record<
  string,
  (config: { channels: string[] }) => { answered: Array<[string, Query]>; refused: Array<[string, Query]> }
> = {
  'plugin::distribution.feed.find': ({ channels }) => ({
    answered: [
      ...['fr', 'en'].flatMap((locale) =>
        channels.flatMap((channel) =>
          ['rss', 'atom', 'json'].map((format): [string, Query] => [`feeds/${locale}/${channel}.${format}`, {}])
        )
      ),
      // A feed reads no query parameter: one it does not know changes nothing.
      [`feeds/fr/${channels[0]}.rss`, { unknown: 'parameter' }],
    ],
    refused: [
      ['feeds/fr/no-such-channel.rss', {}],
      [`feeds/fr/${channels[0]}.xml`, {}],
      [`feeds/xx/${channels[0]}.rss`, {}],
    ],
  }),
  // The test's content fits one sitemap file: it has no parts.
  'plugin::distribution.sitemap.find': () => ({
    answered: [['sitemap.xml', {}]],
    refused: [
      ['sitemap-1.xml', {}],
      ['sitemap-0.xml', {}],
      ['sitemap-first.xml', {}],
    ],
  }),
  'plugin::distribution.newsletter.digest': () => ({
    answered: ['fr', 'en'].flatMap((locale) =>
      ['json', 'html', 'text'].map((format): [string, Query] => ['newsletter/digest', { locale, since: '2020-01-01', format }])
    ),
    refused: [
      ['newsletter/digest', { locale: 'fr' }],
      ['newsletter/digest', { locale: 'fr', since: '2999-01-01' }],
      ['newsletter/digest', { locale: 'xx', since: '2020-01-01' }],
      ['newsletter/digest', { locale: 'fr', since: '2020-01-01', format: 'pdf' }],
    ],
  }),
};
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
    // Every early handler, with what it answers (its refusals go to the test below).
    for (const handler of earlyHandlers()) {
      for (const [path, query] of earlyRequestsOf(handler).answered) {
        const match = routes?.match(`/api/${path}`);
        expect({ path, served: match?.served.uid }).toEqual({ path, served: handler });
        requests.push({ action: 'early', handler, path, query });
      }
    }
  });

  const earlyHandlers = () => strapi().config.get<{ earlyHandlers: string[] }>('plugin::read-model').earlyHandlers;
  const earlyRequestsOf = (handler: string) => {
    const requestsOf = EARLY_REQUESTS[handler];
    if (!requestsOf) throw new Error(`read-model's earlyHandlers names ${handler}: give it requests in EARLY_REQUESTS`);
    const { channels } = strapi().config.get<{ feeds: { channels: Record<string, unknown> } }>('plugin::distribution').feeds;
    return requestsOf({ channels: Object.keys(channels) });
  };

  /** How many times Strapi's router checked a route's auth (`auth.verify`, which it runs for every routed request). */
  const routerAuthChecks = () => {
    const auth = strapi().get<{ verify: (...args: unknown[]) => unknown }>('auth');
    const original = auth.verify;
    let count = 0;
    auth.verify = (...args) => {
      count += 1;
      return original.apply(auth, args);
    };
    return { count: () => count, restore: () => (auth.verify = original) };
  };

  it('runs each early handler before the router, with the answers and refusals the router gives', async () => {
    expect(earlyHandlers().length).toBeGreaterThan(0);
    for (const handler of earlyHandlers()) {
      const { answered, refused } = earlyRequestsOf(handler);
      for (const [path, query] of [...answered, ...refused]) {
        const checks = routerAuthChecks();
        try {
          const early = await answerOf(true, path, query);
          // Answered without the router: it would have checked the route's auth.
          expect({ path, query, routerChecks: checks.count() }).toEqual({ path, query, routerChecks: 0 });
          const routed = await answerOf(false, path, query);
          expect(checks.count()).toBeGreaterThan(0);
          expect({ path, query, ...early }).toEqual({ path, query, ...routed });
          expect({ path, query, ok: early.status === 200 }).toEqual({
            path,
            query,
            ok: answered.some(([p, q]) => p === path && q === query),
          });
        } finally {
          checks.restore();
        }
      }
    }
  });

  it('answers as the router does, headers included (a list as its stored bytes, with the same surrogate keys)', async () => {
    for (const { path, query } of requests) {
      const early = await answerOf(true, path, query);
      expect(early.status).toBe(200);
      expect({ path, ...early }).toEqual({ path, ...(await answerOf(false, path, query)) });
    }
  });

  it('keeps the visibility rules when an early handler falls back to the Document Service', async () => {
    // A release under embargo, in the feeds and the digest once its embargo ends.
    const title = 'Communiqué sous embargo, lu avant le routeur';
    const release = await app.editor.create(
      'articles',
      { title, kind: 'press-release', standfirst: 'Pas encore public.', embargoUntil: '2099-01-01T00:00:00.000Z' },
      { locale: 'fr', status: 'published' }
    );
    expect(release.status).toBe(201);
    // The sitemap names its page, by its slug.
    const { slug } = release.body.data as { slug: string };
    await settleReadModel(strapi());
    // Every stored read a feed, the digest or the sitemap makes answers nothing: they read the Document Service,
    // whose visibility rules apply to a request the route marks as the Content API's.
    const storedReads = strapi().plugin('read-model').service<Record<string, unknown>>('stored-reads');
    const originals = { ...storedReads };
    let fallbacks = 0;
    for (const name of ['newest', 'publishedSince', 'upcoming', 'sitemapCount', 'sitemapVersions', 'sitemapStart', 'sitemapNewest'])
      storedReads[name] = () => {
        fallbacks += 1;
        return Promise.resolve(undefined);
      };
    try {
      for (const { path, query } of requests.filter((request) => request.action === 'early')) {
        const early = await answerOf(true, path, query);
        expect({ path, query, leaked: early.text.includes(title) || early.text.includes(slug) }).toEqual({ path, query, leaked: false });
        expect({ path, query, ...early }).toEqual({ path, query, ...(await answerOf(false, path, query)) });
      }
    } finally {
      Object.assign(storedReads, originals);
    }
    expect(fallbacks).toBeGreaterThan(0);
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
    for (const { path, query } of requests.filter((request) => request.action !== 'find' && request.action !== 'early')) {
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

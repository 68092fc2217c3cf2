import path from 'node:path';
import { publicGet } from '../helpers/api';
import { ownPluginNames } from '../helpers/contentApiRoutes';
import { bootStrapi, DIST_DIR, type TestServer } from '../helpers/strapi';

type Apply = { applyPublicPermissions: (strapi: unknown, actions?: string[]) => Promise<void> };

// The caller names the shape of the compiled module it loads.
// eslint-disable-next-line @typescript-eslint/no-unnecessary-type-parameters
const fromDist = <T>(...parts: string[]): T => require(path.join(DIST_DIR, 'src', ...parts)) as T;

const grantedTo = async (server: TestServer, roleType: string): Promise<string[]> => {
  const role = (await server.strapi.db.query('plugin::users-permissions.role').findOne({ where: { type: roleType } })) as { id: number };
  const rows = (await server.strapi.db
    .query('plugin::users-permissions.permission')
    .findMany({ where: { role: role.id }, select: ['action'] })) as Array<{
    action: string;
  }>;
  // Our types' actions and our plugins' (users-permissions grants its own sign-up and login actions).
  const ours = ['api::', ...ownPluginNames(server.strapi).map((name) => `plugin::${name}.`)];
  return rows
    .map((row) => row.action)
    .filter((action) => ours.some((prefix) => action.startsWith(prefix)))
    .sort();
};

/** What a staff member's untick-and-save in Settings → Users & Permissions → Roles → Public deletes. */
const removeInAdmin = async (server: TestServer, roleType: string, action: string) => {
  const role = (await server.strapi.db.query('plugin::users-permissions.role').findOne({ where: { type: roleType } })) as { id: number };
  await server.strapi.db.query('plugin::users-permissions.permission').deleteMany({ where: { role: role.id, action } });
};

describe('public permissions: an explicit list, granted once', () => {
  let server: TestServer;
  let list: string[];

  beforeAll(async () => {
    server = await bootStrapi();
    list = server.strapi.config.get<string[]>('plugin::public-api.publicActions');
  });
  afterAll(async () => {
    await server?.destroy();
  });

  it('gives visitors and logged-in site users exactly the list: no other route, no write, no new type', async () => {
    expect(await grantedTo(server, 'public')).toEqual([...list].sort());
    expect(await grantedTo(server, 'authenticated')).toEqual([...list].sort());
    // Every Content API action of our types that is not listed stays closed (enumerated from the routes at run time).
    const routeActions = Object.values(server.strapi.apis).flatMap((api) =>
      Object.values((api as { routes: Record<string, { routes?: Array<{ handler: string }> }> }).routes).flatMap((router) =>
        (router.routes ?? []).map((route) => route.handler)
      )
    );
    expect(routeActions.length).toBeGreaterThan(list.length);
    expect(routeActions.filter((action) => !list.includes(action))).toEqual(
      expect.arrayContaining(['api::article.article.create', 'api::article.article.embargoed'])
    );
  });

  it('keeps a permission that staff removed removed across a restart', async () => {
    expect((await publicGet(server, 'people', { locale: 'fr' })).status).toBe(200);
    await removeInAdmin(server, 'public', 'api::person.person.find');
    expect((await publicGet(server, 'people', { locale: 'fr' })).status).toBe(403);

    await server.stop();
    server = await bootStrapi({ databaseFile: server.databaseFile });
    expect(await grantedTo(server, 'public')).not.toContain('api::person.person.find');
    expect((await publicGet(server, 'people', { locale: 'fr' })).status).toBe(403);
    expect((await publicGet(server, 'articles', { locale: 'fr' })).status).toBe(200);
  });

  /** One request each of the Public's actions that Strapi's auth checks on every request (no stored early answer). */
  const REQUESTS_BY_ACTION: Record<string, () => Promise<{ status: number }>> = {
    'plugin::distribution.feed.find': () => server.http().get('/api/feeds/fr/all.rss'),
    'plugin::distribution.newsletter.digest': () => server.http().get('/api/newsletter/digest?locale=fr&since=2020-01-01'),
    'plugin::distribution.sitemap.find': () => server.http().get('/api/sitemap.xml'),
    'plugin::search.search.find': () => server.http().get('/api/search?q=numerique&locale=fr'),
    'api::article.article.find': () =>
      server.http().post('/graphql').send({ query: '{ articles(locale: "fr", pagination: { pageSize: 2 }) { documentId } }' }),
  };

  it('refuses at once what a staff member has just revoked from the Public, and answers at once what was granted back', async () => {
    const role = (await server.strapi.db.query('plugin::users-permissions.role').findOne({ where: { type: 'public' } })) as { id: number };
    const permissions = server.strapi.db.query('plugin::users-permissions.permission');
    // Every plugin action of the list is asked (a new one fails here until it has a request above).
    const pluginActions = list.filter((action) => action.startsWith('plugin::'));
    expect(Object.keys(REQUESTS_BY_ACTION).sort()).toEqual([...pluginActions, 'api::article.article.find'].sort());
    for (const [action, request] of Object.entries(REQUESTS_BY_ACTION)) {
      // Twice: the second is answered with what the first remembered.
      expect({ action, status: (await request()).status }).toEqual({ action, status: 200 });
      expect({ action, status: (await request()).status }).toEqual({ action, status: 200 });
      await permissions.deleteMany({ where: { role: role.id, action } });
      const refused = await request();
      // GraphQL answers 200 with a Forbidden error in the body.
      expect({
        action,
        refused: refused.status === 403 || JSON.stringify((refused as { body?: unknown }).body).includes('Forbidden'),
      }).toEqual({
        action,
        refused: true,
      });
      await permissions.create({ data: { action, role: role.id } });
      expect({ action, status: (await request()).status }).toEqual({ action, status: 200 });
    }
  });

  it('grants what a new version of the list adds and revokes what it drops, leaving staff changes alone', async () => {
    const { applyPublicPermissions } = fromDist<Apply>('plugins', 'public-api', 'server', 'permissions', 'applyPublicPermissions.js');
    const next = [...list.filter((action) => action !== 'plugin::distribution.sitemap.find'), 'api::article.article.embargoed'];
    await applyPublicPermissions(server.strapi, next);
    const granted = await grantedTo(server, 'public');
    expect(granted).toContain('api::article.article.embargoed');
    expect(granted).not.toContain('plugin::distribution.sitemap.find');
    expect(granted).not.toContain('api::person.person.find');
    // Back to the shipped list, so the next boot has nothing to change.
    await applyPublicPermissions(server.strapi, list);
    expect(await grantedTo(server, 'public')).toEqual(list.filter((action) => action !== 'api::person.person.find').sort());
  });
});

import { ownPluginNames } from '../helpers/contentApiRoutes';
import { bootStrapi, type TestServer } from '../helpers/strapi';

describe('a freshly booted Passerelle', () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await bootStrapi({ emptyDatabase: true });
  });
  afterAll(async () => {
    await server?.destroy();
  });

  it('answers the health check', async () => {
    const response = await server.http().get('/_health');
    expect(response.status).toBe(204);
    expect(response.headers['strapi']).toMatch(/you are so french/i);
  });

  it('serves the Content API and refuses unknown routes in Strapi error format', async () => {
    const response = await server.http().get('/api/does-not-exist');
    expect(response.status).toBe(404);
    expect(response.body).toMatchObject({ data: null, error: { status: 404, name: 'NotFoundError' } });
  });

  it('does not serve the admin panel in tests', async () => {
    const response = await server.http().get('/admin');
    expect(response.status).toBe(404);
  });

  it('loads its plugins in the order config/plugins.ts gives, which is the order of their document middlewares', () => {
    // Strapi runs plugins' register in this order: the visibility filter must wrap every other rule.
    const loaded = Object.keys(server.strapi.plugins).filter((name) => ownPluginNames(server.strapi).includes(name));
    expect(loaded).toEqual([
      'visibility',
      'editorial-rules',
      'public-api',
      'response-cache',
      'distribution',
      'press-media',
      'staff-admin',
      'search',
      'read-model',
      'translation-status',
      'bulk-import',
    ]);
  });
});

describe('the entry.visible announcer follows Strapi’s cron switch', () => {
  const scheduledJobs = (server: TestServer) =>
    (server.strapi.cron as unknown as { jobs: Array<{ name?: string }> }).jobs.map((job) => job.name);

  it('is not scheduled when cron is off (tests run it themselves, at their own instants)', async () => {
    const server = await bootStrapi({ env: { STRAPI_DISABLE_CRON: 'true' } });
    try {
      expect(scheduledJobs(server)).not.toContain('passerelleVisibilityAnnouncer');
    } finally {
      await server.destroy();
    }
  });

  it('is scheduled when cron is on, as in production', async () => {
    const server = await bootStrapi({ env: { STRAPI_DISABLE_CRON: 'false' } });
    try {
      expect(scheduledJobs(server)).toContain('passerelleVisibilityAnnouncer');
    } finally {
      await server.destroy();
    }
  });
});

import { bootStrapi, type TestServer } from '../helpers/strapi';

describe('a freshly booted Passerelle', () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await bootStrapi();
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
});

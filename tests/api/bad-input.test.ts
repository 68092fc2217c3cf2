import { bootStrapi, type TestServer } from '../helpers/strapi';
import { errorPaths } from '../helpers/api';

/** Malformed requests from sites get a 4xx in Strapi's error format, never a 500. */
describe('bad input on public routes', () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await bootStrapi();
  });
  afterAll(async () => {
    await server?.destroy();
  });

  it.each([
    ['/api/articles?locale=klingon', 400, ['locale']],
    ['/api/articles?locale=fr&fallback=sometimes', 400, ['fallback']],
    ['/api/articles?filters[$or]=notalist', 400, []],
    ['/api/articles?filters[publishedAt][$gt]=yesterday-ish', 400, []],
    ['/api/articles?filters[embargoUntil][$lt]=31/12/2030', 400, []],
    ['/api/articles?sort=nonexistent:asc', 400, []],
    ['/api/articles?populate=nonexistent', 400, []],
    ['/api/articles?pagination[page]=abc', 400, []],
    ['/api/articles/slug/ok-slug?locale=zz', 400, ['locale']],
    ['/api/articles/slug/no-such-slug?locale=fr', 404, []],
    ['/api/articles/doesnotexist?locale=fr', 404, []],
    ['/api/manifesto?locale=fr', 404, []],
  ])('GET %s → %i', async (url, status, paths) => {
    const response = await server.http().get(url);
    expect(response.status).toBe(status);
    expect(response.body.data).toBeNull();
    expect(response.body.error.status).toBe(status);
    expect(typeof response.body.error.message).toBe('string');
    if (paths.length > 0) expect(errorPaths(response.body)).toEqual(paths);
  });
});

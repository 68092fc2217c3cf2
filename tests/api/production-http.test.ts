import type { Core } from '@strapi/strapi';
import { TEST_ADMIN } from '../helpers/admin';
import { bootStrapi, type TestServer } from '../helpers/strapi';

const SITE = 'https://www.diversidays.test';
const ADMIN = 'https://cms.diversidays.test';
const EVIL = 'https://evil.example';
const PROBE_HEADER = 'x-test-probe';

type Seen = { ip: string; secure: boolean; protocol: string };

/** Records what Koa made of a request's proxy headers. Test-only: put first in the stack before the first request. */
const probeRequests = (strapi: Core.Strapi): Map<string, Seen> => {
  const seen = new Map<string, Seen>();
  const app = strapi.server.app as unknown as { middleware: Array<(ctx: never, next: () => Promise<void>) => Promise<void>> };
  app.middleware.unshift(async (ctx: { get: (h: string) => string; ip: string; secure: boolean; protocol: string }, next) => {
    const id = ctx.get(PROBE_HEADER);
    if (id) seen.set(id, { ip: ctx.ip, secure: ctx.secure, protocol: ctx.protocol });
    await next();
  });
  return seen;
};

const productionEnv = (extra: Record<string, string | undefined>) => ({
  NODE_ENV: 'production',
  SITE_URL: SITE,
  PUBLIC_URL: ADMIN,
  CORS_ORIGINS: undefined,
  DOCUMENTATION_ACCESS: undefined,
  TRUST_PROXY: undefined,
  TRUST_PROXY_HOPS: undefined,
  ...extra,
});

const loginAsAdmin = async (server: TestServer, headers: Record<string, string> = {}) => {
  const users = server.strapi.service('admin::user');
  if (!(await users.exists())) await users.createFirstAdmin({ ...TEST_ADMIN, preferedLanguage: 'fr' });
  const response = await server.http().post('/admin/login').set(headers).send({ email: TEST_ADMIN.email, password: TEST_ADMIN.password });
  expect(response.status).toBe(200);
  return { token: response.body.data.token as string, cookies: ([] as string[]).concat(response.headers['set-cookie'] ?? []) };
};

const refreshCookie = (cookies: string[]) => cookies.find((cookie) => cookie.startsWith('strapi_admin_refresh='));

describe('a production start behind a TLS proxy (NODE_ENV=production, TRUST_PROXY=true)', () => {
  let server: TestServer;
  let seen: Map<string, Seen>;

  beforeAll(async () => {
    server = await bootStrapi({ env: productionEnv({ TRUST_PROXY: 'true', TRUST_PROXY_HOPS: '1' }) });
    seen = probeRequests(server.strapi);
  });
  afterAll(async () => {
    await server?.destroy();
  });

  describe('CORS', () => {
    it('does not reflect an unknown origin, nor allow it credentials', async () => {
      for (const request of [
        server.http().get('/api/articles').set('Origin', EVIL),
        server.http().options('/api/articles').set('Origin', EVIL).set('Access-Control-Request-Method', 'GET'),
        server.http().options('/admin/login').set('Origin', EVIL).set('Access-Control-Request-Method', 'POST'),
      ]) {
        const response = await request;
        expect(response.headers['access-control-allow-origin']).toBeUndefined();
        expect(response.headers['access-control-allow-credentials']).toBeUndefined();
      }
    });

    it("lets the site's pages read the API, without credentials", async () => {
      const response = await server.http().get('/api/articles').set('Origin', SITE);
      expect(response.status).toBe(200);
      expect(response.headers['access-control-allow-origin']).toBe(SITE);
      expect(response.headers['access-control-allow-credentials']).toBeUndefined();
      const preflight = await server.http().options('/api/articles').set('Origin', SITE).set('Access-Control-Request-Method', 'GET');
      expect(preflight.headers['access-control-allow-origin']).toBe(SITE);
      expect(preflight.headers['access-control-allow-credentials']).toBeUndefined();
    });

    it("gives credentials to the admin panel's own origin only", async () => {
      const preflight = await server.http().options('/admin/login').set('Origin', ADMIN).set('Access-Control-Request-Method', 'POST');
      expect(preflight.headers['access-control-allow-origin']).toBe(ADMIN);
      expect(preflight.headers['access-control-allow-credentials']).toBe('true');
    });
  });

  it('sends no X-Powered-By header', async () => {
    for (const path of ['/_health', '/api/articles', '/api/does-not-exist', '/admin/init']) {
      const response = await server.http().get(path);
      expect(response.headers).not.toHaveProperty('x-powered-by');
    }
  });

  it('treats a request the proxy received over TLS as secure: the admin session cookie is Secure', async () => {
    const { cookies } = await loginAsAdmin(server, { 'X-Forwarded-Proto': 'https', [PROBE_HEADER]: 'login' });
    expect(seen.get('login')).toMatchObject({ secure: true, protocol: 'https' });
    expect(refreshCookie(cookies)).toMatch(/;\s*secure/i);
  });

  it("takes the client's address from the proxy's X-Forwarded-For entry, not from what the client wrote before it", async () => {
    await server.http().get('/_health').set('X-Forwarded-For', '198.51.100.66, 203.0.113.7').set(PROBE_HEADER, 'ip');
    expect(seen.get('ip')?.ip).toBe('203.0.113.7');
  });

  describe('the OpenAPI documentation (production default: admins only)', () => {
    it('answers 401 without an admin login, in Strapi’s error format', async () => {
      for (const path of ['/documentation', '/documentation/v1.0.0', '/documentation/login', '/api/openapi.json']) {
        const response = await server.http().get(path);
        expect(response.status).toBe(401);
        expect(response.body.error).toMatchObject({ status: 401, name: 'UnauthorizedError' });
      }
      const withApiToken = await server.http().get('/documentation/v1.0.0').set('Authorization', 'Bearer not-an-admin-token');
      expect(withApiToken.status).toBe(401);
    });

    it('lets a logged-in admin through', async () => {
      const { token } = await loginAsAdmin(server);
      const response = await server.http().get('/documentation/v1.0.0').set('Authorization', `Bearer ${token}`);
      // Production serves the document generated at build time (none here): past the gate, not refused by it.
      expect(response.status).not.toBe(401);
      expect(response.status).not.toBe(403);
    });
  });
});

describe('a production start without the proxy setting, documentation off', () => {
  let server: TestServer;
  let seen: Map<string, Seen>;

  beforeAll(async () => {
    server = await bootStrapi({ env: productionEnv({ DOCUMENTATION_ACCESS: 'off' }) });
    seen = probeRequests(server.strapi);
  });
  afterAll(async () => {
    await server?.destroy();
  });

  it('ignores X-Forwarded-* headers (a client could write them): not secure, the connection’s address', async () => {
    const { cookies } = await loginAsAdmin(server, {
      'X-Forwarded-Proto': 'https',
      'X-Forwarded-For': '203.0.113.7',
      [PROBE_HEADER]: 'direct',
    });
    expect(seen.get('direct')?.secure).toBe(false);
    expect(seen.get('direct')?.ip).not.toBe('203.0.113.7');
    expect(refreshCookie(cookies)).not.toMatch(/;\s*secure/i);
  });

  it('serves no documentation at all, even to an admin', async () => {
    const { token } = await loginAsAdmin(server);
    // The login page exists whether or not a document was generated, so its 404 comes from the switch.
    for (const path of ['/documentation', '/documentation/v1.0.0', '/documentation/login']) {
      const response = await server.http().get(path).set('Authorization', `Bearer ${token}`);
      expect(response.status).toBe(404);
      expect(response.body.error).toMatchObject({ status: 404, name: 'NotFoundError' });
    }
  });
});

describe('a production start with a secret missing', () => {
  it('stops with a message naming the secret', async () => {
    await expect(bootStrapi({ env: productionEnv({ ENCRYPTION_KEY: '' }) })).rejects.toThrow(
      /ENCRYPTION_KEY is not set\. In production no \.env is generated/
    );
  });
});

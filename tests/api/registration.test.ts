import path from 'node:path';
import { publicGet } from '../helpers/api';
import { bootStrapi, DIST_DIR, type TestServer } from '../helpers/strapi';

const CACHE = 'x-passerelle-cache';
// Sites set their public URL; without one, cached answers depend on the Host (each supertest call has its own port).
const ENV = { PUBLIC_URL: 'https://api.passerelle.test', USERS_REGISTRATION_ENABLED: undefined };

let registrations = 0;
const register = (server: TestServer) => {
  registrations += 1;
  const name = `lecteur${registrations}${Date.now()}`;
  return server
    .http()
    .post('/api/auth/local/register')
    .send({ username: name, email: `${name}@lecteurs.test`, password: 'Lecteur-2031' });
};

const usersPermissionsAdvanced = (server: TestServer) => server.strapi.store({ type: 'plugin', name: 'users-permissions' });

describe('sign-ups on /api/auth/local/register', () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await bootStrapi({ env: ENV });
  });
  afterAll(async () => {
    await server?.destroy();
  });

  it('are refused by default, with an error and no account created', async () => {
    const response = await register(server);
    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({
      data: null,
      error: { status: 400, name: 'ApplicationError', message: 'Register action is currently disabled' },
    });
    expect(response.body.jwt).toBeUndefined();
    expect(await server.strapi.db.query('plugin::users-permissions.user').count()).toBe(0);
  });

  it('follow what staff choose in the admin panel, also after a restart', async () => {
    // What Settings → Users & Permissions → Advanced settings saves.
    const advanced = (await usersPermissionsAdvanced(server).get({ key: 'advanced' })) as Record<string, unknown>;
    await usersPermissionsAdvanced(server).set({ key: 'advanced', value: { ...advanced, allow_register: true } });
    expect((await register(server)).status).toBe(200);

    await server.stop();
    server = await bootStrapi({ databaseFile: server.databaseFile, env: ENV });
    const response = await register(server);
    expect(response.status).toBe(200);
    expect(typeof response.body.jwt).toBe('string');
  });

  it('in a loop, move neither the content version nor the cached public answers', async () => {
    const { readContentVersion } = require(
      path.join(DIST_DIR, 'src', 'plugins', 'response-cache', 'server', 'content-version', 'contentVersion.js')
    ) as {
      readContentVersion: (strapi: unknown) => Promise<string>;
    };
    await publicGet(server, 'articles', { locale: 'fr' });
    expect((await publicGet(server, 'articles', { locale: 'fr' })).headers[CACHE]).toBe('hit');
    const before = await readContentVersion(server.strapi);

    for (let i = 0; i < 12; i += 1) {
      const response = await register(server);
      expect(response.status).toBe(200);
      // A few logins too (users-permissions limits them per address, not per account).
      if (i < 3) {
        const login = await server.http().post('/api/auth/local').send({ identifier: response.body.user.email, password: 'Lecteur-2031' });
        expect(login.status).toBe(200);
      }
    }

    expect(await readContentVersion(server.strapi)).toBe(before);
    expect((await publicGet(server, 'articles', { locale: 'fr' })).headers[CACHE]).toBe('hit');
  });

  it('are turned on by USERS_REGISTRATION_ENABLED=true, and off again when it goes back to false', async () => {
    await usersPermissionsAdvanced(server).set({
      key: 'advanced',
      value: { ...((await usersPermissionsAdvanced(server).get({ key: 'advanced' })) as object), allow_register: false },
    });
    await server.stop();
    server = await bootStrapi({ databaseFile: server.databaseFile, env: { ...ENV, USERS_REGISTRATION_ENABLED: 'true' } });
    expect((await register(server)).status).toBe(200);

    await server.stop();
    server = await bootStrapi({ databaseFile: server.databaseFile, env: { ...ENV, USERS_REGISTRATION_ENABLED: 'false' } });
    expect((await register(server)).status).toBe(400);
  });
});

import type { TestServer } from './strapi';

export const TEST_ADMIN = { email: 'redaction@passerelle.test', password: 'Redaction-2031', firstname: 'Camille', lastname: 'Rédaction' };

/**
 * Creates the first super admin (as the registration page would), or another super admin where one
 * exists already (the demo's), and logs in over HTTP.
 */
export const adminSession = async (server: TestServer) => {
  const users = server.strapi.service('admin::user');
  if (!(await users.exists())) await users.createFirstAdmin({ ...TEST_ADMIN, preferedLanguage: 'fr' });
  else if (!(await users.findOneByEmail(TEST_ADMIN.email))) {
    const superAdmin = (await server.strapi.service('admin::role').getSuperAdmin()) as { id: number };
    await users.create({ ...TEST_ADMIN, isActive: true, roles: [superAdmin.id] });
  }
  const login = await server.http().post('/admin/login').send({ email: TEST_ADMIN.email, password: TEST_ADMIN.password });
  if (login.status !== 200) throw new Error(`Admin login failed: ${login.status} ${JSON.stringify(login.body)}`);
  const auth = { Authorization: `Bearer ${login.body.data.token as string}` };
  return {
    get: (path: string) => server.http().get(path).set(auth),
    put: (path: string, body: object) => server.http().put(path).set(auth).send(body),
    post: (path: string, body: object) => server.http().post(path).set(auth).send(body),
    delete: (path: string) => server.http().delete(path).set(auth),
  };
};

export type AdminSession = Awaited<ReturnType<typeof adminSession>>;

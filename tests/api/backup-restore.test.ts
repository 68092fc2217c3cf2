import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { bootStrapi, APP_DIR, type TestServer } from '../helpers/strapi';
import { contentApiRoutes } from '../helpers/contentApiRoutes';
import { temporaryDatabaseFile } from '../helpers/testEnvironment';
import { transferCliApp } from '../helpers/transferCliApp';

/**
 * `strapi export`, then `npm run restore` (strapi import + the first admin) into an empty database:
 * every public route and GraphQL list answers the same in every locale, relations and media included, and the media
 * files come back byte for byte. In production, nobody can claim the missing admin from /admin.
 */
// Export and restore run from a copy of the app: they compile it, and other test files boot from the project's dist/.
const cli = transferCliApp();
const restoreScript = () => path.join(cli.dir, 'src', 'scripts', 'restore.js');
const ADMIN = { ADMIN_EMAIL: 'restauration@passerelle.test', ADMIN_PASSWORD: 'Restaure-2031' };
const FEEDS = ['news', 'press-releases', 'press-coverage', 'all'].flatMap((channel) =>
  ['rss', 'atom', 'json'].map((format) => `${channel}.${format}`)
);
// Absolute links are built from it; without it, from the test's ephemeral port.
const PUBLIC_URL = 'https://api.passerelle.test';
const VOLATILE_KEYS = new Set(['id', 'createdAt', 'updatedAt']);

/**
 * Every document is in the lists' answers already; single-document routes are read for a few of
 * them, so the test stays in minutes on a busy machine (press kits are ZIPs built on each read).
 */
const PER_ROUTE = 3;
const sample = (values: Set<string>) => [...values].sort().slice(0, PER_ROUTE);

type Answer = { status: number; type: string; body: unknown };

/** The JSON without database ids and write times, which a restore may change. */
const withoutVolatile = (value: unknown): unknown => {
  if (Array.isArray(value)) return value.map(withoutVolatile);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>)
        .filter(([key]) => !VOLATILE_KEYS.has(key))
        .map(([key, inner]) => [key, withoutVolatile(inner)])
    );
  }
  return value;
};

const sha256 = (bytes: Buffer) => crypto.createHash('sha256').update(bytes).digest('hex');

/** Every Content API GET route, with its parameters filled from what the lists answer, in every locale. */
const publicUrls = async (server: TestServer): Promise<string[]> => {
  const locales = ((await server.strapi.plugin('i18n').service('locales').find()) as Array<{ code: string }>).map((locale) => locale.code);
  const routes = contentApiRoutes(server.strapi).filter((route) => route.method === 'GET');
  const lists = routes.filter((route) => !route.path.includes(':'));
  const known = new Map<string, { documentIds: Set<string>; slugs: Set<string> }>();
  for (const route of lists) {
    for (const locale of locales) {
      const response = await server.http().get(`/api${route.path}`).query({ locale });
      const data = (response.body as { data?: unknown })?.data;
      const entries = Array.isArray(data) ? data : data && typeof data === 'object' ? [data] : [];
      const seen = known.get(route.path) ?? { documentIds: new Set(), slugs: new Set() };
      for (const entry of entries as Array<{ documentId?: string; slug?: string }>) {
        if (entry.documentId) seen.documentIds.add(entry.documentId);
        if (entry.slug) seen.slugs.add(entry.slug);
      }
      known.set(route.path, seen);
    }
  }
  const urls: string[] = [];
  for (const route of routes) {
    const base = `/${route.path.split('/')[1]}`;
    const { documentIds, slugs } = known.get(base) ?? { documentIds: new Set<string>(), slugs: new Set<string>() };
    for (const locale of locales) {
      const expand = (pathWith: string): string[] => {
        if (pathWith.includes(':locale')) return expand(pathWith.replace(':locale', locale));
        if (pathWith.includes(':feed')) return FEEDS.flatMap((feed) => expand(pathWith.replace(':feed', feed)));
        if (pathWith.includes(':slug')) return sample(slugs).flatMap((slug) => expand(pathWith.replace(':slug', encodeURIComponent(slug))));
        if (pathWith.includes(':id')) return sample(documentIds).flatMap((id) => expand(pathWith.replace(':id', id)));
        // Numbered sitemap parts exist only past 50,000 addresses; the whole sitemap is compared above.
        if (pathWith.includes(':part')) return [];
        if (pathWith.includes(':')) throw new Error(`no value known for a parameter of ${route.path}`);
        return [pathWith];
      };
      const query = route.path === '/newsletter/digest' ? `locale=${locale}&since=2000-01-01` : `locale=${locale}`;
      for (const filled of expand(route.path)) urls.push(`/api${filled}?${query}`);
    }
  }
  return [...new Set(urls)].sort();
};

const answersOf = async (server: TestServer, urls: string[]): Promise<Record<string, Answer>> => {
  const answers: Record<string, Answer> = {};
  for (const url of urls) {
    const response = await server.http().get(url).buffer(true);
    // The media type only: the sitemap's charset parameter differs between a stored and a fresh answer.
    const type = (response.headers['content-type'] ?? '').split(';')[0];
    const body =
      type.includes('json') && response.body && typeof response.body === 'object'
        ? withoutVolatile(response.body)
        : type.includes('zip')
          ? 'zip'
          : response.text;
    answers[url] = { status: response.status, type, body };
  }
  return answers;
};

type GraphQLTypeRef = { kind: string; name: string | null; ofType: GraphQLTypeRef | null };
type GraphQLField = { name: string; args?: Array<{ name: string; type: { kind: string } }>; type: GraphQLTypeRef };
const TYPE_REF = 'kind name ofType { kind name ofType { kind name ofType { kind name } } }';
const baseType = (type: GraphQLTypeRef): GraphQLTypeRef => (type.ofType ? baseType(type.ofType) : type);

const graphql = async (server: TestServer, query: string) => {
  const response = await server.http().post('/graphql').send({ query });
  return { status: response.status, body: response.body as { data?: Record<string, unknown>; errors?: unknown[] } };
};

/**
 * One GraphQL query per public list (and single type) and locale, built from the schema at run time:
 * every scalar field, and the documentId of every related document, so relations count too.
 */
const graphqlQueries = async (server: TestServer): Promise<string[]> => {
  const locales = ((await server.strapi.plugin('i18n').service('locales').find()) as Array<{ code: string }>).map((locale) => locale.code);
  const fieldsOf = async (name: string): Promise<GraphQLField[]> => {
    const { body } = await graphql(server, `{ __type(name: "${name}") { fields { name type { ${TYPE_REF} } } } }`);
    return (body.data?.__type as { fields?: GraphQLField[] } | null)?.fields ?? [];
  };
  const { body } = await graphql(server, `{ __schema { queryType { fields { name args { name type { kind } } type { ${TYPE_REF} } } } } }`);
  const roots = (body.data?.__schema as { queryType: { fields: GraphQLField[] } }).queryType.fields.filter(
    // Lists and single types: a single-document query (documentId required) is covered by its list.
    (field) =>
      !field.name.endsWith('_connection') &&
      field.args?.some((arg) => arg.name === 'locale') &&
      !field.args.some((arg) => arg.type.kind === 'NON_NULL') &&
      baseType(field.type).kind === 'OBJECT'
  );
  const queries: string[] = [];
  for (const root of roots) {
    const fields = await fieldsOf(baseType(root.type).name as string);
    if (!fields.some((field) => field.name === 'documentId')) continue;
    const selection: string[] = [];
    for (const field of fields) {
      const type = baseType(field.type);
      if (type.kind === 'SCALAR' || type.kind === 'ENUM') selection.push(field.name);
      else if (type.kind === 'OBJECT' && !field.name.endsWith('_connection')) {
        const inner = await fieldsOf(type.name as string);
        if (inner.some((innerField) => innerField.name === 'documentId')) selection.push(`${field.name} { documentId }`);
      }
    }
    // The same page as the REST lists: Strapi's default size, in its default order.
    for (const locale of locales) queries.push(`{ ${root.name}(locale: "${locale}") { ${selection.join(' ')} } }`);
  }
  return queries;
};

const graphqlAnswersOf = async (server: TestServer, queries: string[]): Promise<Record<string, unknown>> => {
  const answers: Record<string, unknown> = {};
  for (const query of queries) {
    const { status, body } = await graphql(server, query);
    answers[query] = { status, body: withoutVolatile(body) };
  }
  return answers;
};

type MediaFile = { url: string; formats?: Record<string, { url: string }> | null };
const mediaUrls = async (server: TestServer): Promise<string[]> =>
  ((await server.strapi.db.query('plugin::upload.file').findMany({ select: ['url', 'formats'] })) as MediaFile[]).flatMap((file) => [
    file.url,
    ...Object.values(file.formats ?? {}).map((format) => format.url),
  ]);

const mediaBytes = async (server: TestServer, urls: string[]): Promise<Record<string, string>> => {
  const hashes: Record<string, string> = {};
  for (const url of urls) {
    const response = await server
      .http()
      .get(url)
      .buffer(true)
      .parse((res, done) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => done(null, Buffer.concat(chunks)));
      });
    hashes[url] = response.status === 200 ? sha256(response.body as Buffer) : `status ${response.status}`;
  }
  return hashes;
};

/** A command of the app's, as an operator would run it (no demo mode, so no admin sneaks in). */
const run = (args: string[], env: Record<string, string>) => {
  const result = spawnSync(process.execPath, args, {
    cwd: cli.dir,
    env: { ...process.env, PASSERELLE_DEMO: 'false', ...env },
    encoding: 'utf8',
    timeout: 180000,
  });
  return { status: result.status, output: `${result.stdout}\n${result.stderr}` };
};

afterAll(() => cli.remove());

describe('backup and restore', () => {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'passerelle-backup-'));
  const restoredFile = temporaryDatabaseFile('backup-restored');
  let source: TestServer | undefined;
  let restored: TestServer | undefined;
  let media: string[] = [];

  afterAll(async () => {
    await source?.destroy().catch(() => undefined);
    await restored?.destroy();
    for (const url of media) fs.rmSync(path.join(APP_DIR, 'public', url), { force: true });
    fs.rmSync(work, { recursive: true, force: true });
  });

  it('gives back the same public answers in every locale, and the same media bytes, with an admin and no open registration', async () => {
    source = await bootStrapi({ env: { PASSERELLE_DEMO: 'true', PUBLIC_URL } });
    const urls = await publicUrls(source);
    media = await mediaUrls(source);
    const before = await answersOf(source, urls);
    const queries = await graphqlQueries(source);
    const graphqlBefore = await graphqlAnswersOf(source, queries);
    // Each type and locale, with data and without errors: a comparison of empty answers would prove nothing.
    expect(queries.length).toBeGreaterThan(5);
    const failed = Object.entries(graphqlBefore as Record<string, { status: number; body: { errors?: unknown } }>).filter(
      ([, answer]) => answer.status !== 200 || answer.body.errors !== undefined
    );
    expect(failed).toEqual([]);
    const bytesBefore = await mediaBytes(source, media);
    expect(Object.values(before).filter((answer) => answer.status === 200).length).toBeGreaterThan(40);
    expect(media.length).toBeGreaterThan(0);
    await source.stop();

    const exported = run([cli.strapiBin, 'export', '--no-encrypt', '--file', path.join(work, 'backup')], {});
    expect(exported).toMatchObject({ status: 0 });
    const [archive] = fs.readdirSync(work).filter((name) => name.startsWith('backup'));
    // The files must come from the archive, not from what the source left on disk.
    for (const url of media) fs.rmSync(path.join(APP_DIR, 'public', url), { force: true });

    const restoring = run([restoreScript(), '--file', path.join(work, archive)], { ...ADMIN, DATABASE_FILENAME: restoredFile });
    expect(restoring.output).toContain(`super admin ${ADMIN.ADMIN_EMAIL} created`);
    expect(restoring.status).toBe(0);
    // The restore wrote the files into the CLI copy's public/; the restored server serves the project's.
    for (const url of media) fs.copyFileSync(cli.publicFile(url), path.join(APP_DIR, 'public', url));

    restored = await bootStrapi({ databaseFile: restoredFile, env: { PASSERELLE_DEMO: undefined, PUBLIC_URL } });
    expect(await answersOf(restored, urls)).toEqual(before);
    expect(await graphqlAnswersOf(restored, queries)).toEqual(graphqlBefore);
    expect(await mediaBytes(restored, media)).toEqual(bytesBefore);

    const login = await restored.http().post('/admin/login').send({ email: ADMIN.ADMIN_EMAIL, password: ADMIN.ADMIN_PASSWORD });
    expect(login.status).toBe(200);
    expect((await restored.http().get('/admin/init')).body.data).toMatchObject({ hasAdmin: true });
  }, 600000);

  it('refuses to restore before touching the database when the admin to create is missing', () => {
    const refused = run([restoreScript(), '--file', path.join(work, 'none.tar.gz')], {
      ADMIN_EMAIL: '',
      ADMIN_PASSWORD: '',
      DATABASE_FILENAME: path.join(work, 'untouched.db'),
    });
    expect(refused.status).toBe(1);
    expect(refused.output).toContain('set ADMIN_EMAIL');
    expect(fs.existsSync(path.join(work, 'untouched.db'))).toBe(false);
  });
});

describe('a production instance without an admin account (a restored database)', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await bootStrapi({ env: { NODE_ENV: 'production', ADMIN_BOOTSTRAP: undefined, PASSERELLE_DEMO: undefined } });
  });
  afterAll(async () => {
    await server?.destroy();
  });

  it('lets no visitor create the first super admin from /admin', async () => {
    expect((await server.http().get('/admin/init')).body.data).toMatchObject({ hasAdmin: false });
    const claimed = await server
      .http()
      .post('/admin/register-admin')
      .send({ email: 'intrus@example.test', password: 'Intrus-2031', firstname: 'In', lastname: 'Trus' });
    expect(claimed.status).toBe(403);
    expect(claimed.body.error).toMatchObject({ name: 'ForbiddenError', message: expect.stringContaining('ADMIN_BOOTSTRAP=true') });
    expect(await server.strapi.service('admin::user').exists()).toBe(false);
  });
});

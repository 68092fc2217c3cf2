import { execFileSync } from 'node:child_process';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { useServerWithEditor, publicGet } from '../helpers/api';

const CACHE = 'x-passerelle-cache';
const onSqlite = (process.env.TEST_DATABASE_CLIENT ?? 'sqlite') === 'sqlite';
const itOnSqlite = onSqlite ? it : it.skip;

type Middleware = (ctx: unknown, next: () => Promise<unknown>) => Promise<unknown>;

/**
 * The hit path: a repeated anonymous public GET is answered before body parsing and the router (not
 * before koa-session, which Strapi puts ahead of every configured middleware: config/middlewares.ts),
 * with no database query, and still sees at once a write made by another process.
 */
describe('the response cache on the hit path', () => {
  const app = useServerWithEditor({ env: { PUBLIC_URL: 'https://api.passerelle.test' } });
  let articleId: string;

  beforeAll(async () => {
    const created = await app.editor.create(
      'articles',
      { title: 'Chemin court', kind: 'news', standfirst: 'première' },
      { locale: 'fr', status: 'published' }
    );
    articleId = created.body.data.documentId;
  });

  /** A GET the raw way, so it can carry a body (supertest and fetch refuse one on GET), to a listener of its own. */
  const rawGet = async (path: string, body: string) => {
    const handle = app.server.strapi.server.app.callback();
    const server = http.createServer((request, response) => void handle(request, response));
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', () => done()));
    const { port } = server.address() as AddressInfo;
    try {
      return await new Promise<{ status: number; headers: http.IncomingHttpHeaders; text: string }>((resolve, reject) => {
        const headers = { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body), Connection: 'close' };
        const request = http.request({ host: '127.0.0.1', port, path, method: 'GET', headers, agent: false }, (response) => {
          let text = '';
          response.on('data', (chunk: Buffer) => (text += chunk.toString()));
          response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, text }));
        });
        // The answer may come before the whole body is sent; the server then drops the connection.
        request.on('error', (error: NodeJS.ErrnoException) =>
          error.code === 'ECONNRESET' || error.code === 'EPIPE' ? undefined : reject(error)
        );
        request.end(body);
      });
    } finally {
      server.closeAllConnections();
      await new Promise((done) => server.close(done));
    }
  };

  it('answers a hit before the body parser and the router, with the same headers', async () => {
    const koaApp = app.server.strapi.server.app as unknown as { middleware: Middleware[] };
    // Koa's compose reads this array at each dispatch, so wrapping its entries takes effect at once
    // (koa 2 / koa-compose 4 under Strapi 5.54.0). Strapi's body middleware is the one calling koaBody.
    const ran: string[] = [];
    const original = [...koaApp.middleware];
    koaApp.middleware.forEach((middleware, index) => {
      const source = middleware.toString();
      const name = source.includes('koaBody') ? 'body' : source.includes('allowedMethods') ? 'router' : String(index);
      koaApp.middleware[index] = (ctx, next) => {
        ran.push(name);
        return middleware(ctx, next);
      };
    });
    try {
      // The miss through the router (the read model's early answer skips the body parser too), so that
      // `ran` is seen to name it.
      const serving = app.server.strapi.config.get('plugin::read-model.serve');
      app.server.strapi.config.set('plugin::read-model.serve', false);
      let first: Awaited<ReturnType<typeof publicGet>>;
      try {
        first = await publicGet(app.server, 'articles/slug/chemin-court', { locale: 'fr' });
      } finally {
        app.server.strapi.config.set('plugin::read-model.serve', serving);
      }
      expect(first.headers[CACHE]).toBe('miss');
      expect(ran).toContain('body');
      ran.length = 0;
      const second = await publicGet(app.server, 'articles/slug/chemin-court', { locale: 'fr' });
      expect(second.headers[CACHE]).toBe('hit');
      expect(ran).not.toContain('body');
      expect(ran.length).toBeLessThan(original.length / 2);
      for (const header of ['etag', 'cache-control', 'vary', 'surrogate-key', 'content-type'])
        expect([header, second.headers[header]]).toEqual([header, first.headers[header]]);
      expect(second.body).toEqual(first.body);
    } finally {
      original.forEach((middleware, index) => (koaApp.middleware[index] = middleware));
    }

    // A GET carrying a malformed JSON body of 2 MB gets the stored answer all the same.
    const junk = `{"not json${'x'.repeat(2 * 1024 * 1024)}`;
    const withBody = await rawGet('/api/articles/slug/chemin-court?locale=fr', junk);
    expect(withBody.status).toBe(200);
    expect(withBody.headers[CACHE]).toBe('hit');
    expect(JSON.parse(withBody.text).data.title).toBe('Chemin court');
  });

  it('still refuses a hit to a token, to an unknown parameter, and answers If-None-Match with 304', async () => {
    const first = await publicGet(app.server, `articles/${articleId}`, { locale: 'fr' });
    expect((await publicGet(app.server, `articles/${articleId}`, { locale: 'fr' })).headers[CACHE]).toBe('hit');
    const withToken = await app.server.http().get(`/api/articles/${articleId}?locale=fr`).set('Authorization', `Bearer ${app.token}`);
    expect(withToken.status).toBe(200);
    expect(withToken.headers[CACHE]).toBeUndefined();
    expect(withToken.headers['cache-control']).toBe('private, no-cache');
    const unknownParameter = await app.server.http().get(`/api/articles/${articleId}?locale=fr&junk=1`);
    expect(unknownParameter.headers[CACHE]).toBeUndefined();
    const revalidated = await publicGet(app.server, `articles/${articleId}`, { locale: 'fr' }).set('If-None-Match', first.headers.etag);
    expect(revalidated.status).toBe(304);
    expect(revalidated.headers[CACHE]).toBe('hit');
  });

  itOnSqlite('serves a hit without a single database query', async () => {
    await publicGet(app.server, 'articles', { locale: 'fr' });
    expect((await publicGet(app.server, 'articles', { locale: 'fr' })).headers[CACHE]).toBe('hit');
    const knex = app.server.strapi.db.connection;
    const queries: string[] = [];
    // Queries made while serving a request: the read model's background task polls on its own, outside any.
    const record = (query: { sql: string }) => {
      if (app.server.strapi.requestContext.get()) queries.push(query.sql);
    };
    knex.on('query', record);
    try {
      for (let i = 0; i < 5; i += 1) expect((await publicGet(app.server, 'articles', { locale: 'fr' })).headers[CACHE]).toBe('hit');
    } finally {
      knex.removeListener('query', record);
    }
    expect(queries).toEqual([]);
  });

  itOnSqlite('serves at once what another process wrote to the SQLite file (a script, a restore)', async () => {
    const path = 'articles/slug/chemin-court';
    await publicGet(app.server, path, { locale: 'fr' });
    expect((await publicGet(app.server, path, { locale: 'fr' })).headers[CACHE]).toBe('hit');
    // Another process writes as a Strapi script does: the row and the shared counter in one transaction.
    const script = `
      const Database = require('better-sqlite3');
      const db = new Database(process.argv[1]);
      db.transaction(() => {
        db.prepare("UPDATE articles SET standfirst = 'écrit par un script' WHERE document_id = ? AND published_at IS NOT NULL").run(process.argv[2]);
        db.prepare('UPDATE passerelle_content_version SET version = version + 1 WHERE id = 1').run();
      })();
      db.close();`;
    for (let round = 1; round <= 3; round += 1) {
      execFileSync(process.execPath, [
        '-e',
        script.replace('écrit par un script', `écrit par un script ${round}`),
        app.server.databaseFile,
        articleId,
      ]);
      const after = await publicGet(app.server, path, { locale: 'fr' });
      expect(after.headers[CACHE]).toBe('miss');
      expect(after.body.data.standfirst).toBe(`écrit par un script ${round}`);
      expect((await publicGet(app.server, path, { locale: 'fr' })).headers[CACHE]).toBe('hit');
    }
  });
});

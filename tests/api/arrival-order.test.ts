import net, { type AddressInfo } from 'node:net';
import type { TestServer } from '../helpers/strapi';
import { useServerWithEditor } from '../helpers/api';

/**
 * Requests are taken one a turn of the event loop, in the order Node parsed them (public-api's
 * dispatch/arrivalOrder.ts; its order is tested in tests/unit/plugins/public-api/arrivalOrder.test.ts).
 * Here, through Strapi's HTTP server: many requests that reach it at once (written on connections
 * it has already taken, so that one poll reads them all and they wait in line) each get the answer they get
 * alone, none is lost or held, with the response cache's front door before the dispatch or not, and the
 * setting turns the dispatch off.
 */
describe.each([
  ['with the response cache', {}, ''],
  // Without it, no front door stands before the server's listener: the listener is the dispatch itself.
  ['without the response cache', { CACHE_RESPONSES_MAX_MB: '0' }, 'dispatchInArrivalOrder'],
  // Strapi's own listener (@strapi/core createHTTPServer), which the dispatch wraps.
  ['turned off', { CACHE_RESPONSES_MAX_MB: '0', DISPATCH_IN_ARRIVAL_ORDER: 'false' }, 'handleRequest'],
])('requests taken in arrival order, %s', (_, env, listenerName) => {
  // Answers name the CMS's address: without it, the request's own, a new port for each of supertest's.
  const app = useServerWithEditor({ env: { PUBLIC_URL: 'https://api.passerelle.test', ...env } });
  const slugs: string[] = [];

  beforeAll(async () => {
    for (const [index, kind] of ['news', 'press-release', 'news'].entries()) {
      const created = await app.editor.create(
        'articles',
        { title: `Ordre d’arrivée ${index}`, kind },
        { locale: 'fr', status: 'published' }
      );
      expect(created.status).toBe(201);
      slugs.push(created.body.data.slug as string);
    }
  });

  const paths = () => [
    '/api/articles?locale=fr',
    '/api/articles?locale=en',
    ...slugs.map((slug) => `/api/articles/slug/${slug}?locale=fr`),
    '/api/articles/slug/nothing-here?locale=fr',
    '/api/feeds/fr/all.rss',
    '/api/feeds/fr/all.json',
    '/api/articles?locale=xx',
    '/api/articles?pagination[pageSize]=-1',
  ];

  const answerOf = async (server: TestServer, path: string) => {
    const response = await server.http().get(path);
    return { path, status: response.status, body: response.text };
  };

  /** Each request on a connection of its own, all opened first, then all written in one go. */
  const sentAtOnce = async (server: TestServer, paths: string[]) => {
    const httpServer = server.strapi.server.httpServer;
    if (!httpServer.listening) await new Promise<void>((resolve) => httpServer.listen(0, '127.0.0.1', resolve));
    const { port } = httpServer.address() as AddressInfo;
    // Written before the server has taken each connection, the requests would reach it one a turn.
    let accepted = 0;
    const allAccepted = new Promise<void>((resolve) => {
      const count = () => {
        accepted += 1;
        if (accepted < paths.length) return;
        httpServer.off('connection', count);
        resolve();
      };
      httpServer.on('connection', count);
    });
    const sockets = await Promise.all(
      paths.map(
        () =>
          new Promise<net.Socket>((resolve, reject) => {
            const socket = net.connect(port, '127.0.0.1', () => resolve(socket));
            socket.on('error', reject);
          })
      )
    );
    const texts = sockets.map(
      (socket) =>
        new Promise<string>((resolve) => {
          const chunks: Buffer[] = [];
          socket.on('data', (chunk: Buffer) => chunks.push(chunk));
          socket.on('end', () => resolve(Buffer.concat(chunks).toString()));
        })
    );
    await allAccepted;
    sockets.forEach((socket, index) => socket.write(`GET ${paths[index]} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n`));
    return (await Promise.all(texts)).map((text, index) => ({
      path: paths[index],
      status: Number(/^HTTP\/1\.1 (\d{3})/.exec(text)?.[1]),
      // Koa sends these answers with a Content-Length: the body is what follows the headers.
      body: text.slice(text.indexOf('\r\n\r\n') + 4),
    }));
  };

  it('answers each of many requests that reach it at once as it answers it alone', async () => {
    const alone = [];
    for (const path of paths()) alone.push(await answerOf(app.server, path));
    expect(alone.map(({ status }) => status)).toEqual(expect.arrayContaining([200, 404, 400]));
    const together = await sentAtOnce(app.server, Array.from({ length: 5 }, () => paths()).flat());
    for (const answer of together) expect(answer).toEqual(alone.find(({ path }) => path === answer.path));
  });

  it('is the listener of Strapi’s server it should be', () => {
    expect(app.server.strapi.server.httpServer.listeners('request').map((listener) => listener.name)).toEqual([listenerName]);
  });
});

import fc from 'fast-check';
import { useServerWithEditor } from '../helpers/api';

const PUBLIC_URL = 'https://api.passerelle.test';
// Headers that differ between two answers by nature: the clock, the connection, and what the rate limit has left.
const PER_ANSWER = new Set(['date', 'connection', 'keep-alive', 'x-ratelimit-remaining']);

type FrontDoorService = { isOpen(): boolean; answered(): number };

type Answer = { status: number; headers: Record<string, string>; rawNames: string[]; body: string };

/**
 * The front door answers stored reads before Koa. Differential test: the same request answered by the
 * front door and by serve-cached inside Koa (a cookie keeps a request away from the front door and
 * changes nothing else) gives the same status, headers and body, for random reads among every public
 * route the app serves, conditional or not, with an `Origin` or not, with writes between them. The rate limit
 * counts the front door's answers as it counts the others.
 */
// With the rate limit, a hit waits for its count; without it, the door answers without a promise.
describe.each([
  ['with the rate limit', { RATE_LIMIT_ENABLED: 'true', RATE_LIMIT_POINTS: '100000', RATE_LIMIT_DURATION_S: '600' }],
  ['without the rate limit', { RATE_LIMIT_ENABLED: 'false' }],
])('the response cache front door, %s', (_, rateLimit) => {
  const app = useServerWithEditor({ env: { PUBLIC_URL, ...rateLimit } });
  const slugs: string[] = [];
  const documentIds: string[] = [];

  beforeAll(async () => {
    for (const [index, kind] of ['news', 'press-release', 'news'].entries()) {
      const created = await app.editor.create(
        'articles',
        { title: `Porte d’entrée ${index}`, kind, standfirst: `Chapô <b>${index}</b>` },
        { locale: 'fr', status: 'published' }
      );
      expect(created.status).toBe(201);
      slugs.push(created.body.data.slug as string);
      documentIds.push(created.body.data.documentId as string);
    }
  });

  const frontDoorOf = () => app.server.strapi.service('plugin::response-cache.front-door') as unknown as FrontDoorService;

  const send = async (request: { method: 'GET' | 'HEAD'; path: string; headers: Record<string, string> }): Promise<Answer> => {
    const response = await (request.method === 'GET' ? app.server.http().get(request.path) : app.server.http().head(request.path)).set(
      request.headers
    );
    // The names as sent, case included (`response.res` is Node's IncomingMessage).
    const { rawHeaders } = (response as unknown as { res: { rawHeaders: string[] } }).res;
    const rawNames = rawHeaders.filter((_, index) => index % 2 === 0);
    return { status: response.status, headers: response.headers, rawNames, body: response.text ?? '' };
  };
  const comparable = (answer: Answer) => ({
    status: answer.status,
    body: answer.body,
    headers: Object.fromEntries(Object.entries(answer.headers).filter(([name]) => !PER_ANSWER.has(name))),
    rawNames: answer.rawNames.filter((name) => !PER_ANSWER.has(name.toLowerCase())).sort(),
  });

  const paths = () => [
    '/api/articles?locale=fr',
    '/api/articles?locale=en&fallback=true',
    '/api/articles?locale=fr&pagination[pageSize]=2&pagination[page]=2',
    '/api/articles?locale=fr&sort=title:asc',
    '/api/articles?locale=fr&unknown=1',
    ...slugs.map((slug) => `/api/articles/slug/${slug}?locale=fr`),
    ...documentIds.map((documentId) => `/api/articles/${documentId}?locale=fr`),
    '/api/articles/slug/absent?locale=fr',
    '/api/feeds/all.rss?locale=fr',
    '/api/feeds/news.json?locale=fr',
    '/api/sitemap.xml',
    '/api/search?q=porte&locale=fr',
    '/api/digest?locale=fr',
  ];

  it('answers as serve-cached does, header for header, and is used for every repeated anonymous read', async () => {
    const door = frontDoorOf();
    expect(door.isOpen()).toBe(true);
    // The last ETag each path answered, and one from elsewhere, for conditional reads that match or not.
    const etags = new Map<string, string>();
    let edits = 0;

    await fc.assert(
      fc.asyncProperty(
        fc.record({
          path: fc.constantFrom(...paths()),
          method: fc.constantFrom<'GET' | 'HEAD'>('GET', 'HEAD'),
          conditional: fc.constantFrom('no', 'this path', 'another path'),
          origin: fc.boolean(),
          edit: fc.option(fc.nat({ max: documentIds.length - 1 }), { freq: 4 }),
        }),
        async ({ path, method, conditional, origin, edit }) => {
          if (edit !== null) {
            edits += 1;
            const updated = await app.editor.update(
              'articles',
              documentIds[edit],
              { title: `Porte d’entrée ${edit}, version ${edits}` },
              { locale: 'fr', status: 'published' }
            );
            expect(updated.status).toBe(200);
          }
          const headers: Record<string, string> = {};
          const etag =
            conditional === 'this path' ? etags.get(path) : conditional === 'another path' ? [...etags.values()].at(-1) : undefined;
          if (etag) headers['If-None-Match'] = etag;
          if (origin) headers.Origin = 'https://site.passerelle.test';
          const inKoa = { method, path, headers: { ...headers, Cookie: 'koa=1' } };

          // Right after a write: whatever the front door answers is the new content.
          const first = await send({ method, path, headers });
          const koa = await send(inKoa);
          expect({ status: first.status, body: first.body }).toEqual({ status: koa.status, body: koa.body });

          const before = door.answered();
          const front = await send({ method, path, headers });
          expect(comparable(front)).toEqual(comparable(koa));
          const servedByDoor = door.answered() - before;
          expect(servedByDoor).toBe(!origin && koa.headers['x-passerelle-cache'] === 'hit' ? 1 : 0);
          if (koa.headers['x-ratelimit-remaining'] !== undefined)
            expect(Number(front.headers['x-ratelimit-remaining'])).toBe(Number(koa.headers['x-ratelimit-remaining']) - 1);
          if (koa.headers.etag) etags.set(path, koa.headers.etag);
        }
      ),
      { numRuns: 60 }
    );
    // A run where no hit reached the door would prove nothing.
    expect(door.answered()).toBeGreaterThan(10);
  }, 240000);

  it('writes a request log line for a hit when the level allows it, following the level while the app runs', async () => {
    const log = app.server.strapi.log as unknown as { level: string; http: (message: string) => unknown };
    const path = `/api/articles/slug/${slugs[1]}?locale=fr`;
    await send({ method: 'GET', path, headers: {} });
    const door = frontDoorOf();
    const lines: string[] = [];
    const http = log.http;
    const level = log.level;
    log.http = (message: string) => lines.push(message);
    try {
      for (const [asked, logged] of [
        ['http', true],
        ['error', false],
        ['verbose', true],
      ] as const) {
        log.level = asked;
        lines.length = 0;
        const before = door.answered();
        expect((await send({ method: 'GET', path, headers: {} })).status).toBe(200);
        expect(door.answered() - before).toBe(1);
        expect({ asked, lines }).toEqual({
          asked,
          lines: logged ? [expect.stringMatching(/^GET \/api\/articles\/slug\/\S+ \(\d+ ms\) 200$/)] : [],
        });
      }
    } finally {
      log.http = http;
      log.level = level;
    }
  });

  // Only where there is a limit to count against.
  if (rateLimit.RATE_LIMIT_ENABLED === 'true')
    it('counts its answers against the client’s rate limit', async () => {
      const path = `/api/articles/slug/${slugs[0]}?locale=fr`;
      await send({ method: 'GET', path, headers: {} });
      const answer = await send({ method: 'GET', path, headers: {} });
      const remaining = Number(answer.headers['x-ratelimit-remaining']);
      expect(remaining).toBeGreaterThan(0);
      const door = frontDoorOf();
      const before = door.answered();
      const again = await send({ method: 'GET', path, headers: {} });
      expect(door.answered()).toBe(before + 1);
      expect(again.headers['x-ratelimit-limit']).toBe('100000');
      expect(Number(again.headers['x-ratelimit-remaining'])).toBe(remaining - 1);
    });
});

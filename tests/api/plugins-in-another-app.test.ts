import fs from 'node:fs';
import path from 'node:path';
import request from 'supertest';
import type { Core } from '@strapi/strapi';
import { DIST_DIR } from '../helpers/strapi';
import { temporaryDatabaseFile, testEnvironment } from '../helpers/testEnvironment';

/**
 * Passerelle's plugins in a second, minimal app (tests/fixtures/minimal-app): one type of its own, a
 * "post" with an embargo date, and the visibility, response-cache and distribution plugins enabled
 * by configuration alone. Nothing of Passerelle's content types is there.
 */
const FIXTURE_DIR = path.resolve(__dirname, '..', 'fixtures', 'minimal-app');
const NOW = new Date('2031-06-01T12:00:00.000Z');
const RELEASE = '2031-06-01T12:00:20.000Z';

type Clock = { setClock: (source: () => Date) => void; resetClock: () => void };
type FixtureApp = { strapi: Core.Strapi; clock: Clock; stop: () => Promise<void> };

/**
 * Compiles and boots the fixture app on a fresh SQLite file, its clock at NOW, with a published post,
 * one under embargo until RELEASE and, with `withDraft`, a draft.
 */
const bootFixtureApp = async (name: string, env: Record<string, string>, withDraft: boolean): Promise<FixtureApp> => {
  const databaseFile = temporaryDatabaseFile(name);
  for (const [key, value] of Object.entries({ ...testEnvironment(databaseFile), ...env })) process.env[key] = value;
  const { compileStrapi, createStrapi } = require('@strapi/strapi') as typeof import('@strapi/strapi');
  await compileStrapi({ appDir: FIXTURE_DIR, ignoreDiagnostics: true });
  const strapi = createStrapi({ appDir: FIXTURE_DIR, distDir: path.join(FIXTURE_DIR, 'dist'), serveAdminPanel: false, autoReload: false });
  await strapi.load();
  strapi.server.mount();
  // The clock module the plugins loaded (Passerelle's dist), in this file's module registry.
  const clock = require(path.join(DIST_DIR, 'src', 'lib', 'clock', 'clock.js')) as Clock;
  clock.setClock(() => NOW);
  const posts = strapi.documents('api::post.post' as never);
  await posts.create({ data: { title: 'Already out', slug: 'already-out' }, status: 'published' } as never);
  await posts.create({ data: { title: 'Under embargo', slug: 'under-embargo', releaseAt: RELEASE }, status: 'published' } as never);
  if (withDraft) await posts.create({ data: { title: 'Draft only', slug: 'draft-only' } } as never);
  const stop = async () => {
    clock.resetClock();
    await strapi.destroy();
    for (const key of Object.keys(env)) Reflect.deleteProperty(process.env, key);
    for (const suffix of ['', '-journal', '-wal', '-shm']) fs.rmSync(databaseFile + suffix, { force: true });
    fs.rmSync(path.join(FIXTURE_DIR, 'dist'), { recursive: true, force: true });
  };
  return { strapi, clock, stop };
};

describe('the visibility, response-cache and distribution plugins in another app', () => {
  let strapi: Core.Strapi;
  let clock: Clock;
  let app: FixtureApp | undefined;
  const http = () => request(strapi.server.httpServer);

  beforeAll(async () => {
    app = await bootFixtureApp('minimal-app', {}, true);
    ({ strapi, clock } = app);
  });
  afterAll(async () => {
    await app?.stop();
  });

  const titles = (body: { data: Array<{ title: string }> }) => body.data.map((post) => post.title).sort();

  it('loads the plugins from their configuration, with none of Passerelle’s types', () => {
    expect(Object.keys(strapi.plugins)).toEqual(expect.arrayContaining(['visibility', 'response-cache', 'distribution']));
    expect(Object.keys(strapi.contentTypes).filter((uid) => uid.startsWith('api::'))).toEqual(['api::post.post']);
  });

  it('hides the embargoed post and the draft from the public until the embargo ends', async () => {
    const before = await http().get('/api/posts').query({ status: 'draft' });
    expect(before.status).toBe(200);
    expect(titles(before.body)).toEqual(['Already out']);
    expect(before.body.meta.pagination.total).toBe(1);

    clock.setClock(() => new Date(RELEASE));
    const after = await http().get('/api/posts');
    expect(titles(after.body)).toEqual(['Already out', 'Under embargo']);
    clock.setClock(() => NOW);
  });

  it('caches public answers, never past the embargo’s end, and drops them on a write', async () => {
    const first = await http().get('/api/posts').query({ sort: 'title' });
    expect(first.status).toBe(200);
    expect(first.headers['x-passerelle-cache']).toBe('miss');
    // The post under embargo appears in 20 s: no shared cache may keep or serve this answer longer,
    // stale copies included.
    expect(first.headers['cache-control']).toBe('public, max-age=0, s-maxage=20, stale-while-revalidate=0, stale-if-error=0');
    const second = await http().get('/api/posts').query({ sort: 'title' });
    expect(second.headers['x-passerelle-cache']).toBe('hit');
    expect(second.headers.etag).toBe(first.headers.etag);
    const revalidated = await http().get('/api/posts').query({ sort: 'title' }).set('If-None-Match', first.headers.etag);
    expect(revalidated.status).toBe(304);

    await strapi.documents('api::post.post' as never).create({ data: { title: 'Fresh' }, status: 'published' } as never);
    const third = await http().get('/api/posts').query({ sort: 'title' });
    expect(third.headers['x-passerelle-cache']).toBe('miss');
    expect(titles(third.body)).toEqual(['Already out', 'Fresh']);
  });

  it('serves a feed of the posts, the embargoed one only from its instant', async () => {
    type FeedItem = { title: string; url: string };
    const feedTitles = (body: { items: FeedItem[] }) => body.items.map((item) => item.title).sort();
    const before = await http().get('/api/feeds/en/posts.json');
    expect(before.status).toBe(200);
    expect(before.body.title).toContain('Posts');
    // `Fresh` (written above) has no slug, so no page: a feed leaves it out.
    expect(feedTitles(before.body)).toEqual(['Already out']);
    expect(before.body.items.find((item: FeedItem) => item.title === 'Already out').url).toBe('https://blog.example/en/posts/already-out');

    clock.setClock(() => new Date(RELEASE));
    const after = await http().get('/api/feeds/en/posts.json');
    expect(feedTitles(after.body)).toEqual(['Already out', 'Under embargo']);
    clock.setClock(() => NOW);
  });
});

/**
 * The distribution plugin alone: no visibility plugin, no response-cache plugin. It reaches them only
 * through their services, so it boots and serves; nothing is held back by a date (no plugin says so)
 * and nothing is cached (no caching headers on the streamed sitemap).
 */
describe('the distribution plugin without the visibility and response-cache plugins', () => {
  let strapi: Core.Strapi;
  let app: FixtureApp | undefined;
  const http = () => request(strapi.server.httpServer);

  beforeAll(async () => {
    app = await bootFixtureApp('minimal-app-alone', { FIXTURE_PLUGINS: 'distribution' }, false);
    ({ strapi } = app);
  });
  afterAll(async () => {
    await app?.stop();
  });

  it('loads without the other two', () => {
    expect(Object.keys(strapi.plugins)).toContain('distribution');
    expect(Object.keys(strapi.plugins)).not.toContain('visibility');
    expect(Object.keys(strapi.plugins)).not.toContain('response-cache');
  });

  it('serves the feed, with every published post: no plugin holds one back', async () => {
    const feed = await http().get('/api/feeds/en/posts.json');
    expect(feed.status).toBe(200);
    expect(feed.body.items.map((item: { title: string }) => item.title).sort()).toEqual(['Already out', 'Under embargo']);
    expect(feed.headers['x-passerelle-cache']).toBeUndefined();
  });

  it('serves the sitemap without caching headers', async () => {
    const sitemap = await http().get('/api/sitemap.xml');
    expect(sitemap.status).toBe(200);
    expect(sitemap.text).toContain('<loc>https://blog.example/en/posts/under-embargo</loc>');
    expect(sitemap.headers.etag).toBeUndefined();
  });
});

/**
 * Passerelle emits the Document Service's entry events only when something hears them
 * (response-cache, `server/entry-events`), and learns of listeners from its `register` on. A plugin it
 * has not read may listen before that: with one installed, every event goes out. This one listens from
 * the moment its module loads (tests/fixtures/minimal-app/src/plugins/entry-listener).
 */
describe('the response-cache plugin beside a plugin that listens to entry events before it registers', () => {
  let app: FixtureApp | undefined;
  type HeardEvent = { event: string; uid: string; entry: Record<string, unknown> | null };

  beforeAll(async () => {
    app = await bootFixtureApp('minimal-app-listener', { FIXTURE_PLUGINS: 'entry-listener,visibility,response-cache,distribution' }, true);
  });
  afterAll(async () => {
    await app?.stop();
  });

  it('lets that plugin hear every create and publish, with the entry', () => {
    expect(Object.keys(app?.strapi.plugins ?? {})).toContain('entry-listener');
    const heard = (globalThis as Record<symbol, HeardEvent[] | undefined>)[Symbol.for('minimal-app.entry-listener.heard')] ?? [];
    const titlesOf = (event: string) =>
      heard
        .filter((item) => item.event === event && item.uid === 'api::post.post')
        .map((item) => item.entry?.title)
        .sort();
    // Three posts created, two of them published at once (bootFixtureApp).
    expect(titlesOf('entry.create')).toEqual(['Already out', 'Draft only', 'Under embargo']);
    expect(titlesOf('entry.publish')).toEqual(['Already out', 'Under embargo']);
  });
});

import type { AddressInfo } from 'node:net';
import { useServerWithEditor } from '../helpers/api';
import { isInstalled, startProxy, type ProxyKind, type RunningProxy } from '../helpers/cachingProxy';
import { startWebhookReceiver } from '../helpers/webhookReceiver';
import type { TestServer } from '../helpers/strapi';

type Answer = { status: number; headers: Headers; text: string };
/** The proxy first, then the app's idle connections from it, so the app's own stop does not wait on them. */
const stopProxyThenApp = async (proxy: RunningProxy | undefined, server: TestServer | undefined) => {
  await proxy?.stop();
  server?.strapi.server.httpServer.closeAllConnections();
};
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const cacheControl = (answer: Answer) =>
  Object.fromEntries((answer.headers.get('cache-control') ?? '').split(',').map((part) => part.trim().split('=') as [string, string?]));

/**
 * Passerelle behind a real caching proxy, configured with the files shipped in config/proxy/, on
 * the real clock (the proxy keeps its own time). Runs for each proxy installed (`.ci/proxy.sh`).
 */
const PROXIES: ProxyKind[] = ['varnish', 'nginx'];

describe.each(PROXIES)('behind %s', (kind) => {
  const describeIfInstalled = isInstalled(kind) ? describe : describe.skip;
  describeIfInstalled('the public API through the proxy', () => {
    let proxy: RunningProxy;
    // Declared first so it runs first: the proxy lets go of its connections before the app stops.
    afterAll(() => stopProxyThenApp(proxy, app.server));
    const app = useServerWithEditor({ env: { CACHE_S_MAXAGE: '30', CACHE_STALE_WHILE_REVALIDATE: '300' } });

    beforeAll(async () => {
      const httpServer = app.server.strapi.server.httpServer;
      await new Promise<void>((resolve) => httpServer.listen(0, '127.0.0.1', resolve));
      proxy = await startProxy(kind, (httpServer.address() as AddressInfo).port);
    });

    const get = async (path: string, headers: Record<string, string> = {}): Promise<Answer> => {
      const response = await fetch(`${proxy.url}${path}`, { headers });
      return { status: response.status, headers: response.headers, text: await response.text() };
    };
    const asToken = () => ({ Authorization: `Bearer ${app.token}` });

    it('serves a public answer from its cache within s-maxage, and answers If-None-Match with 304', async () => {
      const created = await app.editor.create(
        'partners',
        { name: `Partenaire ${kind}`, kind: 'company', description: 'Version 1' },
        { locale: 'fr', status: 'published' }
      );
      expect(created.status).toBe(201);
      const path = `/api/partners/${created.body.data.documentId}?locale=fr`;
      const first = await get(path);
      const second = await get(path);
      expect(first.status).toBe(200);
      expect(first.headers.get('x-cache')).toMatch(/MISS/);
      expect(second.headers.get('x-cache')).toMatch(/HIT/);
      expect(second.text).toBe(first.text);
      expect(second.headers.get('etag')).toBe(first.headers.get('etag'));
      expect(cacheControl(first)).toMatchObject({ public: undefined, 's-maxage': '30' });
      // Tags for purges stay between Passerelle and the proxy.
      expect(first.headers.get('surrogate-key')).toBeNull();

      const revalidated = await get(path, { 'If-None-Match': first.headers.get('etag') as string });
      expect(revalidated.status).toBe(304);
      expect(revalidated.text).toBe('');
    });

    it('never gives an answer meant for a token to an anonymous reader, nor the reverse', async () => {
      // A draft: a full-access token reads it with status=draft, the public never does.
      const draft = await app.editor.create('partners', { name: `Brouillon ${kind}`, kind: 'company' }, { locale: 'fr', status: 'draft' });
      expect(draft.status).toBe(201);
      const path = `/api/partners?locale=fr&status=draft&filters[name][$eq]=${encodeURIComponent(`Brouillon ${kind}`)}`;

      const anonymous = await get(path);
      expect((await get(path)).headers.get('x-cache')).toMatch(/HIT/);
      const token = await get(path, asToken());
      const tokenAgain = await get(path, asToken());
      const anonymousAgain = await get(path);

      expect(anonymous.text).not.toContain(`Brouillon ${kind}`);
      expect(anonymousAgain.text).toBe(anonymous.text);
      expect(anonymousAgain.headers.get('x-cache')).toMatch(/HIT/);
      for (const answer of [token, tokenAgain]) {
        expect(answer.text).toContain(`Brouillon ${kind}`);
        expect(answer.headers.get('x-cache') ?? '').not.toMatch(/HIT/);
        expect(answer.headers.get('cache-control')).toBe('private, no-cache');
      }
    });

    it('shows an embargoed release within a second of its instant, never the page from before the lift', async () => {
      const slug = `communique-${kind}-${Date.now()}`;
      // Far enough ahead that, on a loaded machine, the first read still has whole seconds to cache.
      const instant = new Date(Date.now() + 6000);
      const release = await app.editor.create(
        'articles',
        { title: `Communiqué ${kind}`, slug, kind: 'press-release', standfirst: 'Sous embargo.', embargoUntil: instant.toISOString() },
        { locale: 'fr', status: 'published' }
      );
      expect(release.status).toBe(201);
      const path = `/api/articles?locale=fr&filters[slug][$eq]=${slug}`;

      const before = await get(path);
      expect(JSON.parse(before.text).data).toEqual([]);
      expect((await get(path)).headers.get('x-cache')).toMatch(/HIT/);
      const header = cacheControl(before);
      expect(Number(header['s-maxage'])).toBeLessThanOrEqual(5);
      // No stale window reaching past the instant: a proxy would serve the pre-lift page after it.
      expect(header['stale-while-revalidate']).toBe('0');

      // Nobody asks until just after the instant (nginx counts lifetimes in whole seconds of its own
      // clock): the first reader then must get the release, not a stale copy while the proxy refreshes.
      await sleep(instant.getTime() + 1100 - Date.now());
      const after = await get(path);
      expect(JSON.parse(after.text).data.map((entry: { slug: string }) => entry.slug)).toEqual([slug]);
    });

    it('never keeps a 404 given under embargo past the lift', async () => {
      const slug = `fiche-${kind}-${Date.now()}`;
      const instant = new Date(Date.now() + 2000);
      await app.editor.create(
        'articles',
        { title: `Fiche ${kind}`, slug, kind: 'press-release', embargoUntil: instant.toISOString() },
        { locale: 'fr', status: 'published' }
      );
      const before = await get(`/api/articles/slug/${slug}?locale=fr`);
      expect(before.status).toBe(404);
      expect(before.headers.get('cache-control')).toBe('no-store');
      await sleep(instant.getTime() + 1100 - Date.now());
      expect((await get(`/api/articles/slug/${slug}?locale=fr`)).status).toBe(200);
    });
  });
});

/**
 * The webhook's `purge` applied as a receiver would: Varnish bans by surrogate key and purges every
 * answer under a path; nginx's purge module drops one exact address (its cache key), so there the
 * receiver purges each path with the queries its site sends.
 */
describe.each(PROXIES)('purge on publish through %s', (kind) => {
  const describeIfInstalled = isInstalled(kind) ? describe : describe.skip;
  const onVarnish = kind === 'varnish' ? it : it.skip;
  describeIfInstalled('webhook purge targets', () => {
    let proxy: RunningProxy;
    let receiver: Awaited<ReturnType<typeof startWebhookReceiver>>;
    afterAll(async () => {
      await receiver?.close();
      await stopProxyThenApp(proxy, app.server);
    });
    const app = useServerWithEditor({ env: { CACHE_S_MAXAGE: '300', SITE_PATH_PARTNER: '/{locale}/partenaires/{slug}' } });

    beforeAll(async () => {
      const httpServer = app.server.strapi.server.httpServer;
      await new Promise<void>((resolve) => httpServer.listen(0, '127.0.0.1', resolve));
      proxy = await startProxy(kind, (httpServer.address() as AddressInfo).port);
      receiver = await startWebhookReceiver();
      const webhook = await app.server.strapi.get('webhookStore').createWebhook({
        name: 'purge the proxy',
        url: receiver.url,
        headers: {},
        events: ['entry.update', 'entry.publish'],
        isEnabled: true,
      });
      app.server.strapi.get('webhookRunner').add(webhook);
    });

    const get = async (path: string) => {
      const response = await fetch(`${proxy.url}${path}`);
      return { cache: response.headers.get('x-cache'), text: await response.text() };
    };

    onVarnish('drops every cached answer showing an edited document once the webhook’s surrogate keys are banned', async () => {
      const created = await app.editor.create(
        'partners',
        { name: 'Partenaire purgé', kind: 'company', description: 'Avant' },
        { locale: 'fr', status: 'published' }
      );
      const { documentId, slug } = created.body.data as { documentId: string; slug: string };
      const paths = [`/api/partners/${documentId}?locale=fr`, `/api/partners/slug/${slug}?locale=fr`, '/api/partners?locale=fr'];
      for (const path of paths) {
        await get(path);
        expect(await get(path)).toMatchObject({ cache: 'HIT' });
      }

      const seen = receiver.received.length;
      const updated = await app.editor.update('partners', documentId, { description: 'Après' }, { locale: 'fr', status: 'published' });
      expect(updated.status).toBe(200);
      await receiver.waitFor(seen + 1);
      const event = receiver.received.slice(seen).find((hook) => hook.event === 'entry.publish' || hook.event === 'entry.update') as {
        purge?: { surrogateKeys: string[]; paths: string[]; pages: string[] };
      };
      expect(event.purge?.surrogateKeys).toEqual(expect.arrayContaining(['type:api::partner.partner', `doc:${documentId}`]));
      expect(event.purge?.paths).toEqual(
        expect.arrayContaining(['/api/partners', `/api/partners/${documentId}`, `/api/partners/slug/${slug}`])
      );
      expect(event.purge?.pages).toEqual([`http://localhost:3000/fr/partenaires/${slug}`]);

      // Still the cached "Avant" until the purge: s-maxage is five minutes.
      expect((await get(paths[0])).text).toContain('Avant');
      const ban = await fetch(proxy.url, { method: 'BAN', headers: { 'Surrogate-Key': event.purge?.surrogateKeys.join(' ') ?? '' } });
      expect(ban.status).toBe(200);
      for (const path of paths) {
        const answer = await get(path);
        expect(answer.cache).toBe('MISS');
        expect(answer.text).toContain('Après');
      }
    });

    type Purge = { surrogateKeys: string[]; paths: string[]; pages: string[] };
    /** Every purge the write's events carried (a REST update with status=published sends update, then publish). */
    const purgesAfter = async (seen: number, events: number): Promise<Purge> => {
      await receiver.waitFor(seen + events);
      const purges = receiver.received.slice(seen).map((hook) => hook.purge as Purge);
      return {
        surrogateKeys: [...new Set(purges.flatMap((purge) => purge.surrogateKeys))],
        paths: [...new Set(purges.flatMap((purge) => purge.paths))],
        pages: [...new Set(purges.flatMap((purge) => purge.pages))],
      };
    };
    /** What a receiver that purges by path only does (nginx, a CDN without surrogate keys). */
    const purgePaths = async (purge: Purge, queries: string[]) => {
      const addresses = kind === 'varnish' ? purge.paths : purge.paths.flatMap((path) => queries.map((query) => `/purge${path}${query}`));
      for (const address of addresses) {
        // nginx answers 404 for an address it did not hold.
        expect([200, 404]).toContain((await fetch(`${proxy.url}${address}`, { method: 'PURGE' })).status);
      }
    };

    it('drops the page of a partner an article no longer shows, by path alone', async () => {
      const partner = await app.editor.create(
        'partners',
        { name: 'Partenaire retiré', kind: 'company' },
        { locale: 'fr', status: 'published' }
      );
      const { documentId: partnerId, slug: partnerSlug } = partner.body.data as { documentId: string; slug: string };
      const article = await app.editor.create(
        'articles',
        { title: 'Article avec partenaire', slug: `avec-partenaire-${Date.now()}`, kind: 'news', partners: [partnerId] },
        { locale: 'fr', status: 'published' }
      );
      expect(article.status).toBe(201);
      const { documentId: articleId, slug: articleSlug } = article.body.data as { documentId: string; slug: string };
      const partnerPage = `/api/partners/slug/${partnerSlug}?locale=fr&populate=articles`;
      const partnerById = `/api/partners/${partnerId}?locale=fr&populate=articles`;
      for (const path of [partnerPage, partnerById]) {
        expect((await get(path)).text).toContain(articleId);
        expect(await get(path)).toMatchObject({ cache: 'HIT' });
      }

      const seen = receiver.received.length;
      const edited = await app.editor.update('articles', articleId, { partners: [] }, { locale: 'fr', status: 'published' });
      expect(edited.status).toBe(200);
      const purge = await purgesAfter(seen, 2);
      expect(purge.paths).toEqual(expect.arrayContaining([`/api/partners/${partnerId}`, `/api/partners/slug/${partnerSlug}`]));
      expect(purge.pages).toEqual(
        expect.arrayContaining([`http://localhost:3000/fr/partenaires/${partnerSlug}`, expect.stringContaining(articleSlug)])
      );
      expect(purge.surrogateKeys).toEqual(expect.arrayContaining([`doc:${partnerId}`, `doc:${articleId}`]));

      expect((await get(partnerPage)).text).toContain(articleId);
      await purgePaths(purge, ['?locale=fr&populate=articles']);
      for (const path of [partnerPage, partnerById]) {
        const answer = await get(path);
        expect(answer.cache).toBe('MISS');
        expect(answer.text).not.toContain(articleId);
      }
    });

    it('drops the old slug’s answer and names its page when a slug changes', async () => {
      const oldSlug = `ancien-titre-${Date.now()}`;
      const article = await app.editor.create(
        'articles',
        { title: 'Ancien titre', slug: oldSlug, kind: 'news' },
        { locale: 'fr', status: 'published' }
      );
      const { documentId } = article.body.data as { documentId: string };
      const oldPath = `/api/articles/slug/${oldSlug}?locale=fr`;
      await get(oldPath);
      expect(await get(oldPath)).toMatchObject({ cache: 'HIT' });

      const seen = receiver.received.length;
      const newSlug = `nouveau-titre-${Date.now()}`;
      expect((await app.editor.update('articles', documentId, { slug: newSlug }, { locale: 'fr', status: 'published' })).status).toBe(200);
      const purge = await purgesAfter(seen, 2);
      expect(purge.paths).toEqual(expect.arrayContaining([`/api/articles/slug/${oldSlug}`, `/api/articles/slug/${newSlug}`]));
      expect(purge.pages).toEqual(expect.arrayContaining([expect.stringContaining(`/${oldSlug}`), expect.stringContaining(`/${newSlug}`)]));

      // Still cached until the purge: s-maxage is five minutes.
      expect(await get(oldPath)).toMatchObject({ cache: 'HIT' });
      if (kind === 'varnish') {
        expect((await fetch(proxy.url, { method: 'BAN', headers: { 'Surrogate-Key': purge.surrogateKeys.join(' ') } })).status).toBe(200);
        expect((await fetch(`${proxy.url}${oldPath}`)).status).toBe(404);
        await get(oldPath);
      }
      await purgePaths(purge, ['?locale=fr']);
      const afterPurge = await fetch(`${proxy.url}${oldPath}`);
      expect(afterPurge.status).toBe(404);
      expect(afterPurge.headers.get('x-cache')).not.toBe('HIT');
    });

    onVarnish('drops every answer under a path, whatever its query, on PURGE', async () => {
      await get('/api/partners?locale=en');
      expect(await get('/api/partners?locale=en')).toMatchObject({ cache: 'HIT' });
      expect((await fetch(`${proxy.url}/api/partners`, { method: 'PURGE' })).status).toBe(200);
      expect(await get('/api/partners?locale=en')).toMatchObject({ cache: 'MISS' });
    });
  });
});

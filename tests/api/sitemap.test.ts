import type { UID } from '@strapi/strapi';
import { useServerWithEditor } from '../helpers/api';
import { getText, parseXml } from '../helpers/text';
import type { TestServer } from '../helpers/strapi';

type Url = { loc: string; lastmod?: string; 'xhtml:link'?: Array<Record<string, string>> };
const SITE = 'http://localhost:3000';

const readSitemap = (xml: string) => {
  const { urlset } = parseXml(xml, ['url', 'xhtml:link']) as { urlset: { url: Url[]; '@xmlns': string; '@xmlns:xhtml': string } };
  return urlset;
};
const alternatesOf = (url: Url | undefined) => (url?.['xhtml:link'] ?? []).map((link) => [link['@hreflang'], link['@href']]);

describe('GET /sitemap.xml', () => {
  const app = useServerWithEditor({ env: { PASSERELLE_DEMO: 'true' } });

  it('is served at the root as XML, the same document as /api/sitemap.xml', async () => {
    const root = await getText(app.server, '/sitemap.xml');
    expect(root.status).toBe(200);
    expect(root.headers['content-type']).toMatch(/^application\/xml/);
    const api = await getText(app.server, '/api/sitemap.xml');
    expect(api.body).toBe(root.body);
    const urlset = readSitemap(root.body);
    expect(urlset['@xmlns']).toBe('http://www.sitemaps.org/schemas/sitemap/0.9');
    expect(urlset['@xmlns:xhtml']).toBe('http://www.w3.org/1999/xhtml');
  });

  it('lists every public page of every locale, with hreflang alternates and lastmod', async () => {
    const { url } = readSitemap((await getText(app.server, '/sitemap.xml')).body);
    const locs = url.map((u) => u.loc);
    for (const page of [
      '/fr',
      '/en',
      '/fr/actualites/declics-numeriques-passe-la-deuxieme-en-haute-garonne',
      '/en/news/declics-numeriques-shifts-into-second-gear-in-haute-garonne',
      '/fr/revue-de-presse/declics-numeriques-passe-la-deuxieme',
      '/en/editions/declics-numeriques-haute-garonne-autumn-2020',
      '/fr/programmes/declics-numeriques',
      '/en/partners/pierre-fabre',
      '/fr/manifeste',
      '/en/manifesto',
    ]) {
      expect(locs).toContain(`${SITE}${page}`);
    }
    expect(new Set(locs).size).toBe(locs.length);
    const article = url.find((u) => u.loc === `${SITE}/en/news/declics-numeriques-shifts-into-second-gear-in-haute-garonne`);
    expect(alternatesOf(article)).toEqual([
      ['en', `${SITE}/en/news/declics-numeriques-shifts-into-second-gear-in-haute-garonne`],
      ['fr', `${SITE}/fr/actualites/declics-numeriques-passe-la-deuxieme-en-haute-garonne`],
      ['x-default', `${SITE}/fr/actualites/declics-numeriques-passe-la-deuxieme-en-haute-garonne`],
    ]);
    for (const entry of url.filter((u) => !['/fr', '/en'].includes(u.loc.replace(SITE, '')))) {
      expect(new Date(String(entry.lastmod)).toString()).not.toBe('Invalid Date');
    }
  });

  it('leaves out drafts, and shows a publish and a locale variant at once (new ETag)', async () => {
    const before = await getText(app.server, '/sitemap.xml');
    expect(before.headers.etag).toMatch(/^"[A-Za-z0-9_-]{20,}"$/);
    expect(before.headers['cache-control']).toMatch(/^public, max-age=0, s-maxage=\d+/);
    expect((await getText(app.server, '/sitemap.xml', {}, { 'If-None-Match': before.headers.etag })).status).toBe(304);

    await app.editor.create('partners', { name: 'Partenaire brouillon', kind: 'company' }, { locale: 'fr', status: 'draft' });
    expect((await getText(app.server, '/sitemap.xml')).body).not.toContain('partenaire-brouillon');

    const created = await app.editor.create(
      'partners',
      { name: 'Nouveau partenaire', kind: 'company' },
      { locale: 'fr', status: 'published' }
    );
    const after = await getText(app.server, '/sitemap.xml', {}, { 'If-None-Match': before.headers.etag });
    expect(after.status).toBe(200);
    expect(after.headers.etag).not.toBe(before.headers.etag);
    const fr = readSitemap(after.body).url.find((u) => u.loc === `${SITE}/fr/partenaires/nouveau-partenaire`);
    expect(fr).toBeDefined();
    expect(alternatesOf(fr)).toEqual([]);

    await app.editor.update(
      'partners',
      created.body.data.documentId,
      { name: 'New partner', slug: 'new-partner', kind: 'company' },
      { locale: 'en', status: 'published' }
    );
    const withEnglish = readSitemap((await getText(app.server, '/sitemap.xml')).body).url;
    expect(alternatesOf(withEnglish.find((u) => u.loc === `${SITE}/fr/partenaires/nouveau-partenaire`))).toEqual([
      ['en', `${SITE}/en/partners/new-partner`],
      ['fr', `${SITE}/fr/partenaires/nouveau-partenaire`],
      ['x-default', `${SITE}/fr/partenaires/nouveau-partenaire`],
    ]);
  });

  describe('above the configured size: a sitemap index of numbered parts', () => {
    const setSitemap = (sitemap: { maxUrlsPerFile: number; rowsPerQuery?: number }) =>
      app.server.strapi.config.set('plugin::distribution.sitemap', sitemap);
    afterEach(() => setSitemap({ maxUrlsPerFile: 50_000 }));

    it('splits the same URLs, alternates and lastmods into parts of at most that many, whatever the rows read per query', async () => {
      const whole = readSitemap((await getText(app.server, '/sitemap.xml')).body).url;
      expect(whole.length).toBeGreaterThan(20);
      for (const [maxUrlsPerFile, rowsPerQuery] of [
        [7, 3],
        [5, 500],
        [whole.length - 1, 4],
      ]) {
        setSitemap({ maxUrlsPerFile, rowsPerQuery });
        const parts = await partsOf(app.server, '/sitemap.xml');
        expect(parts).toHaveLength(Math.ceil(whole.length / maxUrlsPerFile));
        const urls = [];
        for (const part of parts) {
          expect(part.url.length).toBeGreaterThan(0);
          expect(part.url.length).toBeLessThanOrEqual(maxUrlsPerFile);
          urls.push(...part.url);
        }
        // The same order as the whole file, so no URL is in two parts and none is missing.
        expect(urls).toEqual(whole);
      }
    });

    it('lists its parts at the root when asked at the root, under /api when asked there', async () => {
      setSitemap({ maxUrlsPerFile: 10 });
      const root = await getText(app.server, '/sitemap.xml');
      expect(root.status).toBe(200);
      expect(root.headers['content-type']).toMatch(/^application\/xml/);
      const rootLocs = sitemapLocs(root.body);
      expect(rootLocs[0]).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/sitemap-1\.xml$/);
      expect(rootLocs.map((loc) => new URL(loc).pathname)).toEqual(rootLocs.map((_, i) => `/sitemap-${i + 1}.xml`));
      const api = sitemapLocs((await getText(app.server, '/api/sitemap.xml')).body).map((loc) => new URL(loc).pathname);
      expect(api).toEqual(rootLocs.map((_, i) => `/api/sitemap-${i + 1}.xml`));
      const fromApi = await getText(app.server, '/api/sitemap-2.xml');
      expect(fromApi.body).toBe((await getText(app.server, '/sitemap-2.xml')).body);
    });

    it('answers a part with its own ETag and a 304 when unchanged, streamed', async () => {
      setSitemap({ maxUrlsPerFile: 10 });
      const first = await getText(app.server, '/sitemap-1.xml');
      const second = await getText(app.server, '/sitemap-2.xml');
      expect(first.headers.etag).toMatch(/^"[A-Za-z0-9_-]{20,}"$/);
      expect(second.headers.etag).not.toBe(first.headers.etag);
      expect(first.headers['cache-control']).toMatch(/^public, max-age=0, s-maxage=\d+/);
      // Written as it is read: no length known in advance, and never held in the response cache.
      expect(first.headers['transfer-encoding']).toBe('chunked');
      expect(first.headers['content-length']).toBeUndefined();
      expect(first.headers['x-passerelle-cache']).toBeUndefined();
      expect((await getText(app.server, '/sitemap-1.xml', {}, { 'If-None-Match': first.headers.etag })).status).toBe(304);
    });

    it.each([
      ['/sitemap-0.xml', 400],
      ['/sitemap-01.xml', 400],
      ['/sitemap-x.xml', 400],
      ['/api/sitemap-1e3.xml', 400],
      ['/sitemap-99999.xml', 404],
      ['/api/sitemap-999999999.xml', 404],
    ])('refuses %s with a %i naming the part, never a 500', async (path, status) => {
      setSitemap({ maxUrlsPerFile: 10 });
      const response = await app.server.http().get(path);
      expect(response.status).toBe(status);
      expect(response.headers['cache-control']).toBe('no-store');
      if (status === 400) expect(response.body.error.details.errors[0].path).toEqual(['part']);
    });

    it('has no parts while the sitemap fits one file', async () => {
      expect((await app.server.http().get('/sitemap-1.xml')).status).toBe(404);
    });
  });

  describe('visibility of every configured type and time field, one second before and at the instant', () => {
    const INSTANT = '2031-06-01T08:00:00.000Z';
    const BEFORE = '2031-06-01T07:59:59.000Z';
    const locsNow = async (server: TestServer) => {
      server.strapi.config.set('plugin::distribution.sitemap', { maxUrlsPerFile: 50_000 });
      const whole = readSitemap((await getText(server, '/sitemap.xml')).body).url;
      server.strapi.config.set('plugin::distribution.sitemap', { maxUrlsPerFile: 6, rowsPerQuery: 3 });
      const parted = (await partsOf(server, '/sitemap.xml')).flatMap((part) => part.url);
      server.strapi.config.set('plugin::distribution.sitemap', { maxUrlsPerFile: 50_000 });
      expect(parted).toEqual(whole);
      return whole;
    };

    it('hides a published page until its instant in the whole sitemap and in every part, then dates it there', async () => {
      const cases = timeFieldCases(app.server);
      // Passerelle: the schedule on six types, the embargo on articles.
      expect(cases.length).toBeGreaterThanOrEqual(7);
      const { site } = app.server.strapi.config.get<{
        site: { url: string; paths: Record<string, Record<string, string>> };
      }>('plugin::distribution');
      for (const { uid, field } of cases) {
        const documents = app.server.strapi.documents(uid) as unknown as Record<'update' | 'publish', (params: object) => Promise<unknown>>;
        const row = (await app.server.strapi.db.query(uid).findOne({
          where: { publishedAt: { $notNull: true }, locale: 'fr' },
          orderBy: { id: 'asc' },
        })) as Record<string, unknown> & { documentId: string; slug?: string };
        expect(row).toBeTruthy();
        const kind = uid.split('::')[1].split('.')[0];
        const page = `${site.url}${(site.paths[kind].fr ?? site.paths[kind].default).replace('{locale}', 'fr').replace('{slug}', String(row.slug))}`;
        app.server.setNow(BEFORE);
        expect((await locsNow(app.server)).map((u) => u.loc)).toContain(page);

        await documents.update({ documentId: row.documentId, locale: 'fr', data: { [field]: INSTANT } });
        await documents.publish({ documentId: row.documentId, locale: 'fr' });
        try {
          app.server.setNow(BEFORE);
          expect([uid, field, (await locsNow(app.server)).map((u) => u.loc)]).toEqual([uid, field, expect.not.arrayContaining([page])]);
          app.server.setNow(INSTANT);
          const at = (await locsNow(app.server)).find((u) => u.loc === page);
          expect([uid, field, at?.lastmod]).toEqual([uid, field, INSTANT]);
        } finally {
          await documents.update({ documentId: row.documentId, locale: 'fr', data: { [field]: null } });
          await documents.publish({ documentId: row.documentId, locale: 'fr' });
          app.server.setNow();
        }
      }
    });
  });
});

const sitemapLocs = (xml: string): string[] => {
  const { sitemapindex } = parseXml(xml, ['sitemap']) as { sitemapindex: { sitemap: Array<{ loc: string }> } };
  return sitemapindex.sitemap.map((entry) => entry.loc);
};

/** Every part the index at `path` lists, fetched at the address it gives. */
const partsOf = async (server: TestServer, path: string) => {
  const index = await getText(server, path);
  expect(index.status).toBe(200);
  const parts = [];
  for (const loc of sitemapLocs(index.body)) {
    const response = await getText(server, new URL(loc).pathname);
    expect(response.status).toBe(200);
    parts.push(readSitemap(response.body));
  }
  return parts;
};

/**
 * Every type with pages on the site that the visibility plugin restricts, with each time field its
 * settings give it (the schedule for all, the embargo for the types named), from the configuration
 * and the schemas at run time.
 */
const timeFieldCases = (server: TestServer): Array<{ uid: UID.ContentType; field: string }> => {
  const visibility = server.strapi.config.get<{
    contentTypes: string[];
    schedule: { field: string };
    embargo: { field: string; contentTypes: string[] };
  }>('plugin::visibility');
  const { site } = server.strapi.config.get<{ site: { paths: Record<string, unknown> } }>('plugin::distribution');
  const matches = (patterns: string[], uid: string) =>
    patterns.some((pattern) => (pattern.endsWith('::*') ? uid.startsWith(pattern.slice(0, -1)) : pattern === uid));
  return Object.values(server.strapi.contentTypes)
    .filter((type) => (type.uid.split('::')[1] ?? '').split('.')[0] in site.paths && matches(visibility.contentTypes, type.uid))
    .flatMap((type) =>
      [visibility.schedule.field, ...(matches(visibility.embargo.contentTypes, type.uid) ? [visibility.embargo.field] : [])]
        .filter((field) => field in type.attributes)
        .map((field) => ({ uid: type.uid as UID.ContentType, field }))
    );
};

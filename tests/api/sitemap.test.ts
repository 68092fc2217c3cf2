import { useServerWithEditor } from '../helpers/api';
import { getText, parseXml } from '../helpers/text';

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
});

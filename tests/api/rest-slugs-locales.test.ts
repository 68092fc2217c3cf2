import { errorPaths, publicGet, useServerWithEditor } from '../helpers/api';

/** The demo content gives every slugged type a French and an English version. */
const SLUGS = [
  [
    'articles',
    'declics-numeriques-passe-la-deuxieme-en-haute-garonne',
    'declics-numeriques-shifts-into-second-gear-in-haute-garonne',
    'http://localhost:3000/en/news/declics-numeriques-shifts-into-second-gear-in-haute-garonne',
  ],
  [
    'press-coverages',
    'declics-numeriques-passe-la-deuxieme',
    'declics-numeriques-passe-la-deuxieme',
    'http://localhost:3000/en/press-coverage/declics-numeriques-passe-la-deuxieme',
  ],
  [
    'editions',
    'declics-numeriques-haute-garonne-automne-2020',
    'declics-numeriques-haute-garonne-autumn-2020',
    'http://localhost:3000/en/editions/declics-numeriques-haute-garonne-autumn-2020',
  ],
  ['programmes', 'declics-numeriques', 'declics-numeriques', 'http://localhost:3000/en/programmes/declics-numeriques'],
  ['partners', 'pierre-fabre', 'pierre-fabre', 'http://localhost:3000/en/partners/pierre-fabre'],
] as const;

describe('REST: slugs, locales and fallback', () => {
  const app = useServerWithEditor({ env: { PASSERELLE_DEMO: 'true' } });
  let frenchOnlyId: string;

  beforeAll(async () => {
    const frenchOnly = await app.editor.create(
      'articles',
      { title: 'Seulement en français', kind: 'news' },
      { locale: 'fr', status: 'published' }
    );
    frenchOnlyId = frenchOnly.body.data.documentId;
  });

  describe.each(SLUGS)('GET /api/%s/slug/:slug', (path, frSlug, enSlug, enUrl) => {
    it('finds the French version and lists the English one as an alternate', async () => {
      const response = await publicGet(app.server, `${path}/slug/${frSlug}`, { locale: 'fr' });
      expect(response.status).toBe(200);
      expect(response.body.data).toMatchObject({ slug: frSlug, locale: 'fr' });
      expect(response.body.meta.locale).toEqual({ requested: 'fr', served: 'fr', fallback: false });
      expect(response.body.meta.alternates).toEqual([{ locale: 'en', slug: enSlug, url: enUrl }]);
    });

    it('finds the English version by its own slug, with the French one as alternate', async () => {
      const response = await publicGet(app.server, `${path}/slug/${enSlug}`, { locale: 'en' });
      expect(response.status).toBe(200);
      expect(response.body.data.locale).toBe('en');
      expect(response.body.meta.alternates.map((a: { locale: string; slug: string }) => [a.locale, a.slug])).toEqual([['fr', frSlug]]);
      expect(response.body.meta.url).toBe(enUrl);
    });

    it('answers 404 in Strapi error format for an unknown slug', async () => {
      const response = await publicGet(app.server, `${path}/slug/nothing-here`, { locale: 'fr' });
      expect(response.status).toBe(404);
      expect(response.body).toMatchObject({ data: null, error: { status: 404, name: 'NotFoundError' } });
    });
  });

  it('refuses an unknown locale and a malformed fallback with a 400 naming the field', async () => {
    for (const route of ['articles', `articles/${frenchOnlyId}`, 'articles/slug/seulement-en-francais', 'manifesto']) {
      const badLocale = await publicGet(app.server, route, { locale: 'xx' });
      expect(badLocale.status).toBe(400);
      expect(badLocale.body.error.name).toBe('ValidationError');
      expect(errorPaths(badLocale.body)).toEqual(['locale']);
      const badFallback = await publicGet(app.server, route, { locale: 'en', fallback: 'perhaps' });
      expect(badFallback.status).toBe(400);
      expect(errorPaths(badFallback.body)).toEqual(['fallback']);
    }
  });

  it('refuses a slug with characters a slug cannot have', async () => {
    const response = await publicGet(app.server, 'articles/slug/%3Cscript%3E', { locale: 'fr' });
    expect(response.status).toBe(400);
    expect(errorPaths(response.body)).toEqual(['slug']);
  });

  describe('locale fallback', () => {
    it('is off by default: a document missing in English is absent', async () => {
      expect((await publicGet(app.server, `articles/${frenchOnlyId}`, { locale: 'en' })).status).toBe(404);
      expect((await publicGet(app.server, 'articles/slug/seulement-en-francais', { locale: 'en' })).status).toBe(404);
      const list = await publicGet(app.server, 'articles', { locale: 'en' });
      expect(list.body.data.map((a: { documentId: string }) => a.documentId)).not.toContain(frenchOnlyId);
    });

    it('serves the French version, marked, on the detail and slug routes', async () => {
      for (const route of [`articles/${frenchOnlyId}`, 'articles/slug/seulement-en-francais']) {
        const response = await publicGet(app.server, route, { locale: 'en', fallback: 'true' });
        expect(response.status).toBe(200);
        expect(response.body.data).toMatchObject({ documentId: frenchOnlyId, locale: 'fr', title: 'Seulement en français' });
        expect(response.body.meta.locale).toEqual({ requested: 'en', served: 'fr', fallback: true });
      }
    });

    it('fills a list with French versions of what has no English one, and says which', async () => {
      const response = await publicGet(app.server, 'articles', {
        locale: 'en',
        fallback: true,
        sort: 'title:asc',
        fields: ['title', 'locale'],
      });
      expect(response.status).toBe(200);
      const items = response.body.data as Array<{ documentId: string; locale: string; title: string }>;
      expect(items).toHaveLength(3);
      expect(items.find((a) => a.documentId === frenchOnlyId)).toMatchObject({ locale: 'fr', title: 'Seulement en français' });
      expect(items.filter((a) => a.locale === 'en')).toHaveLength(2);
      expect(items.map((a) => a.title)).toEqual([...items.map((a) => a.title)].sort((a, b) => a.localeCompare(b, 'fr')));
      expect(response.body.meta.locale).toMatchObject({ requested: 'en', fallback: true, fallbackDocuments: [frenchOnlyId] });
      expect(response.body.meta.pagination).toMatchObject({ page: 1, total: 3 });
    });

    it('paginates the fallback list', async () => {
      const page2 = await publicGet(app.server, 'articles', {
        locale: 'en',
        fallback: true,
        sort: 'title:asc',
        pagination: { page: 2, pageSize: 2 },
      });
      expect(page2.body.data).toHaveLength(1);
      expect(page2.body.meta.pagination).toEqual({ page: 2, pageSize: 2, pageCount: 2, total: 3 });
    });
  });

  describe('default population and Strapi query parameters', () => {
    it('populates an edition with its partners, figures and cover formats without populate=*', async () => {
      const response = await publicGet(app.server, 'editions/slug/declics-numeriques-haute-garonne-autumn-2020', { locale: 'en' });
      const edition = response.body.data;
      expect(edition.partners.map((p: { partner: { name: string }; role: string }) => `${p.partner.name}:${p.role}`)).toContain(
        'Google (Ateliers Numériques):workshop-host'
      );
      expect(edition.workshops[0].host.name).toBe('Google (Ateliers Numériques)');
      expect(edition.outcomes[0]).toMatchObject({ value: 20 });
      expect(edition.cover.image.formats.thumbnail.url).toMatch(/^\/uploads\/.+\.jpg$/);
      expect(edition.cover).toMatchObject({ credit: 'Passerelle', licence: 'CC BY 4.0' });
      expect(edition.programme.name).toBe('DéClics Numériques');
      expect(edition.status).toBe('finished');
    });

    it('populates press coverage with its quotes, outlet and partners', async () => {
      const response = await publicGet(app.server, 'press-coverages', { locale: 'fr' });
      const coverage = response.body.data[0];
      expect(coverage.quotes).toHaveLength(4);
      expect(coverage.outlet.name).toBe('ToulÉco');
      expect(coverage.partners.map((p: { name: string }) => p.name)).toContain('Pierre Fabre');
    });

    it('lets an explicit populate and field selection win', async () => {
      const response = await publicGet(app.server, 'editions', { locale: 'fr', fields: ['title'], populate: ['outcomes'] });
      const edition = response.body.data[0];
      expect(Object.keys(edition).sort()).toEqual(['documentId', 'id', 'outcomes', 'title']);
    });

    it('caps the page size', async () => {
      const response = await publicGet(app.server, 'articles', { locale: 'fr', pagination: { pageSize: 5000 } });
      expect(response.status).toBe(200);
      expect(response.body.meta.pagination.pageSize).toBe(100);
    });
  });

  describe('JSON-LD in meta', () => {
    it('describes an article as a NewsArticle', async () => {
      const response = await publicGet(app.server, 'articles/slug/declics-numeriques-passe-la-deuxieme-en-haute-garonne', { locale: 'fr' });
      const jsonLd = response.body.meta.jsonLd;
      expect(jsonLd).toMatchObject({
        '@context': 'https://schema.org',
        '@type': 'NewsArticle',
        headline: 'DéClics Numériques passe la deuxième en Haute-Garonne',
        inLanguage: 'fr',
        url: 'http://localhost:3000/fr/actualites/declics-numeriques-passe-la-deuxieme-en-haute-garonne',
        publisher: { '@type': 'Organization', name: 'Diversidays' },
      });
      expect(new Date(jsonLd.datePublished).toString()).not.toBe('Invalid Date');
      expect(jsonLd.image[0].url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/uploads\/.+\.jpg$/);
      expect(jsonLd.image[0].creditText).toBe('Passerelle');
    });

    it('gives the publisher a logo that is served, with no ORGANIZATION_LOGO_URL set', async () => {
      const response = await publicGet(app.server, 'articles/slug/declics-numeriques-passe-la-deuxieme-en-haute-garonne', { locale: 'fr' });
      const logo = new URL(response.body.meta.jsonLd.publisher.logo as string);
      expect(logo.pathname).toBe('/logo.png');
      const served = await app.server.http().get(logo.pathname);
      expect(served.status).toBe(200);
      expect(served.headers['content-type']).toBe('image/png');
    });

    it('describes an edition as an Event with its dates, place and organisers', async () => {
      const response = await publicGet(app.server, 'editions/slug/declics-numeriques-haute-garonne-automne-2020', { locale: 'fr' });
      const jsonLd = response.body.meta.jsonLd;
      expect(jsonLd).toMatchObject({
        '@type': 'Event',
        startDate: '2020-09-28',
        endDate: '2020-10-05',
        eventAttendanceMode: 'https://schema.org/MixedEventAttendanceMode',
      });
      expect(jsonLd.location.map((l: { '@type': string }) => l['@type'])).toEqual(['VirtualLocation', 'Place']);
      expect(jsonLd.location[1].address).toMatchObject({ addressLocality: 'Toulouse', addressRegion: 'Occitanie' });
      expect(jsonLd.organizer.map((o: { name: string }) => o.name)).toEqual(['Diversidays', 'Région Occitanie', 'Pôle emploi']);
      expect(jsonLd.sponsor.map((o: { name: string }) => o.name)).toEqual([
        'Google (Ateliers Numériques)',
        'Pierre Fabre',
        'La Mêlée Numérique',
      ]);
    });

    it('describes a partner and the association as organisations', async () => {
      const partner = await publicGet(app.server, 'partners/slug/region-occitanie', { locale: 'fr' });
      expect(partner.body.meta.jsonLd).toMatchObject({
        '@type': 'GovernmentOrganization',
        name: 'Région Occitanie',
        url: 'https://www.laregion.fr',
      });
      const manifesto = await publicGet(app.server, 'manifesto', { locale: 'fr' });
      expect(manifesto.body.meta.jsonLd).toMatchObject({ '@type': 'NGO', name: 'Diversidays', foundingDate: '2017' });
      expect(manifesto.body.meta.jsonLd.founder.map((f: { name: string }) => f.name).sort()).toEqual(['Anthony Babkine', 'Mounira Hamdi']);
    });
  });
});

import { errorPaths, publicGet, useServerWithEditor } from '../helpers/api';
import { getText } from '../helpers/text';

const SITE = 'http://localhost:3000';
type Item = { documentId: string; title: string; url: string; date: string; image: { url: string; alt: string } | null };

describe('GET /api/newsletter/digest', () => {
  const app = useServerWithEditor({ env: { PASSERELLE_DEMO: 'true', PUBLIC_URL: 'https://cms.example' } });
  let editionId: string;

  beforeAll(async () => {
    const edition = await app.editor.create(
      'editions',
      {
        title: 'DéClics Numériques Gard 2030',
        number: 4,
        territory: { region: 'Occitanie', department: 'Gard' },
        startDate: '2030-03-02',
        endDate: '2030-03-20',
        format: 'online',
        summary: 'Une quatrième édition dans le Gard.',
      },
      { locale: 'fr', status: 'published' }
    );
    editionId = edition.body.data.documentId;
  });

  it('returns what was published since a date, grouped, as JSON in the locale asked', async () => {
    const response = await publicGet(app.server, 'newsletter/digest', { locale: 'fr', since: '2020-01-01' });
    expect(response.status).toBe(200);
    const { data, meta } = response.body as { data: Record<string, Item[]>; meta: Record<string, unknown> };
    expect(Object.keys(data)).toEqual(['news', 'pressReleases', 'pressCoverage', 'upcomingEditions']);
    expect(data.news.map((i) => i.url)).toEqual([`${SITE}/fr/actualites/declics-numeriques-passe-la-deuxieme-en-haute-garonne`]);
    expect(data.news[0].image).toMatchObject({
      url: expect.stringMatching(/^https:\/\/cms\.example\/uploads\/.+\.jpg$/),
      alt: expect.stringContaining('passerelle'),
    });
    expect(data.pressReleases.map((i) => i.title)).toEqual([
      'Communiqué : DéClics Numériques Hérault, 330 inscrits, trois fois plus qu’attendu',
    ]);
    expect(data.pressCoverage.map((i) => i.url)).toEqual([`${SITE}/fr/revue-de-presse/declics-numeriques-passe-la-deuxieme`]);
    // The demo editions ran in 2020; only the one still to come is listed.
    expect(data.upcomingEditions.map((i) => i.documentId)).toEqual([editionId]);
    expect(meta).toMatchObject({
      locale: 'fr',
      since: '2019-12-31T23:00:00.000Z',
      counts: { news: 1, pressReleases: 1, pressCoverage: 1, upcomingEditions: 1 },
    });

    const english = await publicGet(app.server, 'newsletter/digest', { locale: 'en', since: '2020-01-01' });
    expect(english.body.data.news.map((i: Item) => i.url)).toEqual([
      `${SITE}/en/news/declics-numeriques-shifts-into-second-gear-in-haute-garonne`,
    ]);
    // The 2030 edition has no English version yet.
    expect(english.body.data.upcomingEditions).toEqual([]);
  });

  it('leaves out what was public before `since`, and shows a new publication at once', async () => {
    // Just after the latest publication so far: real publish times, however slow the machine.
    const latest = async (uid: 'api::article.article' | 'api::press-coverage.press-coverage') =>
      (
        (await app.server.strapi.db
          .query(uid)
          .findOne({ where: { publishedAt: { $notNull: true } }, orderBy: { publishedAt: 'desc' }, select: ['publishedAt'] })) as {
          publishedAt: string;
        }
      ).publishedAt;
    const lastPublished = Math.max(
      ...(await Promise.all([latest('api::article.article'), latest('api::press-coverage.press-coverage')])).map((d) =>
        new Date(d).getTime()
      )
    );
    const since = new Date(lastPublished + 1).toISOString();
    const before = await publicGet(app.server, 'newsletter/digest', { locale: 'fr', since });
    expect(before.body.meta.counts).toMatchObject({ news: 0, pressReleases: 0, pressCoverage: 0 });
    const etag = before.headers.etag;
    expect(etag).toMatch(/^"[A-Za-z0-9_-]{20,}"$/);
    expect((await publicGet(app.server, 'newsletter/digest', { locale: 'fr', since }).set('If-None-Match', etag)).status).toBe(304);

    await app.editor.create(
      'articles',
      { title: 'Appel à partenaires 2030', kind: 'announcement', standfirst: 'Rejoignez-nous.' },
      { locale: 'fr', status: 'published' }
    );
    const after = await publicGet(app.server, 'newsletter/digest', { locale: 'fr', since }).set('If-None-Match', etag);
    expect(after.status).toBe(200);
    expect(after.body.data.news.map((i: Item) => i.title)).toEqual(['Appel à partenaires 2030']);
  });

  it('renders email-safe HTML: tables, inline styles, alt text, escaped values', async () => {
    const response = await getText(app.server, '/api/newsletter/digest', { locale: 'fr', since: '2020-01-01', format: 'html' });
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toMatch(/^text\/html; charset=utf-8/);
    const html = response.body as string;
    expect(html).toMatch(/^<!DOCTYPE html>\n<html lang="fr">/);
    expect(html).toContain('<table role="presentation"');
    expect(html).not.toMatch(/<style|<div|class=|<script/i);
    for (const heading of ['Actualités', 'Communiqués de presse', 'Revue de presse', 'Prochaines éditions'])
      expect(html).toContain(heading);
    expect(html).toContain('Communiqué : DéClics Numériques Hérault, 330 inscrits, trois fois plus qu’attendu');
    expect(html).toContain(`href="${SITE}/fr/actualites/declics-numeriques-passe-la-deuxieme-en-haute-garonne"`);
    expect(html).toContain('Du 2 mars 2030 au 20 mars 2030');
    const images = html.match(/<img [^>]*>/g) ?? [];
    expect(images.length).toBeGreaterThan(0);
    for (const image of images) expect(image).toMatch(/ alt="[^"]+"/);
    expect(response.headers.etag).toBeDefined();
  });

  it('renders the plain-text part with the same items and their addresses', async () => {
    const response = await getText(app.server, '/api/newsletter/digest', { locale: 'en', since: '2020-01-01', format: 'text' });
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toMatch(/^text\/plain; charset=utf-8/);
    const text = response.body as string;
    expect(text).toMatch(/^Diversidays — Newsletter\n=+\nPublished since January 1, 2020\n/);
    expect(text).toContain('NEWS\n----');
    expect(text).toContain('* DéClics Numériques shifts into second gear in Haute-Garonne');
    expect(text).toContain(`  ${SITE}/en/news/declics-numeriques-shifts-into-second-gear-in-haute-garonne`);
    expect(text).toContain('PRESS COVERAGE');
    expect(text).not.toMatch(/<[a-z]/);
  });

  it.each([
    [{ locale: 'fr' }, 'since'],
    [{ locale: 'fr', since: 'last-monday' }, 'since'],
    [{ locale: 'fr', since: '2026-13-01' }, 'since'],
    [{ locale: 'fr', since: '2999-01-01' }, 'since'],
    [{ locale: 'fr', since: '2020-01-01', format: 'pdf' }, 'format'],
    [{ locale: 'xx', since: '2020-01-01' }, 'locale'],
  ])('answers %j with a 400 in Strapi error format naming %s', async (query, field) => {
    const response = await publicGet(app.server, 'newsletter/digest', query);
    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({ data: null, error: { status: 400, name: 'ValidationError' } });
    expect(errorPaths(response.body)).toEqual([field]);
  });

  it('shows the ten newest of a busy week and links to the site for the rest, in JSON, HTML and text', async () => {
    const since = new Date().toISOString();
    const titles = Array.from({ length: 11 }, (_, i) => `Brève ${String(i + 1).padStart(2, '0')}`);
    // One after the other: each is published after the previous one, so the first is the one left out.
    for (const title of titles)
      await app.editor.create('articles', { title, kind: 'news', standfirst: 'En bref.' }, { locale: 'fr', status: 'published' });

    const response = await publicGet(app.server, 'newsletter/digest', { locale: 'fr', since });
    expect(response.body.data.news.map((i: Item) => i.title)).toEqual(titles.slice(1).reverse());
    expect(response.body.meta).toMatchObject({
      counts: { news: 10, pressReleases: 0 },
      more: { news: true, pressReleases: false, pressCoverage: false, upcomingEditions: false },
    });

    const html = (await getText(app.server, '/api/newsletter/digest', { locale: 'fr', since, format: 'html' })).body as string;
    expect(html).toContain(`<a href="${SITE}/fr" style="color:#0b5394;">Actualités : la suite sur Diversidays</a>`);
    const text = (await getText(app.server, '/api/newsletter/digest', { locale: 'fr', since, format: 'text' })).body as string;
    expect(text).toContain(`Actualités : la suite sur Diversidays\n  ${SITE}/fr\n`);
    // The briefs have no English version: nothing to link to in English.
    const english = (await getText(app.server, '/api/newsletter/digest', { locale: 'en', since, format: 'text' })).body as string;
    expect(english).not.toContain('more on Diversidays');

    // Ten exactly: nothing more to link to.
    const fromSecond = (await publicGet(app.server, 'newsletter/digest', { locale: 'fr', since: response.body.data.news[9].date })).body;
    expect(fromSecond.meta.counts.news).toBe(10);
    expect(fromSecond.meta.more.news).toBe(false);
  });
});

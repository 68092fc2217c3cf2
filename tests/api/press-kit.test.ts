import { errorPaths, useServerWithEditor } from '../helpers/api';
import { makeJpeg, makeTransparentPng, uploadImage } from '../helpers/images';
import { readZip } from '../helpers/zip';

// The journalists' permission (config/plugins.ts → visibility.embargo.readerAction).
const EMBARGOED_ACTION = 'api::article.article.embargoed';

const EMBARGO = '2031-03-02T08:00:00.000Z';
const BEFORE = '2031-03-02T07:59:59.000Z';
const AFTER = '2031-03-02T08:00:00.000Z';
const SLUG = 'declics-numeriques-occitanie';

describe('press kit download', () => {
  const app = useServerWithEditor();
  let journalistToken: string;
  let photo: Buffer;
  let logo: Buffer;

  beforeAll(async () => {
    photo = await makeJpeg(3200, 2000, { r: 30, g: 120, b: 200 });
    logo = await makeTransparentPng(900, 300);
    const photoFile = (await uploadImage(app.server, app.token, { buffer: photo, name: 'Atelier à Montpellier.jpg' })).body[0];
    const logoFile = (
      await uploadImage(app.server, app.token, { buffer: logo, name: 'logo.png', mime: 'image/png' }, { alternativeText: 'Logo' })
    ).body[0];

    const release = await app.editor.create(
      'articles',
      {
        title: 'DéClics Numériques en Occitanie',
        slug: SLUG,
        kind: 'press-release',
        standfirst: '330 personnes formées au numérique.',
        body: [{ type: 'paragraph', children: [{ type: 'text', text: 'Toulouse, le 2 mars 2031.' }] }],
        embargoUntil: EMBARGO,
        cover: {
          image: photoFile.id,
          alternativeText: 'Un atelier',
          caption: 'Atelier à Montpellier',
          credit: 'Jeanne Photo',
          licence: 'CC BY 4.0',
        },
        pressImages: [{ image: logoFile.id, credit: 'Diversidays', licence: 'Usage presse uniquement' }],
      },
      { locale: 'fr', status: 'published' }
    );
    expect(release.status).toBe(201);
    const english = await app.editor.update(
      'articles',
      release.body.data.documentId,
      {
        title: 'DéClics Numériques in Occitanie',
        slug: SLUG,
        cover: { image: photoFile.id, alternativeText: 'A workshop', credit: 'Jeanne Photo', licence: 'CC BY 4.0' },
      },
      { locale: 'en', status: 'published' }
    );
    expect(english.status).toBe(200);
    const draft = await app.editor.create(
      'articles',
      { title: 'Brouillon', slug: 'brouillon-presse', kind: 'press-release' },
      { locale: 'fr', status: 'draft' }
    );
    expect(draft.status).toBe(201);

    // A journalist's token. The embargo permission belongs to a route of the main branch, so it is
    // attached to the token directly until that route registers it.
    const token = (await app.server.strapi.service('admin::api-token').create({
      name: `journaliste-${Date.now()}`,
      type: 'custom',
      lifespan: null,
      permissions: ['api::article.press-kit.download'],
    })) as { id: number; accessKey: string };
    await app.server.strapi.db.query('admin::api-token-permission').create({ data: { action: EMBARGOED_ACTION, token: token.id } });
    journalistToken = token.accessKey;
  });

  const getKit = (slug: string, query: Record<string, string> = { locale: 'fr' }, token?: string) => {
    const request = app.server
      .http()
      .get(`/api/articles/slug/${slug}/press-kit.zip`)
      .query(query)
      .buffer(true)
      .parse((res, callback) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => callback(null, Buffer.concat(chunks)));
      });
    return token ? request.set('Authorization', `Bearer ${token}`) : request;
  };
  const json = (body: Buffer) => JSON.parse(body.toString('utf8'));

  describe('under embargo', () => {
    beforeAll(() => app.server.setNow(BEFORE));

    it('is a 404 for the public, as the release itself is', async () => {
      const response = await getKit(SLUG);
      expect(response.status).toBe(404);
      expect(json(response.body)).toMatchObject({ data: null, error: { status: 404, name: 'NotFoundError' } });
      const release = await app.server
        .http()
        .get('/api/articles')
        .query({ locale: 'fr', filters: { slug: SLUG } });
      expect(release.body.data).toEqual([]);
    });

    it('is served to a journalist whose token may read embargoed releases', async () => {
      const response = await getKit(SLUG, { locale: 'fr' }, journalistToken);
      expect(response.status).toBe(200);
      const names = (await readZip(response.body)).map((entry) => entry.name);
      expect(names).toEqual(['release.md', 'credits.txt', 'images/01-atelier-a-montpellier.jpg', 'images/02-logo.png']);
    });
  });

  describe('once the embargo is lifted', () => {
    beforeAll(() => app.server.setNow(AFTER));

    it('streams a ZIP to anyone, as a download', async () => {
      const response = await getKit(SLUG);
      expect(response.status).toBe(200);
      expect(response.headers['content-type']).toBe('application/zip');
      expect(response.headers['content-disposition']).toBe('attachment; filename="declics-numeriques-occitanie-fr-press-kit.zip"');
      // Streamed: the size is not known in advance.
      expect(response.headers['content-length']).toBeUndefined();
      expect(response.headers['transfer-encoding']).toBe('chunked');
    });

    it('holds the release text, the originals byte for byte, and the credits', async () => {
      const entries = await readZip((await getKit(SLUG)).body);
      expect(entries.map((entry) => entry.name)).toEqual([
        'release.md',
        'credits.txt',
        'images/01-atelier-a-montpellier.jpg',
        'images/02-logo.png',
      ]);
      const [release, credits, photoEntry, logoEntry] = entries;

      expect(photoEntry.bytes.equals(photo)).toBe(true);
      expect(logoEntry.bytes.equals(logo)).toBe(true);
      // Photos are stored, not deflated again.
      expect(photoEntry.compressionMethod).toBe(0);

      expect(release.bytes.toString('utf8')).toBe(
        '# DéClics Numériques en Occitanie\n\n' +
          // 08:00 UTC on 2 March is 09:00 in Paris (CET, UTC+1).
          'Embargo jusqu’au / Embargo until: 2031-03-02T09:00:00+01:00 (Europe/Paris)  \n' +
          `Publié le / Published: ${release.bytes.toString('utf8').match(/Published: ([^\n]+)/)?.[1]}\n\n` +
          '330 personnes formées au numérique.\n\nToulouse, le 2 mars 2031.\n'
      );
      const text = credits.bytes.toString('utf8');
      expect(text).toContain(
        'images/01-atelier-a-montpellier.jpg\n  Crédit / Credit: Jeanne Photo\n  Licence / Licence: CC BY 4.0\n' +
          '  Légende / Caption: Atelier à Montpellier\n  Texte alternatif / Alternative text: Un atelier\n  Dimensions: 3200×2000\n'
      );
      expect(text).toContain(
        'images/02-logo.png\n  Crédit / Credit: Diversidays\n  Licence / Licence: Usage presse uniquement\n' +
          '  Légende / Caption: non renseigné / not given\n  Texte alternatif / Alternative text: Logo\n  Dimensions: 900×300\n'
      );
    });

    it('serves each locale its own text and images', async () => {
      const entries = await readZip((await getKit(SLUG, { locale: 'en' })).body);
      expect(entries.map((entry) => entry.name)).toEqual(['release.md', 'credits.txt', 'images/01-atelier-a-montpellier.jpg']);
      expect(entries[0].bytes.toString('utf8')).toMatch(/^# DéClics Numériques in Occitanie\n/);
      expect(entries[1].bytes.toString('utf8')).toContain('Alternative text: A workshop');
    });

    it('answers 404 for an unknown slug and for a draft', async () => {
      for (const slug of ['pas-de-communique', 'brouillon-presse']) {
        const response = await getKit(slug);
        expect(response.status).toBe(404);
        expect(json(response.body)).toMatchObject({ data: null, error: { status: 404, name: 'NotFoundError' } });
      }
    });

    it('answers 400 naming the locale when it is unknown', async () => {
      const response = await getKit(SLUG, { locale: 'xx' });
      expect(response.status).toBe(400);
      const body = json(response.body);
      expect(body).toMatchObject({ data: null, error: { status: 400, name: 'ValidationError' } });
      expect(body.error.message).toMatch(/locale/);
      expect(errorPaths(body)).toEqual(['locale']);
    });
  });
});

import { publicGet, useServerWithEditor } from '../helpers/api';
import { makeJpeg, uploadImage } from '../helpers/images';

type Json = Record<string, unknown>;

const FORMAT_KEYS = ['thumbnail', 'small', 'medium', 'large'].flatMap((size) => [size, `${size}_webp`, `${size}_avif`]).sort();

describe('an image in API responses carries its formats, placeholder, focal point and credits', () => {
  const app = useServerWithEditor();
  let articleId: string;
  let personId: string;

  beforeAll(async () => {
    const photo = (
      await uploadImage(
        app.server,
        app.token,
        { buffer: await makeJpeg(2000, 1250), name: 'forum.jpg' },
        { caption: 'Forum emploi', focalPoint: { x: 30, y: 40 } }
      )
    ).body[0];
    const portrait = (await uploadImage(app.server, app.token, { buffer: await makeJpeg(1200, 1800), name: 'portrait.jpg' })).body[0];

    const article = await app.editor.create(
      'articles',
      {
        title: 'Forum de l’emploi inclusif',
        kind: 'news',
        cover: {
          image: photo.id,
          alternativeText: 'Le forum',
          caption: 'Au forum de Toulouse',
          credit: 'Jeanne Photo',
          licence: 'CC BY 4.0',
        },
        pressImages: [
          { image: portrait.id, alternativeText: 'Une participante', credit: 'Diversidays', licence: 'Usage presse uniquement' },
        ],
      },
      { locale: 'fr', status: 'published' }
    );
    expect(article.status).toBe(201);
    articleId = article.body.data.documentId;
    const person = await app.editor.create(
      'people',
      {
        name: 'Awa Diallo',
        role: 'Coordinatrice',
        photo: { image: portrait.id, alternativeText: 'Portrait', credit: 'Studio Sud', licence: 'Tous droits réservés' },
      },
      { locale: 'fr', status: 'published' }
    );
    expect(person.status).toBe(201);
    personId = person.body.data.documentId;
  });

  const expectSiteReadyImage = (image: Json, expected: { width: number; height: number; focalPoint: Json | null }) => {
    expect(image).toMatchObject({ width: expected.width, height: expected.height, mime: 'image/jpeg', focalPoint: expected.focalPoint });
    expect(Object.keys(image.formats as Json).sort()).toEqual(FORMAT_KEYS);
    expect((image.formats as Record<string, Json>).medium_avif).toMatchObject({
      mime: 'image/avif',
      url: expect.stringMatching(/^\/uploads\/medium_avif_.*\.avif$/),
    });
    expect(image.placeholder).toEqual({
      blurhash: expect.stringMatching(/^[0-9A-Za-z#$%*+,\-.:;=?@[\]^_{|}~]{20,}$/),
      dominantColor: expect.stringMatching(/^#[0-9a-f]{6}$/),
    });
  };

  it('on a public single read: credit, licence, caption and alternative text beside the image', async () => {
    const response = await publicGet(app.server, `articles/${articleId}`, {
      locale: 'fr',
      populate: { cover: { populate: ['image'] }, pressImages: { populate: ['image'] } },
    });
    expect(response.status).toBe(200);
    const { cover, pressImages } = response.body.data;
    expect(cover).toMatchObject({
      alternativeText: 'Le forum',
      caption: 'Au forum de Toulouse',
      credit: 'Jeanne Photo',
      licence: 'CC BY 4.0',
    });
    expectSiteReadyImage(cover.image, { width: 2000, height: 1250, focalPoint: { x: 30, y: 40 } });
    expect(cover.image.caption).toBe('Forum emploi');
    expect(pressImages).toHaveLength(1);
    expect(pressImages[0]).toMatchObject({ credit: 'Diversidays', licence: 'Usage presse uniquement' });
    expectSiteReadyImage(pressImages[0].image, { width: 1200, height: 1800, focalPoint: null });
  });

  it('on public lists, and on every type that uses the credited image', async () => {
    const articles = await publicGet(app.server, 'articles', { locale: 'fr', populate: { cover: { populate: '*' } } });
    expect(articles.body.data[0].cover).toMatchObject({ credit: 'Jeanne Photo', licence: 'CC BY 4.0' });
    expect(articles.body.data[0].cover.image.placeholder.blurhash).toEqual(expect.any(String));

    const person = await publicGet(app.server, `people/${personId}`, { locale: 'fr', populate: { photo: { populate: ['image'] } } });
    expect(person.body.data.photo).toMatchObject({ credit: 'Studio Sud', licence: 'Tous droits réservés', alternativeText: 'Portrait' });
    expectSiteReadyImage(person.body.data.photo.image, { width: 1200, height: 1800, focalPoint: null });
  });

  it('in the media library API too, with the placeholder and the focal point', async () => {
    const files = await app.editor.get('upload/files', { filters: { name: 'forum.jpg' } });
    expect(files.status).toBe(200);
    const [file] = Array.isArray(files.body) ? files.body : files.body.data;
    expectSiteReadyImage(file, { width: 2000, height: 1250, focalPoint: { x: 30, y: 40 } });
  });
});

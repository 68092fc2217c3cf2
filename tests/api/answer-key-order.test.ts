import { publicGet, useServerWithEditor } from '../helpers/api';
import { makeJpeg, uploadImage } from '../helpers/images';
import { waitUntilBuilt } from '../helpers/readModelProperty';

type Json = Record<string, unknown>;

/**
 * A document's `data` is the same bytes alone (by id, by slug) and in any list, whatever it is listed
 * with. Strapi (5.54) populates relations and components concurrently, and an empty one among all
 * the entries read together finishes first: a bare article listed with a fully illustrated one came
 * with its keys in another order than alone. The read model stores one text per document for both
 * (computed a page at a time), so both paths must give one order. Checked on the Document Service
 * path and from the model, with neighbours of every shape.
 */
describe('a document is the same bytes alone and in a list', () => {
  const app = useServerWithEditor();
  const slugs: string[] = [];

  beforeAll(async () => {
    const photo = (await uploadImage(app.server, app.token, { buffer: await makeJpeg(64, 48), name: 'salle.jpg' })).body[0] as {
      id: number;
    };
    const partner = await app.editor.create(
      'partners',
      { name: 'Fondation Lumière', kind: 'association' },
      { locale: 'fr', status: 'published' }
    );
    const image = { image: photo.id, alternativeText: 'Une salle', credit: 'Passerelle', licence: 'CC BY 4.0' };
    const shapes: Json[] = [
      { title: 'Tout illustré', cover: image, pressImages: [image], partners: [partner.body.data.documentId], tags: [{ label: 'forum' }] },
      { title: 'Sans rien' },
      { title: 'Images de presse seules', pressImages: [image, image] },
      { title: 'Couverture seule', cover: image },
    ];
    for (const [index, shape] of shapes.entries()) {
      const created = await app.editor.create('articles', { kind: 'news', ...shape }, { locale: 'fr', status: 'published' });
      expect(created.status).toBe(201);
      slugs[index] = created.body.data.slug;
    }
    await waitUntilBuilt(app.server.strapi);
  });

  const read = async (path: string, query: Json, serve: boolean) => {
    app.server.strapi.config.set('plugin::read-model.serve', serve);
    try {
      const response = await publicGet(app.server, path, query);
      expect(response.status).toBe(200);
      return response.body as { data: Json | Json[] };
    } finally {
      app.server.strapi.config.set('plugin::read-model.serve', true);
    }
  };

  it.each([
    ['from the Document Service', false],
    ['from the read model', true],
  ])('%s', async (_path, serve) => {
    const lists = [
      await read('articles', { locale: 'fr' }, serve),
      await read('articles', { locale: 'fr', sort: 'title:asc' }, serve),
      await read('articles', { locale: 'fr', pagination: { pageSize: 2 } }, serve),
    ];
    let compared = 0;
    for (const list of lists) {
      for (const item of list.data as Json[]) {
        const byId = await read(`articles/${String(item.documentId)}`, { locale: 'fr' }, serve);
        const bySlug = await read(`articles/slug/${String(item.slug)}`, { locale: 'fr' }, serve);
        expect(JSON.stringify(item)).toBe(JSON.stringify(byId.data));
        expect(JSON.stringify(item)).toBe(JSON.stringify(bySlug.data));
        compared += 1;
      }
    }
    expect(compared).toBe(slugs.length * 2 + 2);
  });
});

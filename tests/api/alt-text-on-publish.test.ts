import { errorPaths, publicGet, useServerWithEditor } from '../helpers/api';
import { makeJpeg, uploadImage } from '../helpers/images';

describe('alternative text is required to publish an image', () => {
  const app = useServerWithEditor();
  let bareImageId: number;
  let describedImageId: number;

  beforeAll(async () => {
    const bare = await uploadImage(app.server, app.token, { buffer: await makeJpeg(640, 360), name: 'sans-alt.jpg' });
    expect(bare.status).toBe(201);
    bareImageId = bare.body[0].id;
    const described = await uploadImage(
      app.server,
      app.token,
      { buffer: await makeJpeg(640, 360), name: 'avec-alt.jpg' },
      { alternativeText: 'Des participants devant un écran' }
    );
    describedImageId = described.body[0].id;
  });

  it('refuses to publish a cover without alternative text, says so, and keeps the draft', async () => {
    const draft = await app.editor.create(
      'articles',
      { title: 'Sans texte alternatif', kind: 'news', cover: { image: bareImageId, credit: 'Passerelle' } },
      { locale: 'fr', status: 'draft' }
    );
    expect(draft.status).toBe(201);
    expect(draft.body).toMatchObject({ data: { title: 'Sans texte alternatif' } });
    const { documentId } = draft.body.data;

    const published = await app.editor.update('articles', documentId, {}, { locale: 'fr', status: 'published' });
    expect(published.status).toBe(400);
    expect(published.body.error.name).toBe('ValidationError');
    expect(published.body.error.message).toMatch(/texte alternatif/);
    expect(published.body.error.message).toMatch(/alternative text/);
    expect(errorPaths(published.body)).toEqual(['cover.alternativeText']);

    expect((await publicGet(app.server, `articles/${documentId}`, { locale: 'fr' })).status).toBe(404);
    const stillDraft = await app.editor.get(`articles/${documentId}`, { locale: 'fr', status: 'draft', populate: 'cover' });
    expect(stillDraft.body.data.title).toBe('Sans texte alternatif');
    expect(stillDraft.body.data.cover.credit).toBe('Passerelle');
  });

  it('refuses creating straight to published too, storing nothing', async () => {
    const response = await app.editor.create(
      'articles',
      { title: 'Direct', kind: 'news', pressImages: [{ image: describedImageId }, { image: bareImageId }] },
      { locale: 'fr', status: 'published' }
    );
    expect(response.status).toBe(400);
    expect(errorPaths(response.body)).toEqual(['pressImages.1.alternativeText']);
    const drafts = await app.editor.get('articles', { locale: 'fr', status: 'draft', filters: { title: 'Direct' } });
    expect(drafts.body.data).toEqual([]);
  });

  it('publishes once the component has alternative text', async () => {
    const created = await app.editor.create(
      'articles',
      {
        title: 'Avec texte alternatif',
        kind: 'news',
        cover: { image: bareImageId, alternativeText: 'Une passerelle au coucher du soleil' },
      },
      { locale: 'fr', status: 'published' }
    );
    expect(created.status).toBe(201);
    const served = await publicGet(app.server, `articles/${created.body.data.documentId}`, { locale: 'fr', populate: 'cover' });
    expect(served.body.data.cover.alternativeText).toBe('Une passerelle au coucher du soleil');
  });

  it('accepts the alternative text of the media library', async () => {
    const created = await app.editor.create(
      'partners',
      { name: 'Logo décrit', kind: 'company', logo: { image: describedImageId } },
      { locale: 'fr', status: 'published' }
    );
    expect(created.status).toBe(201);
  });

  it('keeps the previous published version when a new publish is refused', async () => {
    const created = await app.editor.create(
      'people',
      { name: 'Photo décrite', photo: { image: bareImageId, alternativeText: 'Portrait' } },
      { locale: 'fr', status: 'published' }
    );
    expect(created.status).toBe(201);
    const { documentId } = created.body.data;
    const refused = await app.editor.update(
      'people',
      documentId,
      { photo: { image: bareImageId, alternativeText: '' } },
      { locale: 'fr', status: 'published' }
    );
    expect(refused.status).toBe(400);
    const served = await publicGet(app.server, `people/${documentId}`, { locale: 'fr', populate: 'photo' });
    expect(served.status).toBe(200);
    expect(served.body.data.photo.alternativeText).toBe('Portrait');
  });
});

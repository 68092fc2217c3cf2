import { publicGet, useServerWithEditor } from '../helpers/api';

const EMBARGO = '2031-03-02T08:00:00.000Z';
const BEFORE = '2031-03-02T07:59:59.000Z';
const AFTER = '2031-03-02T08:00:00.000Z';

describe('embargo on press releases', () => {
  const app = useServerWithEditor();
  let releaseId: string;
  let newsId: string;
  let editionId: string;

  beforeAll(async () => {
    const release = await app.editor.create(
      'articles',
      { title: 'Communiqué sous embargo', kind: 'press-release', embargoUntil: EMBARGO },
      { locale: 'fr', status: 'published' }
    );
    expect(release.status).toBe(201);
    releaseId = release.body.data.documentId;
    await app.editor.update('articles', releaseId, { title: 'Embargoed release' }, { locale: 'en', status: 'published' });
    const news = await app.editor.create('articles', { title: 'Actualité libre', kind: 'news' }, { locale: 'fr', status: 'published' });
    newsId = news.body.data.documentId;
    const edition = await app.editor.create(
      'editions',
      {
        title: 'Édition liée',
        number: 3,
        territory: { region: 'Occitanie' },
        startDate: '2031-03-01',
        endDate: '2031-03-10',
        format: 'online',
      },
      { locale: 'fr', status: 'published' }
    );
    editionId = edition.body.data.documentId;
    await app.editor.update('articles', releaseId, { editions: [editionId] }, { locale: 'fr', status: 'published' });
    await app.editor.update('articles', newsId, { editions: [editionId] }, { locale: 'fr', status: 'published' });
  });

  const listIds = async (query: Record<string, unknown> = {}) =>
    (await publicGet(app.server, 'articles', { locale: 'fr', ...query })).body.data.map((a: { documentId: string }) => a.documentId);

  describe('one second before the instant', () => {
    beforeAll(() => app.server.setNow(BEFORE));

    it('is absent from the list, and from its count', async () => {
      const response = await publicGet(app.server, 'articles', { locale: 'fr' });
      expect(response.body.data.map((a: { documentId: string }) => a.documentId)).toEqual([newsId]);
      expect(response.body.meta.pagination.total).toBe(1);
    });

    it('is absent even when the client filters for it', async () => {
      expect(await listIds({ filters: { kind: 'press-release' } })).toEqual([]);
      expect(await listIds({ filters: { $or: [{ embargoUntil: { $gt: '2000-01-01' } }, { embargoUntil: { $null: true } }] } })).toEqual([
        newsId,
      ]);
    });

    it('answers 404 on its detail route, in every locale', async () => {
      expect((await publicGet(app.server, `articles/${releaseId}`, { locale: 'fr' })).status).toBe(404);
      expect((await publicGet(app.server, `articles/${releaseId}`, { locale: 'en' })).status).toBe(404);
    });

    it('is absent when populated through a relation of another type', async () => {
      const edition = await publicGet(app.server, `editions/${editionId}`, { locale: 'fr', populate: 'articles' });
      expect(edition.status).toBe(200);
      expect(edition.body.data.articles.map((a: { documentId: string }) => a.documentId)).toEqual([newsId]);
      const star = await publicGet(app.server, `editions/${editionId}`, { locale: 'fr', populate: '*' });
      expect(star.body.data.articles.map((a: { documentId: string }) => a.documentId)).toEqual([newsId]);
      const deep = await publicGet(app.server, 'editions', { locale: 'fr', populate: { articles: { fields: ['title'] } } });
      expect(deep.body.data[0].articles.map((a: { title: string }) => a.title)).toEqual(['Actualité libre']);
    });

    it('is absent, like drafts, from a Content API read that names no status', async () => {
      // The Document Service reads drafts when no status is given; a public read must still get published, visible versions.
      await app.editor.create('articles', { title: 'Brouillon seulement', kind: 'news' }, { locale: 'fr', status: 'draft' });
      const { strapi } = app.server;
      const asPublicReader = { method: 'GET', state: { route: { info: { type: 'content-api' } } } };
      const entries = (await (strapi.requestContext as unknown as { run: <T>(store: unknown, read: () => Promise<T>) => Promise<T> }).run(
        asPublicReader,
        () => strapi.documents('api::article.article').findMany({ locale: 'fr' } as never)
      )) as Array<{ title: string; publishedAt: string | null }>;
      expect(entries.map((entry) => entry.title)).toEqual(['Actualité libre']);
      expect(entries.every((entry) => entry.publishedAt !== null)).toBe(true);
    });
  });

  describe('at the instant', () => {
    beforeAll(() => app.server.setNow(AFTER));

    it('appears in the list, on its detail route and through relations, without anyone acting', async () => {
      expect((await listIds()).sort()).toEqual([newsId, releaseId].sort());
      const detail = await publicGet(app.server, `articles/${releaseId}`, { locale: 'en' });
      expect(detail.status).toBe(200);
      expect(detail.body.data.title).toBe('Embargoed release');
      const edition = await publicGet(app.server, `editions/${editionId}`, { locale: 'fr', populate: 'articles' });
      expect(edition.body.data.articles).toHaveLength(2);
    });
  });
});

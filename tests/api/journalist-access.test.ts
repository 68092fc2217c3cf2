import { queryString, useServerWithEditor } from '../helpers/api';

const EMBARGO = '2031-05-04T06:00:00.000Z';

describe('journalists read releases under embargo with their own token', () => {
  const app = useServerWithEditor();
  let journalistToken: string;
  let readOnlyToken: string;
  let releaseId: string;

  const get = (path: string, token: string | undefined, query: Record<string, unknown> = {}) => {
    const request = app.server.http().get(`/api/${path}?${queryString(query)}`);
    return token ? request.set('Authorization', `Bearer ${token}`) : request;
  };

  beforeAll(async () => {
    app.server.setNow('2031-05-01T12:00:00.000Z');
    const tokens = app.server.strapi.service('admin::api-token');
    journalistToken = (
      (await tokens.create({
        name: 'Journalistes (embargo)',
        type: 'custom',
        lifespan: null,
        permissions: [
          'api::article.article.find',
          'api::article.article.findOne',
          'api::article.article.findBySlug',
          'api::article.article.embargoed',
        ],
      })) as { accessKey: string }
    ).accessKey;
    readOnlyToken = ((await tokens.create({ name: 'Site (lecture)', type: 'read-only', lifespan: null })) as { accessKey: string })
      .accessKey;
    const release = await app.editor.create(
      'articles',
      { title: 'Résultats sous embargo', kind: 'press-release', embargoUntil: EMBARGO },
      { locale: 'fr', status: 'published' }
    );
    releaseId = release.body.data.documentId;
  });

  it('lets the journalist token list, open and look up the release, marked as under embargo', async () => {
    const list = await get('articles', journalistToken, { locale: 'fr' });
    expect(list.status).toBe(200);
    expect(list.body.data).toHaveLength(1);
    expect(list.body.data[0].embargo).toEqual({ until: EMBARGO, active: true });

    const detail = await get(`articles/${releaseId}`, journalistToken, { locale: 'fr' });
    expect(detail.body.data).toMatchObject({ title: 'Résultats sous embargo', embargo: { until: EMBARGO, active: true } });
    const bySlug = await get('articles/slug/resultats-sous-embargo', journalistToken, { locale: 'fr' });
    expect(bySlug.status).toBe(200);
  });

  it('lists what is under embargo on /api/articles/embargoed', async () => {
    const response = await get('articles/embargoed', journalistToken, { locale: 'fr' });
    expect(response.status).toBe(200);
    expect(response.body.data.map((a: { documentId: string }) => a.documentId)).toEqual([releaseId]);
  });

  it('gives nothing under embargo to the public or to an ordinary read-only token', async () => {
    expect((await get('articles', undefined, { locale: 'fr' })).body.data).toEqual([]);
    expect((await get('articles', readOnlyToken, { locale: 'fr' })).body.data).toEqual([]);
    expect((await get(`articles/${releaseId}`, readOnlyToken, { locale: 'fr' })).status).toBe(404);
    const forbidden = await get('articles/embargoed', undefined, { locale: 'fr' });
    expect(forbidden.status).toBe(403);
    expect(forbidden.body.error.name).toBe('ForbiddenError');
    expect((await get('articles/embargoed', readOnlyToken, { locale: 'fr' })).status).toBe(403);
  });

  it('limits the journalist token to reading articles', async () => {
    expect((await get('partners', journalistToken, { locale: 'fr' })).status).toBe(403);
    const write = await app.server
      .http()
      .post('/api/articles')
      .set('Authorization', `Bearer ${journalistToken}`)
      .send({ data: { title: 'x', kind: 'news' } });
    expect(write.status).toBe(403);
  });

  it('never serves drafts to the public, even when asked', async () => {
    await app.editor.create('articles', { title: 'Brouillon secret', kind: 'news' }, { locale: 'fr', status: 'draft' });
    const asked = await get('articles', undefined, { locale: 'fr', status: 'draft' });
    expect(JSON.stringify(asked.body)).not.toContain('Brouillon secret');
    const staff = await get('articles', undefined, { locale: 'fr' });
    expect(JSON.stringify(staff.body)).not.toContain('Brouillon secret');
  });

  it('shows the release to everyone once the embargo ends, marked as lifted', async () => {
    app.server.setNow(EMBARGO);
    const list = await get('articles', undefined, { locale: 'fr' });
    expect(list.body.data.map((a: { documentId: string }) => a.documentId)).toEqual([releaseId]);
    expect(list.body.data[0].embargo).toEqual({ until: EMBARGO, active: false });
    const embargoed = await get('articles/embargoed', journalistToken, { locale: 'fr' });
    expect(embargoed.body.data).toEqual([]);
  });
});

import { publicGet, useServerWithEditor } from '../helpers/api';
import { publishArticleWithPartner, waitUntilReadModelBuilt } from '../helpers/readModel';

const PUBLIC_URL = 'http://api.passerelle.test';

/** Reads the read model answers, and proof that they come from it: a row changed by hand changes the answer. */
describe('read model: detail and slug reads from stored rows', () => {
  const app = useServerWithEditor({
    env: { PUBLIC_URL, CACHE_RESPONSES_MAX_MB: '0', READ_MODEL_ENABLED: 'true', READ_MODEL_SERVE: 'true' },
  });
  const rows = () => app.server.strapi.db.connection('passerelle_read_model');
  let articleId: string;

  const servedBy = async (serve: boolean, path: string, query: Record<string, unknown> = {}) => {
    app.server.strapi.config.set('plugin::read-model.serve', serve);
    const response = await publicGet(app.server, path, query);
    app.server.strapi.config.set('plugin::read-model.serve', true);
    return { status: response.status, text: response.text, etag: response.headers.etag as string | undefined };
  };

  beforeAll(async () => {
    const { article } = await publishArticleWithPartner(app.editor);
    expect(article.status).toBe(201);
    articleId = article.body.data.documentId;
    await app.editor.update('articles', articleId, { title: 'Registration opens' }, { locale: 'en', status: 'published' });
    await waitUntilReadModelBuilt(app.server);
  });

  it('keeps one row per published locale', async () => {
    const stored = (await rows().where({ uid: 'api::article.article', document_id: articleId }).orderBy('locale')) as Array<{
      locale: string;
      slug: string;
      data: string;
    }>;
    expect(stored.map((row) => row.locale)).toEqual(['en', 'fr']);
    expect(JSON.parse(stored[1].data).title).toBe('Ouverture des inscriptions');
  });

  it('answers detail and slug reads byte for byte as the Document Service path does', async () => {
    const slug = ((await rows().where({ uid: 'api::article.article', document_id: articleId, locale: 'fr' }).first()) as { slug: string })
      .slug;
    for (const [path, query] of [
      [`articles/${articleId}`, {}],
      [`articles/${articleId}`, { locale: 'en' }],
      [`articles/slug/${slug}`, { locale: 'fr' }],
      [`articles/slug/${slug}`, { locale: 'en' }],
      [`articles/slug/${slug}`, { locale: 'en', fallback: 'true' }],
      ['articles/unknown-document', {}],
    ] as const) {
      const fast = await servedBy(true, path, query);
      const slow = await servedBy(false, path, query);
      expect({ path, query, ...fast }).toEqual({ path, query, ...slow });
    }
  });

  it('serves the stored row (a row changed by hand shows), and the Document Service path when asked for more', async () => {
    await rows()
      .where({ uid: 'api::article.article', document_id: articleId, locale: 'fr' })
      .update({ data: JSON.stringify({ marker: 'from the read model' }) });
    const stored = await publicGet(app.server, `articles/${articleId}`, { locale: 'fr' });
    expect(stored.body.data).toEqual({ marker: 'from the read model' });
    const populated = await publicGet(app.server, `articles/${articleId}`, { locale: 'fr', populate: '*' });
    expect(populated.body.data.title).toBe('Ouverture des inscriptions');
    // The next write to the document computes its rows again.
    await app.editor.update('articles', articleId, { title: 'Ouverture des inscriptions' }, { locale: 'fr', status: 'published' });
    const fresh = await publicGet(app.server, `articles/${articleId}`, { locale: 'fr' });
    expect(fresh.body.data.title).toBe('Ouverture des inscriptions');
  });

  it('finds a row that differs from the Document Service path (check), and computes it again (rebuild)', async () => {
    const service = app.server.strapi.plugin('read-model').service<{
      check: () => Promise<{ rows: number; differences: Array<{ documentId: string; field: string }> }>;
      rebuild: () => Promise<{ documents: number }>;
    }>('read-model');
    const clean = await service.check();
    expect(clean.differences).toEqual([]);
    expect(clean.rows).toBeGreaterThanOrEqual(3);
    await rows()
      .where({ uid: 'api::article.article', document_id: articleId, locale: 'en' })
      .update({ meta: JSON.stringify({ url: null, alternates: [] }) });
    const broken = await service.check();
    expect(broken.differences.map((d) => [d.documentId, d.field])).toEqual([[articleId, 'meta']]);
    await service.rebuild();
    expect((await service.check()).differences).toEqual([]);
  });

  it('serves nothing from the model between a write and the refresh of its rows, then serves the new rows', async () => {
    const service = app.server.strapi
      .plugin('read-model')
      .service<{ pauseBackgroundWork: (paused: boolean) => void; settle: () => Promise<void> }>('read-model');
    const pending = () => app.server.strapi.db.connection('passerelle_read_model_pending').count({ n: '*' }).first();
    const markStoredRow = () =>
      rows()
        .where({ uid: 'api::article.article', document_id: articleId, locale: 'fr' })
        .update({ data: JSON.stringify({ marker: 'from the read model' }) });
    const read = () => publicGet(app.server, `articles/${articleId}`, { locale: 'fr' });
    await service.settle();
    await markStoredRow();
    expect((await read()).body.data).toEqual({ marker: 'from the read model' });
    // With no refresh to run, a write's rows stay as they were: only its pending note tells readers.
    service.pauseBackgroundWork(true);
    const updated = await app.editor.update(
      'articles',
      articleId,
      { title: 'Inscriptions ouvertes' },
      { locale: 'fr', status: 'published' }
    );
    expect(updated.status).toBe(200);
    expect(Number((await pending())?.n)).toBeGreaterThan(0);
    expect((await read()).body.data.title).toBe('Inscriptions ouvertes');
    // Put under embargo: hidden at once, though the stored row still shows it.
    await markStoredRow();
    const embargoed = await app.editor.update(
      'articles',
      articleId,
      { kind: 'press-release', embargoUntil: '2099-01-01T00:00:00.000Z' },
      { locale: 'fr', status: 'published' }
    );
    expect(embargoed.status).toBe(200);
    expect((await read()).status).toBe(404);
    expect((await publicGet(app.server, 'articles', { locale: 'fr' })).text).not.toContain(articleId);
    // Once refreshed, the model serves again, from the new rows.
    await service.settle();
    expect(Number((await pending())?.n)).toBe(0);
    expect((await read()).status).toBe(404);
    const lifted = await app.editor.update('articles', articleId, { embargoUntil: null }, { locale: 'fr', status: 'published' });
    expect(lifted.status).toBe(200);
    await service.settle();
    const stored = (await rows().where({ uid: 'api::article.article', document_id: articleId, locale: 'fr' }).first()) as { data: string };
    expect(JSON.parse(stored.data).title).toBe('Inscriptions ouvertes');
    await markStoredRow();
    expect((await read()).body.data).toEqual({ marker: 'from the read model' });
    service.pauseBackgroundWork(false);
  });
});

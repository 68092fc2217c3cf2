import { describeOnEachDatabase } from '../helpers/eachDatabase';
import { createFullAccessToken, editorClient, publicGet, type EditorClient } from '../helpers/api';
import { makeJpeg, uploadImage } from '../helpers/images';
import { startWebhookReceiver } from '../helpers/webhookReceiver';
import type { TestServer } from '../helpers/strapi';

type Item = {
  contentType: string;
  documentId: string;
  locale: string;
  state: string;
  changedFields: string[];
  adminUrl: string;
  since: string | null;
};

const paragraph = (text: string) => [{ type: 'paragraph', children: [{ type: 'text', text }] }];

/**
 * Translation states against a real instance: missing, current, outdated, marked current; what does
 * not count (relations, media, a republish); the status route and its permission; the webhook; and
 * `meta.translation` on detail reads.
 */
describeOnEachDatabase('translation status', (server: () => TestServer) => {
  let editor: EditorClient;
  let token: string;
  let receiver: Awaited<ReturnType<typeof startWebhookReceiver>>;

  beforeAll(async () => {
    token = await createFullAccessToken(server());
    editor = editorClient(server(), token);
    receiver = await startWebhookReceiver();
    const webhook = await server()
      .strapi.get('webhookStore')
      .createWebhook({
        name: 'translation desk',
        url: receiver.url,
        headers: {},
        events: ['translation.outdated'],
        isEnabled: true,
      });
    server().strapi.get('webhookRunner').add(webhook);
  });
  afterAll(async () => {
    await receiver?.close();
  });

  const status = async (locale = 'en') => {
    const response = await server().http().get(`/api/translations/status?locale=${locale}`).set('Authorization', `Bearer ${token}`);
    expect(response.status).toBe(200);
    return response.body.data as Item[];
  };
  const stateOf = async (documentId: string, locale = 'en') =>
    (await status(locale)).find((item) => item.documentId === documentId)?.state ?? 'current';

  const publishedArticle = async (title: string) => {
    const created = await editor.create(
      'articles',
      { title, kind: 'news', body: paragraph(`Texte de ${title}`) },
      { locale: 'fr', status: 'published' }
    );
    expect(created.status).toBe(201);
    return created.body.data.documentId as string;
  };
  const translate = (documentId: string, data: Record<string, unknown>) =>
    editor.update('articles', documentId, data, { locale: 'en', status: 'published' });

  it('a new French document makes English missing; writing English makes it current', async () => {
    const documentId = await publishedArticle('Nouvelle');
    const listed = (await status()).find((item) => item.documentId === documentId);
    expect(listed).toMatchObject({ contentType: 'api::article.article', locale: 'en', state: 'missing', changedFields: [] });
    expect(listed?.adminUrl).toMatch(
      new RegExp(`/content-manager/collection-types/api::article.article/${documentId}\\?plugins\\[i18n\\]\\[locale\\]=en$`)
    );
    expect(await stateOf(documentId, 'fr')).toBe('current'); // the source is nobody's translation

    expect((await translate(documentId, { title: 'New one', body: paragraph('Text') })).status).toBe(200);
    expect(await stateOf(documentId)).toBe('current');
  });

  it('editing the French title or body makes English outdated, naming the fields; writing English clears it', async () => {
    for (const [field, value] of [
      ['title', 'Titre corrigé'],
      ['body', paragraph('Texte corrigé')],
    ] as const) {
      const documentId = await publishedArticle(`Corrigée ${field}`);
      await translate(documentId, { title: `Corrected ${field}` });
      expect(await stateOf(documentId)).toBe('current');
      expect((await editor.update('articles', documentId, { [field]: value }, { locale: 'fr', status: 'published' })).status).toBe(200);
      const item = (await status()).find((candidate) => candidate.documentId === documentId);
      expect(item).toMatchObject({ state: 'outdated', changedFields: [field] });
      expect(item?.since).toEqual(expect.any(String));
      await translate(documentId, { title: `Corrected ${field} again` });
      expect(await stateOf(documentId)).toBe('current');
    }
  });

  it('a shared relation, a media change, a non-localized field or a republish do not make it outdated', async () => {
    const partner = await editor.create('partners', { name: 'Partenaire', kind: 'company' }, { locale: 'fr', status: 'published' });
    await editor.update('partners', partner.body.data.documentId, { description: 'Partner' }, { locale: 'en', status: 'published' });
    const upload = async (name: string, width: number) => {
      const response = await uploadImage(server(), token, { buffer: await makeJpeg(width, 30), name });
      expect({ status: response.status, body: response.status === 201 ? 'ok' : response.body }).toEqual({ status: 201, body: 'ok' });
      return response.body[0].id;
    };
    const first = await upload('un.jpg', 40);
    const second = await upload('deux.jpg', 41);
    const documentId = await publishedArticle('Stable');
    await editor.update(
      'articles',
      documentId,
      { cover: { image: first, alternativeText: 'Une photo' } },
      { locale: 'fr', status: 'published' }
    );
    await translate(documentId, { title: 'Stable', cover: { image: first, alternativeText: 'A photo' } });
    expect(await stateOf(documentId)).toBe('current');

    await editor.update('articles', documentId, { partners: [partner.body.data.documentId] }, { locale: 'fr', status: 'published' });
    await editor.update(
      'articles',
      documentId,
      { cover: { image: second, alternativeText: 'Une photo' } },
      { locale: 'fr', status: 'published' }
    );
    await editor.update(
      'articles',
      documentId,
      { byline: 'Service communication', kind: 'announcement' },
      { locale: 'fr', status: 'published' }
    );
    await editor.update('articles', documentId, {}, { locale: 'fr', status: 'published' });
    expect(await stateOf(documentId)).toBe('current');
  });

  it('"mark current" clears it, through the Content API and with its own permission', async () => {
    const documentId = await publishedArticle('À confirmer');
    await translate(documentId, { title: 'To confirm' });
    await editor.update('articles', documentId, { standfirst: 'Chapeau ajouté' }, { locale: 'fr', status: 'published' });
    expect(await stateOf(documentId)).toBe('outdated');

    const body = { contentType: 'api::article.article', documentId, locale: 'en' };
    const refused = await server().http().post('/api/translations/mark-current').send(body);
    expect(refused.status).toBe(403);
    const bad = await server()
      .http()
      .post('/api/translations/mark-current')
      .set('Authorization', `Bearer ${token}`)
      .send({ ...body, locale: 'de' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.errors[0].path).toEqual(['locale']);
    const source = await server()
      .http()
      .post('/api/translations/mark-current')
      .set('Authorization', `Bearer ${token}`)
      .send({ ...body, locale: 'fr' });
    expect(source.status).toBe(400);

    const marked = await server().http().post('/api/translations/mark-current').set('Authorization', `Bearer ${token}`).send(body);
    expect(marked.status).toBe(200);
    expect(marked.body.data).toMatchObject({ documentId, locale: 'en', state: 'current' });
    expect(await stateOf(documentId)).toBe('current');
  });

  it('the status route lists oldest first, refuses the Public role and read-only tokens, and checks its locale', async () => {
    const items = await status();
    const since = items.map((item) => item.since ?? '');
    expect(since).toEqual([...since].sort());
    expect((await publicGet(server(), 'translations/status', { locale: 'en' })).status).toBe(403);
    const readOnly = (await server()
      .strapi.service('admin::api-token')
      .create({ name: `ro-${Date.now()}`, type: 'read-only', lifespan: null })) as { accessKey: string };
    expect(
      (await server().http().get('/api/translations/status?locale=en').set('Authorization', `Bearer ${readOnly.accessKey}`)).status
    ).toBe(403);
    const permitted = (await server()
      .strapi.service('admin::api-token')
      .create({
        name: `desk-${Date.now()}`,
        type: 'custom',
        lifespan: null,
        permissions: ['plugin::translation-status.status.list'],
      })) as { accessKey: string };
    expect(
      (await server().http().get('/api/translations/status?locale=en').set('Authorization', `Bearer ${permitted.accessKey}`)).status
    ).toBe(200);
    const unknown = await server().http().get('/api/translations/status?locale=xx').set('Authorization', `Bearer ${token}`);
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.details.errors[0].path).toEqual(['locale']);
  });

  it('sends translation.outdated once when a translation falls behind', async () => {
    const documentId = await publishedArticle('Annoncée');
    await translate(documentId, { title: 'Announced' });
    const before = receiver.received.length;
    await editor.update('articles', documentId, { title: 'Annoncée, corrigée' }, { locale: 'fr', status: 'published' });
    await receiver.waitFor(before + 1);
    expect(receiver.received[before]).toMatchObject({
      event: 'translation.outdated',
      uid: 'api::article.article',
      documentId,
      locale: 'en',
      source: 'fr',
      changedFields: ['title'],
    });
    // Already behind: a second correction does not announce it again.
    await editor.update('articles', documentId, { title: 'Annoncée, recorrigée' }, { locale: 'fr', status: 'published' });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(receiver.received.filter((hook) => hook.documentId === documentId)).toHaveLength(1);
  });

  it('answers meta.translation on detail and slug reads when asked: current, outdated, and missing on a fallback', async () => {
    const documentId = await publishedArticle('Méta');
    const fr = await publicGet(server(), `articles/${documentId}`, { locale: 'fr', translation: 'true' });
    expect(fr.body.meta.translation).toMatchObject({ source: 'fr', state: 'source' });
    const fallback = await publicGet(server(), `articles/${documentId}`, { locale: 'en', fallback: 'true', translation: 'true' });
    expect(fallback.status).toBe(200);
    expect(fallback.body.meta.translation).toMatchObject({ source: 'fr', state: 'missing' });

    const english = await translate(documentId, { title: 'Meta' });
    const slug = english.body.data.slug as string;
    const current = await publicGet(server(), `articles/slug/${slug}`, { locale: 'en', translation: 'true' });
    expect(current.body.meta.translation).toEqual({ source: 'fr', state: 'current', sourceUpdatedAt: expect.any(String) });

    await editor.update('articles', documentId, { title: 'Méta corrigée' }, { locale: 'fr', status: 'published' });
    const outdated = await publicGet(server(), `articles/slug/${slug}`, { locale: 'en', translation: 'true' });
    expect(outdated.body.meta.translation).toMatchObject({ source: 'fr', state: 'outdated' });
    expect(Date.parse(outdated.body.meta.translation.sourceUpdatedAt)).toBeGreaterThanOrEqual(
      Date.parse(current.body.meta.translation.sourceUpdatedAt)
    );

    // Off unless asked, and a bad value is a 400 naming the parameter.
    expect((await publicGet(server(), `articles/slug/${slug}`, { locale: 'en' })).body.meta.translation).toBeUndefined();
    const bad = await publicGet(server(), `articles/slug/${slug}`, { locale: 'en', translation: 'maybe' });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body.error)).toContain('translation');
  });
});

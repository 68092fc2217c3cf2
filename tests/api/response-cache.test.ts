import path from 'node:path';
import { useServerWithEditor, publicGet } from '../helpers/api';
import { DIST_DIR } from '../helpers/strapi';

const CACHE = 'x-passerelle-cache';
const NOW = '2031-03-01T09:00:00.000Z';
const EMBARGO = '2031-03-01T09:00:30.000Z';

describe("the API's own copy of public answers", () => {
  // Sites set their public URL; without one, answers depend on the Host (each supertest call has its own port).
  const app = useServerWithEditor({ env: { PUBLIC_URL: 'https://api.passerelle.test' } });
  let articleId: string;

  beforeAll(async () => {
    app.server.setNow(NOW);
    const created = await app.editor.create('articles', { title: 'Mise en cache', kind: 'news' }, { locale: 'fr', status: 'published' });
    articleId = created.body.data.documentId;
  });

  it('serves a repeated read from its copy: same body, same ETag, 304 still works', async () => {
    const first = await publicGet(app.server, 'articles/slug/mise-en-cache', { locale: 'fr' });
    const second = await publicGet(app.server, 'articles/slug/mise-en-cache', { locale: 'fr' });
    expect(first.headers[CACHE]).toBe('miss');
    expect(second.headers[CACHE]).toBe('hit');
    expect(second.body).toEqual(first.body);
    expect(second.body.data.title).toBe('Mise en cache');
    expect(second.headers.etag).toBe(first.headers.etag);
    expect(second.headers['cache-control']).toBe(first.headers['cache-control']);
    const revalidated = await publicGet(app.server, 'articles/slug/mise-en-cache', { locale: 'fr' }).set(
      'If-None-Match',
      first.headers.etag
    );
    expect(revalidated.status).toBe(304);
    expect(revalidated.text).toBe('');
  });

  it('drops every copy at a write: detail, slug and list show the change at once', async () => {
    const urls = [`articles/${articleId}`, 'articles/slug/mise-en-cache', 'articles'];
    for (const url of urls) await publicGet(app.server, url, { locale: 'fr' });
    for (const url of urls) expect((await publicGet(app.server, url, { locale: 'fr' })).headers[CACHE]).toBe('hit');

    await app.editor.update('articles', articleId, { standfirst: 'Chapô modifié' }, { locale: 'fr', status: 'published' });
    const detail = await publicGet(app.server, `articles/${articleId}`, { locale: 'fr' });
    const bySlug = await publicGet(app.server, 'articles/slug/mise-en-cache', { locale: 'fr' });
    const list = await publicGet(app.server, 'articles', { locale: 'fr' });
    expect([detail, bySlug, list].map((response) => response.headers[CACHE])).toEqual(['miss', 'miss', 'miss']);
    expect(detail.body.data.standfirst).toBe('Chapô modifié');
    expect(bySlug.body.data.standfirst).toBe('Chapô modifié');
    expect(list.body.data.find((entry: { documentId: string }) => entry.documentId === articleId).standfirst).toBe('Chapô modifié');
  });

  it('sees a change written by another instance sharing the database', async () => {
    await publicGet(app.server, 'articles/slug/mise-en-cache', { locale: 'fr' });
    const knex = app.server.strapi.db.connection;
    // What another instance does: write the row, then move the shared counter (its own lifecycle).
    await knex('articles')
      .where({ document_id: articleId, locale: 'fr' })
      .whereNotNull('published_at')
      .update({ standfirst: 'Écrit ailleurs' });
    await knex('passerelle_content_version').where({ id: 1 }).increment('version', 1);
    const response = await publicGet(app.server, 'articles/slug/mise-en-cache', { locale: 'fr' });
    expect(response.headers[CACHE]).toBe('miss');
    expect(response.body.data.standfirst).toBe('Écrit ailleurs');
  });

  it('lets the embargoed release appear at its instant, though the list was stored before', async () => {
    await app.editor.create(
      'articles',
      { title: 'Communiqué à 9 h 00 min 30 s', kind: 'press-release', embargoUntil: EMBARGO },
      { locale: 'fr', status: 'published' }
    );
    const titles = (response: { body: { data: Array<{ title: string }> } }) => response.body.data.map((entry) => entry.title);
    const before = await publicGet(app.server, 'articles', { locale: 'fr' });
    expect((await publicGet(app.server, 'articles', { locale: 'fr' })).headers[CACHE]).toBe('hit');
    expect(titles(before)).not.toContain('Communiqué à 9 h 00 min 30 s');

    app.server.setNow(EMBARGO);
    const after = await publicGet(app.server, 'articles', { locale: 'fr' });
    expect(after.headers[CACHE]).toBe('miss');
    expect(titles(after)).toContain('Communiqué à 9 h 00 min 30 s');
    app.server.setNow(NOW);
  });

  it('keeps its copies when the visibility announcer runs with nothing to announce', async () => {
    const { announceVisibilityChanges } = require(
      path.join(DIST_DIR, 'src', 'plugins', 'visibility', 'server', 'announceVisibility.js')
    ) as {
      announceVisibilityChanges: (strapi: unknown) => Promise<number>;
    };
    await publicGet(app.server, 'articles/slug/mise-en-cache', { locale: 'fr' });
    app.server.setNow('2031-03-01T09:00:10.000Z');
    expect(await announceVisibilityChanges(app.server.strapi)).toBe(0);
    expect((await publicGet(app.server, 'articles/slug/mise-en-cache', { locale: 'fr' })).headers[CACHE]).toBe('hit');
    app.server.setNow(NOW);
  });

  it('keeps its copies when translation-status writes its own records (no public answer shows them)', async () => {
    await publicGet(app.server, 'articles/slug/mise-en-cache', { locale: 'fr' });
    // As the tracker and its background backfill write them, through the query engine.
    await app.server.strapi.db.query('plugin::translation-status.translation-record').createMany({
      data: [{ subjectUid: 'api::article.article', subjectDocumentId: articleId, subjectLocale: 'xx', contentHash: 'test' }],
    });
    expect((await publicGet(app.server, 'articles/slug/mise-en-cache', { locale: 'fr' })).headers[CACHE]).toBe('hit');
    await app.server.strapi.db.query('plugin::translation-status.translation-record').deleteMany({ where: { subjectLocale: 'xx' } });
  });

  it('keeps its copies when Strapi notes its weekly usage reports, and drops them when a setting that answers read moves', async () => {
    const slug = () => publicGet(app.server, 'articles/slug/mise-en-cache', { locale: 'fr' });
    await slug();
    // What the upload and review-workflows plugins write a few seconds after every boot.
    for (const name of ['upload', 'review-workflows']) {
      const store = app.server.strapi.store({ type: 'plugin', name, key: 'metrics' });
      await store.set({ value: { weeklySchedule: '0 0 12 * * 1', lastWeeklyUpdate: Date.now() } });
      await store.set({ value: { weeklySchedule: '0 0 13 * * 1', lastWeeklyUpdate: Date.now() } });
      expect((await slug()).headers[CACHE]).toBe('hit');
    }
    // Users-permissions' settings are read by answers (and by the public routes' rules).
    const settings = app.server.strapi.store({ type: 'plugin', name: 'users-permissions', key: 'advanced' });
    await settings.set({ value: await settings.get({}) });
    expect((await slug()).headers[CACHE]).toBe('miss');
  });

  it('never stores what a token read: a draft read by staff stays unseen by the public', async () => {
    const draft = await app.editor.create('articles', { title: 'Brouillon', kind: 'news' }, { locale: 'fr', status: 'draft' });
    const url = `articles/${draft.body.data.documentId}`;
    const staff = await app.editor.get(url, { locale: 'fr', status: 'draft' });
    expect(staff.status).toBe(200);
    expect(staff.body.data.title).toBe('Brouillon');
    expect(staff.headers[CACHE]).toBeUndefined();
    const visitor = await publicGet(app.server, url, { locale: 'fr', status: 'draft' });
    expect(visitor.status).toBe(404);
  });

  it('hides a partner scheduled after the first reads, through the article that links it', async () => {
    // The first reads find nothing scheduled, so no rule is needed on partners; the new one must bring it back.
    const partnerNames = async () =>
      ((await publicGet(app.server, `articles/${articleId}`, { locale: 'fr' })).body.data.partners as Array<{ name: string }>).map(
        (p) => p.name
      );
    expect(await partnerNames()).toEqual([]);
    const later = await app.editor.create(
      'partners',
      { name: 'Partenaire annoncé demain', kind: 'company', visibleFrom: '2031-03-02T09:00:00.000Z' },
      { locale: 'fr', status: 'published' }
    );
    const now = await app.editor.create('partners', { name: 'Partenaire déjà là', kind: 'company' }, { locale: 'fr', status: 'published' });
    await app.editor.update(
      'articles',
      articleId,
      { partners: [later.body.data.documentId, now.body.data.documentId] },
      { locale: 'fr', status: 'published' }
    );
    expect(await partnerNames()).toEqual(['Partenaire déjà là']);
    app.server.setNow('2031-03-02T09:00:00.000Z');
    expect((await partnerNames()).sort()).toEqual(['Partenaire annoncé demain', 'Partenaire déjà là']);
    app.server.setNow(NOW);
  });

  it('accepts a locale the moment it is added', async () => {
    expect((await publicGet(app.server, 'articles', { locale: 'de' })).status).toBe(400);
    await app.server.strapi.plugin('i18n').service('locales').create({ code: 'de', name: 'German (de)' });
    const response = await publicGet(app.server, 'articles', { locale: 'de' });
    expect(response.status).toBe(200);
    expect(response.body.meta.locale).toMatchObject({ requested: 'de', served: 'de' });
  });
});

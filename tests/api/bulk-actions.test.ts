import type { Core } from '@strapi/strapi';
import { adminSession, type AdminSession } from '../helpers/admin';
import { createFullAccessToken, errorPaths, publicGet } from '../helpers/api';
import { describeWithEditorOnEachDatabase } from '../helpers/eachDatabase';
import { makeJpeg, uploadImage } from '../helpers/images';
import { settleReadModel } from '../helpers/readModel';
import type { TestServer } from '../helpers/strapi';

const ARTICLE = 'api::article.article';
const BULK = `/content-manager/collection-types/${ARTICLE}/actions`;
/** An article as the test wrote it: its title and slug in each locale it has. */
type Article = { documentId: string; titles: Record<string, string>; slugs: Record<string, string> };
type Hit = { documentId: string };

/** The article's address in the locale, as the sitemap lists it (config/site.ts). */
const sitemapPath = (server: TestServer, locale: string, slug: string): string =>
  server.strapi.config
    .get<{ paths: { article: Record<string, string> } }>('plugin::distribution.site')
    .paths.article[locale].replace('{slug}', slug);

/** What every article shares in a locale: the list's entries and the sitemap, read once per check. */
const sharedViews = async (server: TestServer, locale: string) => {
  const list = await publicGet(server, 'articles', { locale, 'pagination[pageSize]': '100' });
  const sitemap = await publicGet(server, 'sitemap.xml', {});
  return { listed: new Set((list.body.data as Hit[]).map((entry) => entry.documentId)), sitemap: sitemap.text };
};

/**
 * Whether each public surface shows the article in the locale: detail, slug, list, search, sitemap. A
 * locale the article never had is looked for by its French slug and title, which must not show there either.
 */
const publicViews = async (server: TestServer, shared: Awaited<ReturnType<typeof sharedViews>>, article: Article, locale: string) => {
  const slug = article.slugs[locale] ?? article.slugs.fr;
  const detail = await publicGet(server, `articles/${article.documentId}`, { locale });
  const bySlug = await publicGet(server, `articles/slug/${slug}`, { locale });
  const search = await publicGet(server, 'search', { locale, q: article.titles[locale] ?? article.titles.fr });
  return {
    detail: detail.status === 200,
    slug: bySlug.status === 200,
    list: shared.listed.has(article.documentId),
    search: (search.body.data as Hit[]).some((hit) => hit.documentId === article.documentId),
    sitemap: shared.sitemap.includes(`${sitemapPath(server, locale, slug)}<`),
  };
};

const isPublished = async (strapi: Core.Strapi, article: Article, locale: string): Promise<boolean> =>
  (await strapi.db.query(ARTICLE).count({ where: { documentId: article.documentId, locale, publishedAt: { $notNull: true } } })) > 0;

/**
 * Staff select several entries in the admin panel's list view and publish, unpublish or delete them
 * at once. Strapi 5.54.0 runs those Document Service calls side by side inside one transaction
 * (content-manager's publishMany, unpublishMany, deleteMany), so every rule and every derived state
 * (read model, search index, sitemap) runs concurrently in that transaction. Afterwards every public
 * surface shows exactly the entries that are published; a refused entry (an image without
 * alternative text) refuses the whole action, and nothing of it is published.
 */
describeWithEditorOnEachDatabase(
  'Bulk actions of the admin panel',
  (app) => {
    let admin: AdminSession;
    let bareImageId: number;
    beforeAll(async () => {
      admin = await adminSession(app().server);
      const token = await createFullAccessToken(app().server, 'bulk-actions');
      const bare = await uploadImage(app().server, token, { buffer: await makeJpeg(320, 180), name: 'sans-alt.jpg' });
      bareImageId = bare.body[0].id;
    });

    const draft = async (title: string, withEnglish: boolean): Promise<Article> => {
      const created = await app().editor.create('articles', { title, kind: 'news' }, { locale: 'fr', status: 'draft' });
      expect(created.status).toBe(201);
      const { documentId, slug } = created.body.data as { documentId: string; slug: string };
      const article: Article = { documentId, titles: { fr: title }, slugs: { fr: slug } };
      if (withEnglish) {
        const english = await app().editor.update('articles', documentId, { title: `${title} EN` }, { locale: 'en', status: 'draft' });
        expect(english.status).toBe(200);
        article.titles.en = `${title} EN`;
        article.slugs.en = (english.body.data as { slug: string }).slug;
      }
      return article;
    };

    /** Every surface agrees with the database, for each article and locale. */
    const expectSurfacesAgree = async (articles: Article[]) => {
      const { server } = app();
      await settleReadModel(server.strapi);
      const disagreements: string[] = [];
      for (const locale of ['fr', 'en']) {
        const shared = await sharedViews(server, locale);
        for (const article of articles) {
          const published = await isPublished(server.strapi, article, locale);
          for (const [surface, showing] of Object.entries(await publicViews(server, shared, article, locale))) {
            if (showing !== published)
              disagreements.push(`${article.titles.fr} (${locale}) ${surface}: shown ${showing}, published ${published}`);
          }
        }
      }
      expect(disagreements).toEqual([]);
    };

    it('publishes, unpublishes and deletes several entries at once, and every public surface follows', async () => {
      const articles = [
        await draft('Atelier groupé un', true),
        await draft('Atelier groupé deux', true),
        await draft('Atelier groupé trois', false),
      ];
      const documentIds = articles.map((article) => article.documentId);
      await expectSurfacesAgree(articles);

      const published = await admin.post(`${BULK}/bulkPublish`, { documentIds, locale: 'fr' });
      expect([published.status, published.body.count]).toEqual([200, 3]);
      await expectSurfacesAgree(articles);
      expect(await isPublished(app().server.strapi, articles[0], 'fr')).toBe(true);

      const both = await admin.post(`${BULK}/bulkPublish`, { documentIds: documentIds.slice(0, 2), locale: ['fr', 'en'] });
      expect(both.status).toBe(200);
      await expectSurfacesAgree(articles);
      expect(await isPublished(app().server.strapi, articles[1], 'en')).toBe(true);

      const unpublished = await admin.post(`${BULK}/bulkUnpublish`, { documentIds: documentIds.slice(0, 2), locale: 'fr' });
      expect(unpublished.status).toBe(200);
      await expectSurfacesAgree(articles);
      expect(await isPublished(app().server.strapi, articles[0], 'fr')).toBe(false);

      const deleted = await admin.post(`${BULK}/bulkDelete`, { documentIds: documentIds.slice(1), locale: 'fr' });
      expect(deleted.status).toBe(200);
      await expectSurfacesAgree(articles);
    });

    it('refuses the whole action when one entry breaks a publishing rule, and publishes none of it', async () => {
      const fine = await draft('Groupé sans image', false);
      const created = await app().editor.create(
        'articles',
        { title: 'Groupé sans texte alternatif', kind: 'news', cover: { image: bareImageId, credit: 'Passerelle' } },
        { locale: 'fr', status: 'draft' }
      );
      const { documentId, slug } = created.body.data as { documentId: string; slug: string };
      const missingAlt: Article = { documentId, titles: { fr: 'Groupé sans texte alternatif' }, slugs: { fr: slug } };
      const refused = await admin.post(`${BULK}/bulkPublish`, { documentIds: [fine.documentId, missingAlt.documentId], locale: 'fr' });
      expect(refused.status).toBe(400);
      expect(errorPaths(refused.body)).toEqual(['cover.alternativeText']);
      expect(await isPublished(app().server.strapi, fine, 'fr')).toBe(false);
      await expectSurfacesAgree([fine, missingAlt]);
    });
  },
  { PASSERELLE_DEMO: 'true', PUBLIC_URL: 'http://api.passerelle.test' }
);

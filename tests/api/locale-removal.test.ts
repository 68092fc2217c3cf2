import type { Core } from '@strapi/strapi';
import { adminSession, type AdminSession } from '../helpers/admin';
import { errorPaths, publicGet } from '../helpers/api';
import { contentApiRoutes } from '../helpers/contentApiRoutes';
import { describeWithEditorOnEachDatabase } from '../helpers/eachDatabase';
import { settleReadModel } from '../helpers/readModel';

const REMOVED = 'de';
const TITLE = 'Inklusive Digitalisierung';

/** What a route needs beside its path to answer at all (the search's text, the digest's start). */
const ROUTE_QUERY: Record<string, Record<string, string>> = {
  '/search': { q: 'Digitalisierung' },
  '/newsletter/digest': { since: '2020-01-01' },
};

/** The errors Strapi logs until `restore`, still logged as usual. */
const recordErrors = (strapi: Core.Strapi) => {
  const logged: string[] = [];
  const original = strapi.log.error;
  const logError = original.bind(strapi.log);
  strapi.log.error = ((message: string) => {
    logged.push(message);
    return logError(message);
  }) as typeof strapi.log.error;
  return {
    logged,
    restore: () => {
      strapi.log.error = original;
    },
  };
};

const indexedLocales = async (strapi: Core.Strapi): Promise<string[]> => {
  const rows: Array<{ locale: string }> = await strapi.db.connection('search_index_entries').distinct('locale');
  return rows.map((row) => row.locale).sort();
};

/**
 * Staff remove a locale in the admin panel (Settings → Internationalization): Strapi's i18n deletes its
 * rows with the query engine (5.54.0), around the Document Service. Afterwards no public answer, on
 * any route the app registers, in any locale, still holds what was published in it, and every route
 * refuses the locale as it refuses one never added; the search index forgets it, so that the locale
 * added again starts empty rather than finding documents deleted with it.
 */
describeWithEditorOnEachDatabase(
  'A locale removed in the admin panel',
  (app) => {
    let admin: AdminSession;
    beforeAll(async () => {
      admin = await adminSession(app().server);
    });

    it('leaves no trace of its documents in any public answer or in the search index, and is refused like an unknown locale', async () => {
      const { server, editor } = app();
      const strapi = server.strapi;
      const { logged, restore } = recordErrors(strapi);

      const added = await admin.post('/i18n/locales', { code: REMOVED, name: 'German (de)', isDefault: false });
      expect(added.status).toBe(200);
      const created = await editor.create('articles', { title: 'Numérique inclusif', kind: 'news' }, { locale: 'fr', status: 'published' });
      const documentId = created.body.data.documentId as string;
      const translated = await editor.update('articles', documentId, { title: TITLE }, { locale: REMOVED, status: 'published' });
      expect(translated.status).toBe(200);
      await settleReadModel(strapi);

      // Every public GET route, its parameters filled with the translated document's.
      const values: Record<string, string> = { id: documentId, slug: 'inklusive-digitalisierung', locale: REMOVED, feed: 'all.rss' };
      const urls = contentApiRoutes(strapi)
        .filter((route) => route.method === 'GET' && route.auth !== false)
        .map((route) => ({
          path: route.path,
          url: `/api${route.path.replace(/:([A-Za-z_]+)/g, (_, name: string) => values[name] ?? 'x')}`,
          query: ROUTE_QUERY[route.path] ?? {},
        }));
      expect(urls.length).toBeGreaterThan(10);
      const holding = async () => {
        const found: string[] = [];
        for (const { url, query } of urls) {
          for (const locale of [REMOVED, 'fr', undefined]) {
            const response = await server
              .http()
              .get(url)
              .query({ ...query, ...(locale ? { locale } : {}) });
            if (response.status >= 500) found.push(`${url} (${locale}) → ${response.status}`);
            else if (response.text.includes(TITLE) || response.text.includes(`/${REMOVED}/`)) found.push(`${url} (${locale})`);
          }
        }
        return found;
      };
      // The check can see the translation: while the locale exists, the routes show it.
      expect((await holding()).length).toBeGreaterThan(3);
      expect(await indexedLocales(strapi)).toContain(REMOVED);

      const locale = (await strapi.plugin('i18n').service('locales').findByCode(REMOVED)) as { id: number };
      expect((await admin.delete(`/i18n/locales/${locale.id}`)).status).toBe(200);
      await settleReadModel(strapi);

      expect(await holding()).toEqual([]);
      for (const path of ['articles', `articles/${documentId}`, 'search']) {
        const refused = await publicGet(server, path, { locale: REMOVED, q: 'Digitalisierung' });
        expect([path, refused.status, errorPaths(refused.body)]).toEqual([path, 400, ['locale']]);
      }
      expect(await indexedLocales(strapi)).not.toContain(REMOVED);
      const french = await publicGet(server, `articles/${documentId}`, { locale: 'fr' });
      expect(french.status).toBe(200);
      expect(french.body.meta.alternates).toEqual([]);

      // Added again, the locale starts empty: the search does not find what was deleted with it.
      expect((await admin.post('/i18n/locales', { code: REMOVED, name: 'German (de)', isDefault: false })).status).toBe(200);
      const search = await publicGet(server, 'search', { locale: REMOVED, q: 'Digitalisierung' });
      expect([search.status, search.body.data]).toEqual([200, []]);
      expect((await publicGet(server, 'articles', { locale: REMOVED })).body.data).toEqual([]);
      restore();
      expect(logged).toEqual([]);
    });

    it('still removes the locale when the index cannot forget it, and says what to run', async () => {
      const { server } = app();
      const strapi = server.strapi;
      const { logged, restore } = recordErrors(strapi);
      const search = strapi.plugin('search').service<{ forgetRemovedLocales: () => Promise<number> }>('search');
      const forget = search.forgetRemovedLocales;
      search.forgetRemovedLocales = () => Promise.reject(new Error('index unavailable'));
      try {
        expect((await admin.post('/i18n/locales', { code: 'es', name: 'Spanish (es)', isDefault: false })).status).toBe(200);
        const locale = (await strapi.plugin('i18n').service('locales').findByCode('es')) as { id: number };
        expect((await admin.delete(`/i18n/locales/${locale.id}`)).status).toBe(200);
        expect(await strapi.plugin('i18n').service('locales').findByCode('es')).toBeNull();
        expect(logged.filter((message) => message.includes('npm run search:rebuild'))).toHaveLength(1);
      } finally {
        search.forgetRemovedLocales = forget;
        restore();
      }
    });
  },
  // With PUBLIC_URL, lists and details are served from the read model too.
  { PASSERELLE_DEMO: 'true', PUBLIC_URL: 'http://api.passerelle.test' }
);

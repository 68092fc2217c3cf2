import { publicGet, useServerWithEditor } from '../helpers/api';
import { waitUntilBuilt } from '../helpers/readModelProperty';
import { countStoredReads } from '../helpers/readModel';

const ARTICLE = 'api::article.article';

/**
 * The read model gives a stored detail as its bytes, never parsed; with `meta.translation` added to
 * every detail read (TRANSLATION_META_BY_DEFAULT), translation-meta parses it and adds it. On the demo
 * content, every article's detail and slug reads (each locale, and a fallback) answer the same bytes,
 * ETag and surrogate keys from the model as from the Document Service, with `meta.translation`.
 */
describe('stored detail answers with meta.translation by default', () => {
  const app = useServerWithEditor({
    env: {
      PASSERELLE_DEMO: 'true',
      PUBLIC_URL: 'https://api.passerelle.test',
      CACHE_RESPONSES_MAX_MB: '0',
      READ_MODEL_ENABLED: 'true',
      READ_MODEL_SERVE: 'true',
      TRANSLATION_META_BY_DEFAULT: 'true',
    },
  });

  const read = async (route: string, query: Record<string, unknown>, serve: boolean) => {
    const strapi = app.server.strapi;
    strapi.config.set('plugin::read-model.serve', serve);
    try {
      const response = await publicGet(app.server, route, query);
      return {
        route,
        query,
        status: response.status,
        body: response.text,
        etag: response.headers.etag,
        documents: response.headers['surrogate-key'],
      };
    } finally {
      strapi.config.set('plugin::read-model.serve', true);
    }
  };

  it('answers every detail and slug read as the Document Service path does', async () => {
    const counter = countStoredReads({ serve: ['storedDetailText'] });
    await waitUntilBuilt(app.server.strapi);
    const rows = (await app.server.strapi.db.query(ARTICLE).findMany({
      select: ['documentId', 'slug', 'locale'],
      where: { publishedAt: { $notNull: true } },
    })) as Array<{ documentId: string; slug: string; locale: string }>;
    expect(rows.length).toBeGreaterThan(0);
    const reads: Array<[string, Record<string, unknown>]> = [];
    for (const { documentId, slug, locale } of rows) {
      for (const other of ['fr', 'en']) {
        reads.push([`articles/${documentId}`, { locale: other }], [`articles/${documentId}`, { locale: other, fallback: 'true' }]);
      }
      reads.push([`articles/slug/${slug}`, { locale }]);
    }
    let withMeta = 0;
    for (const [route, query] of reads) {
      const slow = await read(route, query, false);
      expect(await read(route, query, true)).toEqual(slow);
      if (slow.status === 200) {
        expect((JSON.parse(slow.body) as { meta: { translation?: unknown } }).meta.translation).toBeDefined();
        withMeta += 1;
      }
    }
    expect(withMeta).toBeGreaterThan(rows.length);
    expect(counter.storedDetailText).toBeGreaterThanOrEqual(withMeta);
  }, 120_000);
});

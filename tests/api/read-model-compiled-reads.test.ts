import { publicGet, useServerWithEditor } from '../helpers/api';
import { waitUntilBuilt } from '../helpers/readModelProperty';

type Json = Record<string, unknown>;

/**
 * The read model's statements are compiled once per shape and then only bound
 * (src/lib/database/compiledQueries.ts); outside production each use is checked against the statement
 * built with its values, and a shape that misses something throws. Here every kind of stored read
 * runs in ONE process, so that two reads differing only in something a shape left out would meet:
 * for every served type (from the read model's settings) and locale, list pages first, second, past
 * a checkpoint and by kind (for a type with kinds), details and slug lookups of its first documents
 * (in the locale, in the other with the fallback, and of ones that do not exist), then GraphQL's lists
 * of articles (other columns), every feed channel and format, and the digest. Each answers as the
 * Document Service path does, 200 (404 for a detail or slug lookup that finds nothing).
 */
describe('the read model’s compiled reads, every kind in one process', () => {
  const app = useServerWithEditor({
    env: {
      PASSERELLE_DEMO: 'true',
      CACHE_RESPONSES_MAX_MB: '0',
      READ_MODEL_ENABLED: 'true',
      READ_MODEL_SERVE: 'true',
      // Details and lists are served from rows computed for the public URL: without one, they are not.
      PUBLIC_URL: 'http://cms.passerelle.test',
    },
  });

  type Request = { set(header: string, value: string): Promise<{ status: number; text: string }> };
  const read = async (send: () => Request, serve: boolean) => {
    const strapi = app.server.strapi;
    strapi.config.set('plugin::read-model.serve', serve);
    try {
      // One origin for both reads (each request is served on its own port): feeds name it in their links.
      const response = await send().set('Host', 'cms.passerelle.test');
      return { status: response.status, body: response.text };
    } finally {
      strapi.config.set('plugin::read-model.serve', true);
    }
  };

  it('answers each read as the Document Service path does', async () => {
    const strapi = app.server.strapi;
    await waitUntilBuilt(strapi);
    // A checkpoint every 2 visible rows: pages past the second row start from one.
    strapi.config.set('plugin::read-model.listCheckpointSpacing', 2);
    const types = strapi.config.get<string[]>('plugin::read-model.contentTypes');
    const channels = Object.keys(strapi.config.get<{ feeds: { channels: Json } }>('plugin::distribution').feeds.channels);
    const reads: Array<[string, () => Request]> = [];
    const lookups: Array<[string, () => Request]> = [];
    for (const locale of ['fr', 'en']) {
      for (const uid of types) {
        const model = strapi.contentType(uid as never) as { info: { pluralName: string }; attributes: Record<string, { enum?: string[] }> };
        const lists: Json[] = [
          { locale },
          { locale, pagination: { page: 2, pageSize: 1 } },
          { locale, pagination: { page: 4, pageSize: 1 } },
          { locale, pagination: { start: 3, limit: 2 } },
        ];
        for (const kind of model.attributes.kind?.enum?.slice(0, 2) ?? [])
          lists.push({ locale, filters: { kind: { $eq: kind } } }, { locale, filters: { kind }, pagination: { page: 3, pageSize: 1 } });
        for (const query of lists)
          reads.push([`${uid} ${JSON.stringify(query)}`, () => publicGet(app.server, model.info.pluralName, query)]);
        const listed = JSON.parse((await read(() => publicGet(app.server, model.info.pluralName, { locale }), false)).body) as {
          data: Array<{ documentId: string; slug?: string }>;
        };
        const other = locale === 'fr' ? 'en' : 'fr';
        for (const { documentId, slug } of [...listed.data.slice(0, 2), { documentId: 'nosuchdocument0000000000', slug: 'no-such-slug' }]) {
          const path = `${model.info.pluralName}/${documentId}`;
          lookups.push([`${uid} ${documentId} ${locale}`, () => publicGet(app.server, path, { locale })]);
          lookups.push([`${uid} ${documentId} ${other}, fallback`, () => publicGet(app.server, path, { locale: other, fallback: 'true' })]);
          if (slug && 'slug' in model.attributes) {
            const bySlug = `${model.info.pluralName}/slug/${encodeURIComponent(slug)}`;
            lookups.push([`${uid} slug ${slug} ${locale}`, () => publicGet(app.server, bySlug, { locale })]);
            lookups.push([
              `${uid} slug ${slug} ${other}, fallback`,
              () => publicGet(app.server, bySlug, { locale: other, fallback: 'true' }),
            ]);
          }
        }
      }
      for (const window of ['', '(pagination: { page: 2, pageSize: 1 })', '(pagination: { start: 3, limit: 2 })'])
        reads.push([
          `GraphQL articles ${locale} ${window}`,
          () =>
            app.server
              .http()
              .post('/graphql')
              .send({
                query: `query { articles${window ? window.replace('(', `(locale: "${locale}", `) : `(locale: "${locale}")`} { documentId title } }`,
              }),
        ]);
      for (const channel of channels)
        for (const format of ['rss', 'atom', 'json'])
          reads.push([`feed ${locale} ${channel}.${format}`, () => publicGet(app.server, `feeds/${locale}/${channel}.${format}`)]);
      for (const format of ['json', 'html'])
        reads.push([
          `digest ${locale} ${format}`,
          () => publicGet(app.server, 'newsletter/digest', { locale, since: '2020-01-01', format }),
        ]);
    }
    for (const [name, send] of reads) {
      const slow = await read(send, false);
      expect({ name, status: slow.status }).toEqual({ name, status: 200 });
      expect({ name, ...(await read(send, true)) }).toEqual({ name, ...slow });
    }
    const found: string[] = [];
    const fellBack: string[] = [];
    for (const [name, send] of lookups) {
      const slow = await read(send, false);
      expect({ name, found: [200, 404].includes(slow.status) }).toEqual({ name, found: true });
      expect({ name, ...(await read(send, true)) }).toEqual({ name, ...slow });
      if (slow.status === 200) found.push(name);
      if (slow.body.includes('"fallback":true')) fellBack.push(name);
    }
    // Lookups by documentId and by slug, in the locale and through the fallback, each found somewhere;
    // some served from the default locale (the fallback's second read).
    expect(fellBack.length).toBeGreaterThan(0);
    for (const kind of [/ \w+ (fr|en)$/, / \w+ (fr|en), fallback$/, / slug \S+ (fr|en)$/, / slug \S+ (fr|en), fallback$/])
      expect({ kind: String(kind), found: found.some((name) => kind.test(name)) }).toEqual({ kind: String(kind), found: true });
  }, 180_000);
});

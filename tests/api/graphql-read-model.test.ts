import path from 'node:path';
import fc from 'fast-check';
import { createFullAccessToken } from '../helpers/api';
import { describeOnEachDatabase } from '../helpers/eachDatabase';
import { listQueries, type ListQuery } from '../helpers/graphqlSelection';
import {
  ARTICLE,
  CLOCKS,
  createBackgroundArticles,
  createCoverAndPartners,
  holdsAfterEveryAction,
  T0,
  waitUntilBuilt,
} from '../helpers/readModelProperty';
import { countStoredReads } from '../helpers/readModel';
import { DIST_DIR, type TestServer } from '../helpers/strapi';
import { propertySeed } from '../helpers/propertySeed';

/**
 * The proof that GraphQL lists read from the read model (public-api's graphql/storedLists.ts) are
 * those of Strapi's resolvers. Random sequences of writes through the Document Service (create,
 * update, publish, unpublish, delete, discard draft, an English version added or removed, embargo and
 * schedule dates around the clock) and moves of the clock, before and after those dates. After each
 * step every served type's list is asked with every field GraphQL shows (from the schemas: a new
 * field or relation is asked without editing this test), in each locale, in each order the model
 * keeps and at several windows, whole, filtered by slug and by kind, as a list and as a connection,
 * and single documents, with `graphqlReadModel` on and off: the answers' bytes must agree.
 */
const SEED = propertySeed(20261203);
const HOUR = 3_600_000;
/** The orders the model keeps (none: Strapi's default), and windows: first, second and a short page, an offset window, Strapi's default. */
const SORTS = ['', 'sort: "publishedAt:desc", ', 'sort: "publishedAt", ', 'sort: ["publishedAt:desc"], '];
const WINDOWS = ['pagination: { page: 1, pageSize: 2 }', 'pagination: { page: 2, pageSize: 2 }', 'pagination: { start: 1, limit: 3 }', ''];

/** Counts the loaded fields read from a stored parent (relations, media, components), wrapping the compiled helper's export. */
const countNestedStoredValues = (): { count: number } => {
  const counted = { count: 0 };
  const exported = require(path.join(DIST_DIR, 'src/plugins/public-api/server/graphql/storedParents.js')) as Record<
    string,
    (...args: unknown[]) => unknown
  >;
  const original = exported.storedFieldValue;
  exported.storedFieldValue = (...args: unknown[]) => {
    const value = original(...args);
    if (value !== undefined) counted.count += 1;
    return value;
  };
  return counted;
};

const runChecks = (server: () => TestServer) => {
  let counter: { storedWindow: number; storedCount: number; storedDetail: number };
  let nestedFromModel: { count: number };
  let embedded: { coverImageId: number; partners: string[] };
  let queries: ListQuery[];
  let turn = 0;
  /** Connections (`articles_connection { nodes pageInfo }`) whose nodes the model answered. */
  let connectionsFromModel = 0;
  /** Lists and connections by slug the model answered (the slug's version, or none). */
  let slugListsFromModel = 0;
  /** Lists and connections of one kind the model answered. */
  let kindListsFromModel = 0;

  const ask = async (source: string, readModel: boolean, token?: string) => {
    const strapi = server().strapi;
    strapi.config.set('plugin::public-api.graphqlReadModel', readModel);
    try {
      const request = server().http().post('/graphql').send({ query: source });
      if (token) void request.set('Authorization', `Bearer ${token}`);
      const response = await request;
      return { status: response.status, body: response.text };
    } finally {
      strapi.config.set('plugin::public-api.graphqlReadModel', true);
    }
  };

  const expectSame = async (source: string, token?: string) => {
    const strapis = await ask(source, false, token);
    const stored = await ask(source, true, token);
    expect({ source, ...stored }).toEqual({ source, ...strapis });
    expect({ source, errors: (JSON.parse(strapis.body) as { errors?: unknown }).errors }).toEqual({ source, errors: undefined });
  };

  /**
   * Each served type in each locale, the order and window turning from one comparison to the next;
   * every other time with a random part of the fields at each level, so that relations the default
   * population reads with a few fields are read from the model too (a selection asking a field they
   * lack is loaded again).
   */
  const compareLists = async () => {
    const random = fc.sample(fc.array(fc.boolean(), { minLength: 400, maxLength: 400 }), { numRuns: 1, seed: SEED + turn })[0];
    let drawn = 0;
    const somes = listQueries(server().strapi, () => random[drawn++ % random.length]);
    for (const { uid, root, one, fields: every, localized } of queries) {
      const fields = turn % 2 === 0 ? every : (somes.find((query) => query.root === root)?.fields ?? every);
      // Every document of the type, whatever its state (drafts, embargoed, scheduled), and one that does not exist.
      const documentIds = [
        ...new Set(
          (
            (await server()
              .strapi.db.query(uid as never)
              .findMany({ select: ['documentId'] })) as Array<{ documentId: string }>
          ).map((row) => row.documentId)
        ),
        'nexistepasnexistepasnexi',
      ];
      // Every slug the type holds, in any locale and state, and one none holds (from the schema: a type without slugs is not asked).
      const slugs = (server().strapi.contentType(uid as never) as unknown as { attributes: Record<string, unknown> }).attributes.slug
        ? [
            ...new Set(
              (
                (await server()
                  .strapi.db.query(uid as never)
                  .findMany({ select: ['slug'] })) as Array<{ slug: string | null }>
              ).flatMap((row) => (row.slug ? [row.slug] : []))
            ),
            'aucun-document-ici',
          ]
        : [];
      const kinds =
        (server().strapi.contentType(uid as never) as unknown as { attributes: Record<string, { enum?: string[] }> }).attributes.kind
          ?.enum ?? [];
      for (const locale of localized ? ['fr', 'en'] : ['']) {
        turn += 1;
        const args = `${locale ? `locale: "${locale}", ` : ''}${SORTS[turn % SORTS.length]}${WINDOWS[turn % WINDOWS.length]}`;
        const argumentList = args.trim() ? `(${args.replace(/, $/, '')})` : '';
        await expectSame(`{ ${root}${argumentList} { ${fields} } }`);
        // The same window as a connection: its nodes and its page info's count from the model.
        const before = counter.storedWindow;
        await expectSame(`{ ${root}_connection${argumentList} { nodes { ${fields} } pageInfo { total page pageSize pageCount } } }`);
        connectionsFromModel += counter.storedWindow - before;
        for (const documentId of [documentIds[turn % documentIds.length], documentIds[(turn + 3) % documentIds.length]]) {
          await expectSame(`{ ${one}(documentId: "${documentId}"${locale ? `, locale: "${locale}"` : ''}) { ${fields} } }`);
        }
        const filtered = (filter: string) => `(filters: ${filter}, ${args.replace(/, $/, '')})`.replace(', )', ')');
        // A page's document by its slug, as a list and as a connection, in the same order and window.
        for (const slug of slugs.length > 0 ? [slugs[turn % slugs.length], slugs[(turn + 5) % slugs.length]] : []) {
          const bySlug = filtered(`{ slug: { eq: ${JSON.stringify(slug)} } }`);
          const before = counter.storedDetail;
          await expectSame(`{ ${root}${bySlug} { ${fields} } }`);
          await expectSame(`{ ${root}_connection${bySlug} { nodes { ${fields} } pageInfo { total page pageSize pageCount } } }`);
          slugListsFromModel += counter.storedDetail - before;
        }
        // One kind's list, the kind turning through the type's enumeration (from its schema).
        if (kinds.length > 0) {
          const byKind = filtered(`{ kind: { eq: ${JSON.stringify(kinds[turn % kinds.length])} } }`);
          const before = counter.storedWindow;
          await expectSame(`{ ${root}${byKind} { ${fields} } }`);
          await expectSame(`{ ${root}_connection${byKind} { nodes { ${fields} } pageInfo { total page pageSize pageCount } } }`);
          kindListsFromModel += counter.storedWindow - before;
        }
      }
    }
  };

  /** Until a list is read from the model again (after a rebuild). */
  const waitUntilServed = async () => {
    for (let attempt = 0; attempt < 120; attempt += 1) {
      const before = counter.storedWindow;
      await ask('{ articles(locale: "fr") { documentId } }', true);
      if (counter.storedWindow > before) return;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    throw new Error('no list was read from the model');
  };

  beforeAll(async () => {
    const strapi = server().strapi;
    counter = countStoredReads({ serveList: ['storedWindow', 'storedCount'], serve: ['storedDetail'] } as const);
    nestedFromModel = countNestedStoredValues();
    // A checkpoint every 2 visible rows: a window past the second row starts from one (1,000 by default).
    strapi.config.set('plugin::read-model.listCheckpointSpacing', 2);
    const served = strapi.config.get<string[]>('plugin::read-model.contentTypes');
    queries = listQueries(strapi).filter((query) => served.includes(query.uid));
    expect(queries.map((query) => query.uid)).toContain('api::article.article');
    embedded = await createCoverAndPartners(server());
    server().setNow(CLOCKS[1]);
    await createBackgroundArticles(strapi, embedded);
    // Documents published at the same instant, as a bulk import may leave them: the order by
    // publication then rests on Strapi's tie-breaker (the entry's id). A write around the Document
    // Service: the model is rebuilt in the background.
    await strapi.db
      .query(ARTICLE)
      .updateMany({ where: { publishedAt: { $notNull: true } }, data: { publishedAt: new Date(T0 - 3 * HOUR) } });
    await waitUntilBuilt(strapi);
    await waitUntilServed();
  });

  it('answers every list of every served type as Strapi’s resolvers do, after every write and clock move', async () => {
    await holdsAfterEveryAction(server, embedded, compareLists, SEED);
    // The property holds with the model answering, not only by falling back to Strapi's resolvers.
    expect(counter.storedWindow).toBeGreaterThan(40);
    expect(connectionsFromModel).toBeGreaterThan(20);
    expect(counter.storedCount).toBeGreaterThan(20);
    expect(counter.storedDetail).toBeGreaterThan(40);
    expect(slugListsFromModel).toBeGreaterThan(40);
    expect(kindListsFromModel).toBeGreaterThan(20);
    expect(nestedFromModel.count).toBeGreaterThan(100);
  }, 480_000);

  it('leaves a staff token’s lists, other filters and other sorts to Strapi’s resolvers', async () => {
    const token = await createFullAccessToken(server());
    const article = queries.find((query) => query.uid === 'api::article.article') as ListQuery;
    const before = { ...counter };
    await expectSame(`{ articles(locale: "fr") { ${article.fields} } }`, token);
    const someId = (
      JSON.parse((await ask('{ articles(locale: "fr") { documentId } }', false)).body) as {
        data: { articles: Array<{ documentId: string }> };
      }
    ).data.articles[0].documentId;
    await expectSame(`{ article(documentId: "${someId}", locale: "fr") { ${article.fields} } }`, token);
    await expectSame(`{ article(documentId: "${someId}", locale: "fr", status: DRAFT) { ${article.fields} } }`);
    await expectSame(`{ articles(locale: "fr", filters: { title: { containsi: "e" } }) { ${article.fields} } }`);
    const someSlug = JSON.stringify(
      (
        JSON.parse((await ask('{ articles(locale: "fr") { slug } }', false)).body) as {
          data: { articles: Array<{ slug: string }> };
        }
      ).data.articles[0].slug
    );
    await expectSame(`{ articles(locale: "fr", filters: { slug: { eq: ${someSlug} } }) { ${article.fields} } }`, token);
    await expectSame(`{ articles(locale: "fr", filters: { slug: { eqi: ${someSlug} } }) { ${article.fields} } }`);
    await expectSame(`{ articles(locale: "fr", filters: { slug: { eq: ${someSlug} }, kind: { eq: "news" } }) { ${article.fields} } }`);
    await expectSame(`{ articles(locale: "fr", filters: { and: [{ slug: { eq: ${someSlug} } }] }) { ${article.fields} } }`);
    await expectSame(`{ articles(locale: "fr", filters: { kind: { eq: "pas-un-genre" } }) { ${article.fields} } }`);
    await expectSame(`{ articles(locale: "fr", filters: { kind: { in: ["news"] } }) { ${article.fields} } }`);
    await expectSame(`{ articles(locale: "fr", sort: "title") { ${article.fields} } }`);
    await expectSame(
      `{ articles_connection(locale: "fr", filters: { title: { containsi: "e" } }) { nodes { ${article.fields} } pageInfo { total } } }`
    );
    await expectSame(`{ articles(locale: "fr", status: DRAFT) { ${article.fields} } }`);
    expect(counter).toEqual(before);
    // And an unknown locale is still the error Strapi's path gives.
    const unknown = await ask('{ articles(locale: "xx") { documentId } }', true);
    expect(unknown.body).toContain('locale');
    expect(unknown).toEqual(await ask('{ articles(locale: "xx") { documentId } }', false));
  });
};

describeOnEachDatabase('GraphQL lists from the read model', (server) => runChecks(server), {
  PUBLIC_URL: 'http://api.passerelle.test',
  CACHE_RESPONSES_MAX_MB: '0',
  READ_MODEL_ENABLED: 'true',
  READ_MODEL_SERVE: 'true',
});

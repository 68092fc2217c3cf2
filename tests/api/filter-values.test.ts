import { createFullAccessToken, editorClient } from '../helpers/api';
import { describeOnEachDatabase } from '../helpers/eachDatabase';
import { modelBehind } from '../helpers/schemaPaths';

type Attribute = { type: string; target?: string; component?: string };
type Model = {
  uid: string;
  kind?: string;
  info?: { singularName: string; pluralName: string };
  attributes: Record<string, Attribute>;
};
type GraphqlResult = { errors?: Array<{ message: string; extensions?: { code?: string } }> };

/** Strapi's `id` column, which the schemas do not list; a relation, component or media field compares it. */
const ID: Attribute = { type: 'increments' };
const NUMBER_TYPES = new Set(['increments', 'integer', 'biginteger', 'float', 'decimal']);
const WHOLE_NUMBER_TYPES = new Set(['increments', 'integer']);
const JSON_TYPES = new Set(['json', 'blocks']);
const NON_TEXT_TYPES = new Set([...NUMBER_TYPES, ...JSON_TYPES, 'date', 'datetime', 'time', 'boolean']);

/** One request, and what it must get: a 400 whose error names `path`, or an answer (a single type's 404 when nothing matches). */
type Case = { query: string; refusedAt?: string[] };

const key = (path: string[]) => `filters${path.map((part) => `[${part}]`).join('')}`;

/** What a field of `type` at `path` must refuse and take, on both databases. */
const valueCases = (type: string, path: string[]): Case[] => {
  const at = key(path);
  const cases: Case[] = [];
  if (NUMBER_TYPES.has(type)) {
    cases.push(
      { query: `${at}[$eq]=x`, refusedAt: [...path, '$eq'] },
      { query: `${at}[$eq]=`, refusedAt: [...path, '$eq'] },
      { query: `${at}=x`, refusedAt: path },
      { query: `${at}[$in][0]=1&${at}[$in][1]=x`, refusedAt: [...path, '$in', '1'] },
      { query: `${at}[$not][$lt]=x`, refusedAt: [...path, '$not', '$lt'] },
      { query: `${at}[$eq]=7` },
      { query: `${at}[$in][0]=1&${at}[$in][1]= 2 ` },
      { query: `${at}[$between][0]=1&${at}[$between][1]=9` },
      { query: `${at}[$containsi]=1` }
    );
    if (WHOLE_NUMBER_TYPES.has(type))
      cases.push({ query: `${at}[$lt]=1.5`, refusedAt: [...path, '$lt'] }, { query: `${at}[$gt]=2147483648`, refusedAt: [...path, '$gt'] });
  }
  if (JSON_TYPES.has(type))
    cases.push(
      { query: `${at}[$eq]=x`, refusedAt: [...path, '$eq'] },
      { query: `${at}[$in][0]=x`, refusedAt: [...path, '$in'] },
      { query: `${at}[$containsi]=x` },
      { query: `${at}[$notNull]=true` }
    );
  if (NON_TEXT_TYPES.has(type))
    for (const operator of ['$contains', '$notContains', '$startsWith', '$endsWith'])
      cases.push({ query: `${at}[${operator}]=1`, refusedAt: [...path, operator] });
  else
    cases.push(
      { query: `${at}[$contains]=1` },
      { query: `${at}[$startsWith]=x` },
      // PostgreSQL's text cannot hold U+0000.
      { query: `${at}[$eq]=a%00b`, refusedAt: [...path, '$eq'] },
      { query: `${at}[$in][0]=a&${at}[$in][1]=%00`, refusedAt: [...path, '$in', '1'] }
    );
  return cases;
};

/** What a relation, component or media field at `path` must refuse and take: comparisons of the id behind it. */
const linkCases = (path: string[]): Case[] => {
  const at = key(path);
  return [
    { query: `${at}=x`, refusedAt: path },
    { query: `${at}[$eq]=x`, refusedAt: [...path, '$eq'] },
    { query: `${at}[$in][0]=x`, refusedAt: [...path, '$in', '0'] },
    // `$not` given a value compares the id too at a component or media field (PostgreSQL: a 500); at a
    // relation Strapi refuses any value there itself ("Where must be an array or an object").
    { query: `${at}[$not]=x`, refusedAt: [...path, '$not'] },
    { query: `${at}[$eq]=1&${at}[id][$eq]=1`, refusedAt: path },
    { query: `${at}[$eq]=1` },
    { query: `${at}[$in][0]=1` },
    { query: `${at}[$notNull]=true` },
  ];
};

/**
 * A filter's value must fit its field's column, alike on SQLite and PostgreSQL: a value that does not
 * is the client's 400 naming it (src/lib/queries/filterValues.ts), never a 500. SQLite compares any
 * value with any column, but Strapi (5.54.0) casts a number field's values with a plain Error, and
 * PostgreSQL refuses `'x'` or 2^31 for an integer column or an id, `LIKE` on a number, date or
 * boolean, and a text that is not JSON for a JSON column. Every field a public read can filter on is
 * enumerated from the schemas: each model that the API types, their relations, components and media
 * reach, by the shortest path, so that a new field or type is covered without editing this file.
 */
describeOnEachDatabase('Filter values that a field cannot hold', (server) => {
  const modelOf = (uid: string) => server().strapi.getModel(uid as never) as unknown as Model | undefined;
  const apiModels = () =>
    Object.values(server().strapi.contentTypes as unknown as Record<string, Model>).filter((model) => model.uid.startsWith('api::'));
  const listUrl = (model: Model) => `/api/${model.kind === 'singleType' ? model.info?.singularName : model.info?.pluralName}?locale=fr&`;

  /** Every model reached once, with the list it is filtered from and the path of fields to it. */
  const reachedModels = () => {
    const seen = new Set<string>();
    const queue = apiModels().map((model) => ({ uid: model.uid, url: listUrl(model), path: [] as string[] }));
    const reached: typeof queue = [];
    while (queue.length > 0) {
      const next = queue.shift() as (typeof queue)[number];
      if (seen.has(next.uid) || !modelOf(next.uid)) continue;
      seen.add(next.uid);
      reached.push(next);
      for (const [name, attribute] of Object.entries(modelOf(next.uid)?.attributes ?? {})) {
        const uid = modelBehind(attribute);
        if (uid) queue.push({ uid, url: next.url, path: [...next.path, name] });
      }
    }
    return reached;
  };

  /** Whether the public may filter on the field at `path` at all (Strapi refuses private fields and admin users itself). */
  const filterable = async (url: string, path: string[]) =>
    (
      await server()
        .http()
        .get(`${url}${key(path)}[$null]=true`)
    ).status < 400;

  it('REST: a 400 naming the value for every field a value does not fit, an answer for every value that does', async () => {
    const failures: string[] = [];
    const types = new Set<string>();
    let asked = 0;
    let refused = 0;
    for (const { uid, url, path } of reachedModels()) {
      const fields = Object.entries({ id: ID, ...(modelOf(uid)?.attributes ?? {}) });
      for (const [name, attribute] of fields) {
        const at = [...path, name];
        if (!(await filterable(url, at))) continue;
        types.add(attribute.type);
        for (const { query, refusedAt } of modelBehind(attribute) ? linkCases(at) : valueCases(attribute.type, at)) {
          asked += 1;
          const response = await server().http().get(`${url}${query}`);
          const error = (response.body as { error?: { status?: number; name?: string; details?: { errors?: Array<{ path?: string[] }> } } })
            .error;
          if (refusedAt) {
            refused += 1;
            const named = error?.details?.errors?.[0]?.path;
            if (
              response.status !== 400 ||
              error?.name !== 'ValidationError' ||
              JSON.stringify(named) !== JSON.stringify(['filters', ...refusedAt])
            )
              failures.push(`${url}${query} → ${response.status} ${JSON.stringify(error)}`);
          } else if (response.status !== 200 && response.status !== 404) {
            failures.push(`${url}${query} → ${response.status} ${JSON.stringify(error)}`);
          }
        }
      }
    }
    // Every kind of field the schemas hold was reached: numbers, JSON, dates, booleans, text and links.
    for (const type of ['increments', 'integer', 'blocks', 'date', 'datetime', 'boolean', 'string', 'relation', 'component', 'media'])
      expect([type, types.has(type)]).toEqual([type, true]);
    expect(refused).toBeGreaterThan(300);
    expect(asked).toBeGreaterThan(refused);
    expect(failures).toEqual([]);
  });

  it('a NUL character (U+0000) anywhere in a read: a 400 naming where, on every route that queries with it', async () => {
    const documentId = 'abcdefghijklmnopqrstuvwx';
    for (const [url, path] of [
      ['/api/articles?locale=fr&_q=a%00', ['_q']],
      ['/api/articles?locale=fr&filters[kind][$eq]=%00', ['filters', 'kind', '$eq']],
      ['/api/articles?locale=fr&filters[$or][0][slug]=%00', ['filters', '$or', '0', 'slug']],
      ['/api/articles?locale=fr&populate[partners][filters][name][$eq]=%00', ['populate', 'partners', 'filters', 'name', '$eq']],
      [`/api/articles/${documentId}%00?locale=fr`, ['documentId']],
      ['/api/manifesto?locale=fr&filters[title][$containsi]=%00', ['filters', 'title', '$containsi']],
    ] as const) {
      const response = await server().http().get(url);
      const error = (response.body as { error?: { name?: string; details?: { errors?: Array<{ path?: string[] }> } } }).error;
      expect([url, response.status, error?.name, error?.details?.errors?.[0]?.path]).toEqual([url, 400, 'ValidationError', path]);
    }
    const graphql = await server()
      .http()
      .post('/graphql')
      .send({ query: 'query($t: String) { articles(filters: { title: { eq: $t } }) { title } }', variables: { t: 'a\u0000b' } });
    expect((graphql.body as GraphqlResult).errors?.map((error) => error.extensions?.code)).toEqual(['BAD_USER_INPUT']);
  });

  it('a NUL character in a write: a 400 naming the field, in text, a component and blocks; nothing stored', async () => {
    const editor = editorClient(server(), await createFullAccessToken(server()));
    const paragraph = (text: string) => [{ type: 'paragraph', children: [{ type: 'text', text }] }];
    for (const [data, path] of [
      [{ title: 'Bonjour\u0000le monde', kind: 'news' }, ['title']],
      [{ title: 'Bonjour', kind: 'news', seo: { metaTitle: 'a\u0000b' } }, ['seo', 'metaTitle']],
      [{ title: 'Bonjour', kind: 'news', body: paragraph('a\u0000b') }, ['body', '0', 'children', '0', 'text']],
    ] as const) {
      const response = await editor.create('articles', data, { locale: 'fr' });
      const error = (response.body as { error?: { name?: string; details?: { errors?: Array<{ path?: string[] }> } } }).error;
      expect([response.status, error?.name, error?.details?.errors?.[0]?.path]).toEqual([400, 'ValidationError', path]);
    }
    const created = await editor.create('articles', { title: 'Bonjour', kind: 'news' }, { locale: 'fr' });
    expect(created.status).toBe(201);
    const documentId = (created.body as { data: { documentId: string } }).data.documentId;
    const update = await editor.update('articles', documentId, { standfirst: '\u0000' }, { locale: 'fr' });
    expect([
      update.status,
      (update.body as { error?: { details?: { errors?: Array<{ path?: string[] }> } } }).error?.details?.errors?.[0]?.path,
    ]).toEqual([400, ['standfirst']]);
    // Only the document written without a NUL (its draft and published rows).
    const rows = (await server()
      .strapi.db.query('api::article.article')
      .findMany({ where: { title: { $contains: 'Bonjour' } }, select: ['documentId'] })) as Array<{ documentId: string }>;
    expect([...new Set(rows.map((row) => row.documentId))]).toEqual([documentId]);
  });

  it('a text longer than its varchar column in a write: a 400 naming the field, on both databases', async () => {
    const editor = editorClient(server(), await createFullAccessToken(server()));
    // A slug has no maxLength in its schema: only the column (255 characters on PostgreSQL) bounds it.
    const tooLong = await editor.create('articles', { title: 'Un titre', kind: 'news', slug: 'a'.repeat(256) }, { locale: 'fr' });
    const error = (tooLong.body as { error?: { name?: string; details?: { errors?: Array<{ path?: string[] }> } } }).error;
    expect([tooLong.status, error?.name, error?.details?.errors?.[0]?.path]).toEqual([400, 'ValidationError', ['slug']]);
    const fits = await editor.create('articles', { title: 'Un titre', kind: 'news', slug: 'a'.repeat(255) }, { locale: 'fr' });
    expect(fits.status).toBe(201);
  });

  it('a number beyond its column (integer, decimal(10, 2)) in a write: a 400 naming the field, on both databases', async () => {
    const editor = editorClient(server(), await createFullAccessToken(server()));
    const edition = {
      title: 'Édition de test',
      territory: { region: 'Occitanie', department: 'Haute-Garonne', departmentCode: '31' },
      startDate: '2020-09-28',
      endDate: '2020-10-05',
      format: 'hybrid',
    };
    const figure = (value: number) => ({ label: 'Inscrits', value });
    for (const [data, path] of [
      [{ ...edition, number: 2 ** 31 }, ['number']],
      [{ ...edition, number: -1.7e104 }, ['number']],
      [{ ...edition, number: 2, outcomes: [figure(12), figure(1e9)] }, ['outcomes', '1', 'value']],
    ] as const) {
      const response = await editor.create('editions', data, { locale: 'fr' });
      const error = (response.body as { error?: { details?: { errors?: Array<{ path?: string[] }> } } }).error;
      expect([response.status, error?.details?.errors?.[0]?.path]).toEqual([400, path]);
    }
    const fits = await editor.create('editions', { ...edition, number: 2 ** 31 - 1, outcomes: [figure(99999999.99)] }, { locale: 'fr' });
    expect(fits.status).toBe(201);
  });

  it('GraphQL: a text match on a field that is not text, or a JSON field compared by value, is BAD_USER_INPUT, not an internal error', async () => {
    const naming = server().strapi.plugin('graphql').service('utils').naming as { getFindQueryName(model: Model): string };
    const conditions: Record<string, string> = {
      integer: 'contains: 1',
      float: 'startsWith: 1.5',
      boolean: 'endsWith: true',
      date: 'contains: "2024-01-01"',
      datetime: 'notContains: "2024-01-01T00:00:00.000Z"',
      json: 'eq: "x"',
      blocks: 'eq: "x"',
    };
    const failures: string[] = [];
    let asked = 0;
    for (const model of apiModels().filter((m) => m.kind === 'collectionType')) {
      for (const [name, attribute] of Object.entries(model.attributes)) {
        const condition = conditions[attribute.type];
        if (!condition) continue;
        asked += 1;
        const query = `{ ${naming.getFindQueryName(model)}(filters: { ${name}: { ${condition} } }) { documentId } }`;
        const response = await server().http().post('/graphql').send({ query });
        const codes = ((response.body as GraphqlResult).errors ?? []).map((error) => error.extensions?.code);
        if (response.status >= 500 || codes.length === 0 || codes.some((code) => code !== 'BAD_USER_INPUT'))
          failures.push(`${query} → ${response.status} ${JSON.stringify((response.body as GraphqlResult).errors ?? [])}`);
      }
    }
    expect(asked).toBeGreaterThanOrEqual(10);
    expect(failures).toEqual([]);
  });
});

import { useServerWithEditor } from '../helpers/api';
import { contentApiRoutes, type ContentApiRoute } from '../helpers/contentApiRoutes';
import { modelBehind, modelOf } from '../helpers/schemaPaths';

type Json = Record<string, unknown>;
type GraphqlResult = { data?: Json | null; errors?: Array<{ message: string; extensions?: Json }> };
/** Strapi's REST error body, as far as these tests read it. */
type RestError = { error?: { status?: number; details?: { errors?: Array<{ path?: string[] }> } } };
type Model = {
  uid: string;
  kind: string;
  info: { singularName: string; pluralName: string };
  attributes: Record<string, { type: string; relation?: string; target?: string }>;
};

/**
 * Queries a front end can send by accident must get a 2xx or a 4xx in Strapi's error format, never
 * a 500. The routes and GraphQL queries are enumerated from what the app registers, so a new type or
 * route is covered without editing this file. Runs in development mode, where GraphQL would add stack
 * traces if allowed, to show that it does not.
 */
describe('No server error from ordinary queries', () => {
  const app = useServerWithEditor({ env: { PASSERELLE_DEMO: 'true', NODE_ENV: 'development' } });

  const apiModels = () =>
    Object.values(app.server.strapi.contentTypes as unknown as Record<string, Model>).filter((model) => model.uid.startsWith('api::'));

  /** The GraphQL plugin's names for a type's queries. */
  const graphqlNaming = () =>
    app.server.strapi.plugin('graphql').service('utils').naming as {
      getFindQueryName(model: Model): string;
      getFindConnectionQueryName(model: Model): string;
    };

  /** A concrete URL for a route, its parameters filled with values that exist in the demo content. */
  const concreteUrl = async (route: ContentApiRoute): Promise<string> => {
    const plural = route.path.split('/')[1];
    const list = (await app.editor.get(plural, { locale: 'fr' })).body as { data?: Array<{ documentId: string; slug?: string }> | null };
    const first = Array.isArray(list.data) ? (list.data.find((entry) => entry.slug) ?? list.data[0]) : undefined;
    const values: Record<string, string> = { id: first?.documentId ?? 'none', slug: first?.slug ?? 'none', locale: 'fr', feed: 'all.rss' };
    return `/api${route.path.replace(/:([A-Za-z_]+)/g, (_, name: string) => values[name] ?? 'x')}`;
  };

  it('REST: `fields=` (an empty list) is a 400 naming `fields` on every GET route, list, detail and slug', async () => {
    const routes = contentApiRoutes(app.server.strapi).filter((route) => route.method === 'GET');
    expect(routes.length).toBeGreaterThan(10);
    const failures: string[] = [];
    for (const route of routes) {
      const url = await concreteUrl(route);
      for (const query of ['fields=', 'fields=&locale=fr', 'fields=&fields=']) {
        const response = await app.server.http().get(`${url}?${query}`).set('Authorization', `Bearer ${app.token}`);
        const body = response.body as { error?: { status?: number; name?: string } };
        if (response.status >= 500) failures.push(`${url}?${query} → ${response.status}`);
        else if (response.status >= 400 && (body.error?.status !== response.status || !body.error?.name)) {
          failures.push(`${url}?${query} → ${response.status} without Strapi's error shape`);
        }
      }
    }
    expect(failures).toEqual([]);
    const article = await app.server.http().get('/api/articles?fields=');
    expect(article.status).toBe(400);
    expect(article.body.error.details.errors[0].path).toEqual(['fields']);
  });

  it('REST: a name every JavaScript object inherits (`valueOf`, `constructor`…) is a 400 naming the parameter in fields, sort and populate, and no error in filters', async () => {
    const routes = contentApiRoutes(app.server.strapi).filter((route) => route.method === 'GET');
    const inherited = Object.getOwnPropertyNames(Object.prototype);
    expect(inherited).toContain('valueOf');
    const failures: string[] = [];
    for (const route of routes) {
      const url = await concreteUrl(route);
      for (const name of inherited) {
        for (const [parameter, query] of [
          ['fields', `fields=${name}`],
          ['fields', `fields[0]=title&fields[1]=${name}`],
          ['sort', `sort=${name}:asc`],
          ['populate', `populate=${name}`],
          ['filters', `filters[${name}][$eq]=x`],
        ]) {
          const response = await app.server.http().get(`${url}?${query}&locale=fr`);
          const body = response.body as RestError;
          if (response.status >= 500) failures.push(`${url}?${query} → ${response.status}`);
          // Strapi's query parser drops such a key in `filters` (qs keeps none that shadows Object.prototype).
          else if (parameter !== 'filters' && (response.status !== 400 || body.error?.details?.errors?.[0]?.path?.[0] !== parameter))
            failures.push(`${url}?${query} → ${response.status} not naming ${parameter}: ${JSON.stringify(body.error)}`);
        }
      }
    }
    expect(failures).toEqual([]);
    const manifesto = await app.server.http().get('/api/manifesto?fields=valueOf&locale=fr');
    expect(manifesto.status).toBe(400);
    expect(manifesto.body.error.details.errors[0].path).toEqual(['fields']);
  });

  it('REST: an operator given an object, `_q` given anything but one text, a field sorted by anything but a direction (or a text sort on past it): a 400 naming where, in filters, sort and populate', async () => {
    // Strapi (5.54.0) let these through its query checks and sent the object to the database: a
    // TypeError from better-sqlite3 or knex, a 500. Every value field of every type, and of the
    // types its relations reach, so that a new field is covered.
    const VALUE_TYPES = new Set([
      'string',
      'text',
      'email',
      'uid',
      'enumeration',
      'integer',
      'biginteger',
      'float',
      'decimal',
      'date',
      'datetime',
      'time',
      'boolean',
    ]);
    // With the columns Strapi adds, which the schemas do not list.
    const valueFields = (model: Pick<Model, 'attributes'> | undefined) => [
      'id',
      'documentId',
      ...Object.entries(model?.attributes ?? {})
        .filter(([name, attribute]) => VALUE_TYPES.has(attribute.type) && name !== 'documentId')
        .map(([name]) => name),
    ];
    const cases: Array<{ query: string; names: string[] }> = [];
    const models = apiModels();
    for (const model of models) {
      const base = `/api/${model.kind === 'singleType' ? model.info.singularName : model.info.pluralName}?locale=fr&`;
      cases.push(
        { query: `${base}_q[0]=x`, names: ['_q'] },
        { query: `${base}_q=x&_q=y`, names: ['_q'] },
        { query: `${base}filters[$eq]=1`, names: ['filters', '$eq'] },
        { query: `${base}filters[$and][0][$in][0]=1`, names: ['filters', '$in'] },
        { query: `${base}populate[0][a]=1`, names: ['populate', '0'] }
      );
      for (const field of valueFields(model)) {
        cases.push(
          { query: `${base}filters[${field}][$eq][$eq]=x`, names: ['filters', field] },
          { query: `${base}filters[$or][0][${field}][$in][0][$eq]=x`, names: ['filters', field] },
          { query: `${base}filters[${field}][$not][$eq][$eq]=x`, names: ['filters', field] },
          { query: `${base}filters[${field}][$between][0]=1`, names: ['filters', field] },
          { query: `${base}filters[${field}][$and][0][$eq]=x`, names: ['filters', field] },
          { query: `${base}filters[${field}][$or][0]=x`, names: ['filters', field] },
          { query: `${base}sort[${field}][a]=asc`, names: ['sort', field] },
          { query: `${base}sort[0][${field}][a]=asc`, names: ['sort', field] },
          // A text sort is made the object `{ field: { x: 'asc' } }` by Strapi.
          { query: `${base}sort=${field}.x`, names: ['sort'] },
          { query: `${base}sort[0]=id:asc&sort[1]=${field}.x:desc`, names: ['sort', '1'] }
        );
      }
      // Strapi's query sanitizer (5.54.0) makes `cover.alternativeText:up` the path `cover.alternativeText.up`.
      for (const [name, attribute] of Object.entries(model.attributes)) {
        const behind = attribute.type === 'relation' ? undefined : modelBehind(attribute);
        const field = behind ? valueFields(modelOf(app.server.strapi, behind)).find((f) => f !== 'id' && f !== 'documentId') : undefined;
        if (field) cases.push({ query: `${base}sort=${name}.${field}:up`, names: ['sort'] });
      }
      for (const [relation, attribute] of Object.entries(model.attributes)) {
        if (attribute.type !== 'relation' || !attribute.target?.startsWith('api::')) continue;
        for (const field of valueFields(modelOf(app.server.strapi, attribute.target)).slice(0, 3)) {
          cases.push(
            { query: `${base}populate[${relation}][filters][${field}][$eq][$eq]=x`, names: ['populate', relation, field] },
            { query: `${base}populate[${relation}][sort][${field}][a]=asc`, names: ['populate', relation, field] },
            { query: `${base}populate[${relation}][sort]=${field}.x`, names: ['populate', relation, 'sort'] }
          );
        }
        cases.push(
          { query: `${base}populate[${relation}][filters][$eq]=1`, names: ['populate', relation, '$eq'] },
          { query: `${base}populate[${relation}][populate][0][a]=1`, names: ['populate', relation] }
        );
      }
    }
    expect(models.length).toBeGreaterThanOrEqual(7);
    expect(cases.length).toBeGreaterThan(200);
    const failures: string[] = [];
    for (const { query, names } of cases) {
      const response = await app.server.http().get(query);
      const body = response.body as RestError;
      const path = body.error?.details?.errors?.[0]?.path ?? [];
      if (response.status !== 400 || body.error?.status !== 400 || !names.every((name) => path.includes(name)))
        failures.push(`${query} → ${response.status} ${JSON.stringify(body.error)}`);
    }
    expect(failures).toEqual([]);
    // The ordinary forms still work.
    for (const query of [
      'filters[title][$eq]=x',
      'filters[title][$in][0]=x&filters[title][$in][1]=y',
      'filters[title][$not][$contains]=x',
      'filters[$and][0][title][$eq]=x&filters[$and][1][$not][slug][$eq]=y',
      'filters[publishedAt][$between][0]=2020-01-01&filters[publishedAt][$between][1]=2030-01-01',
      // After a relation, component or media field, a comparison is on its id.
      'filters[partners][$notNull]=true',
      'filters[seo][$null]=true',
      'filters[cover][$null]=true',
      'sort[title]=asc',
      'sort[0][title]=desc',
      'sort=title:asc,publishedAt:desc',
      'sort=cover.alternativeText:desc',
      'sort=seo.metaTitle',
      '_q=declics',
    ]) {
      expect([query, (await app.server.http().get(`/api/articles?locale=fr&${query}`)).status]).toEqual([query, 200]);
    }
  });

  it("GraphQL: a field's `and` and `or` (which the filter inputs offer) and a `between` of one value are the client's error, not an internal one", async () => {
    const naming = graphqlNaming();
    const failures: string[] = [];
    let asked = 0;
    for (const model of apiModels().filter((m) => m.kind === 'collectionType')) {
      const field = Object.entries(model.attributes).find(([name, attribute]) => attribute.type === 'string' && name !== 'email')?.[0];
      if (!field) continue;
      for (const condition of ['and: ["a"]', 'or: ["a", "b"]', 'between: ["a"]', 'not: { or: ["a"] }']) {
        asked += 1;
        const query = `{ ${naming.getFindQueryName(model)}(filters: { ${field}: { ${condition} } }) { documentId } }`;
        const response = await app.server.http().post('/graphql').send({ query });
        const codes = ((response.body as GraphqlResult).errors ?? []).map((error) => error.extensions?.code);
        if (response.status >= 500 || codes.length === 0 || codes.some((code) => code !== 'BAD_USER_INPUT'))
          failures.push(`${query} → ${response.status} ${JSON.stringify(codes)}`);
      }
    }
    expect(asked).toBeGreaterThanOrEqual(20);
    expect(failures).toEqual([]);
  });

  it('`$not` given conditions right after a relation, component or media field is a 400 (REST) or a bad input (GraphQL) naming it, on every such field', async () => {
    // Strapi (5.54.0) reads those conditions as a column's operators: a plain Error, a 500 on GraphQL.
    const naming = graphqlNaming();
    const firstTextField = (uid: string) =>
      Object.entries(modelOf(app.server.strapi, uid).attributes).find(([, attribute]) => ['string', 'text'].includes(attribute.type))?.[0];
    const failures: string[] = [];
    let asked = 0;
    for (const model of apiModels()) {
      const base = `/api/${model.kind === 'singleType' ? model.info.singularName : model.info.pluralName}?locale=fr&`;
      for (const [name, attribute] of Object.entries(model.attributes)) {
        // Relations to the site's own types (not to the admin's users, which the Public may not filter on).
        const behind = attribute.type !== 'relation' || attribute.target?.startsWith('api::') ? modelBehind(attribute) : undefined;
        const field = behind ? firstTextField(behind) : undefined;
        if (!field) continue;
        asked += 1;
        const rest = await app.server.http().get(`${base}filters[${name}][$not][${field}][$eq]=x`);
        const path = (rest.body as RestError).error?.details?.errors?.[0]?.path ?? [];
        if (rest.status !== 400 || !path.includes(name) || !path.includes('$not'))
          failures.push(`REST ${model.uid} ${name} → ${rest.status} ${path.join('.')}`);
        if (model.kind !== 'collectionType' || attribute.type === 'media') continue;
        const query = `{ ${naming.getFindQueryName(model)}(filters: { ${name}: { not: { ${field}: { eq: "x" } } } }) { documentId } }`;
        const response = await app.server.http().post('/graphql').send({ query });
        const codes = ((response.body as GraphqlResult).errors ?? []).map((error) => error.extensions?.code);
        if (codes.length === 0 || codes.some((code) => code !== 'BAD_USER_INPUT')) failures.push(`${query} → ${JSON.stringify(codes)}`);
      }
    }
    expect(asked).toBeGreaterThanOrEqual(10);
    expect(failures).toEqual([]);
    // The same negation before the field, or inside `$and` after it, runs.
    for (const query of ['filters[$not][seo][metaDescription][$eq]=x', 'filters[seo][$and][0][$not][metaDescription][$eq]=x']) {
      expect([query, (await app.server.http().get(`/api/articles?locale=fr&${query}`)).status]).toEqual([query, 200]);
    }
  });

  it('GraphQL: a null `pagination` (or null inside it) is "not given", on every collection query and list relation', async () => {
    const naming = graphqlNaming();
    const sources: string[] = [];
    for (const model of apiModels().filter((m) => m.kind === 'collectionType')) {
      for (const pagination of ['null', '{ page: null, pageSize: null }', '{ start: null, limit: null }']) {
        sources.push(`{ ${naming.getFindQueryName(model)}(pagination: ${pagination}) { documentId } }`);
      }
      sources.push(`{ ${naming.getFindConnectionQueryName(model)}(pagination: null) { nodes { documentId } pageInfo { total } } }`);
      const manyRelation = Object.entries(model.attributes).find(
        ([, attribute]) => attribute.type === 'relation' && attribute.relation?.endsWith('Many') && attribute.target?.startsWith('api::')
      );
      if (manyRelation)
        sources.push(`{ ${naming.getFindQueryName(model)} { documentId ${manyRelation[0]}(pagination: null) { documentId } } }`);
    }
    const failures: string[] = [];
    for (const query of sources) {
      const response = await app.server.http().post('/graphql').send({ query });
      const result = response.body as GraphqlResult;
      if (response.status >= 500 || result.errors) failures.push(`${query} → ${response.status} ${JSON.stringify(result.errors)}`);
    }
    expect(failures).toEqual([]);
    const variables = await app.server
      .http()
      .post('/graphql')
      .send({ query: 'query($p: PaginationArg) { articles(pagination: $p, locale: "fr") { title } }', variables: { p: null } });
    expect((variables.body as GraphqlResult).errors).toBeUndefined();
    expect(((variables.body as GraphqlResult).data?.articles as unknown[]).length).toBeGreaterThan(0);
  });

  it("GraphQL's internal error says no more than REST's 500: not the database's message", async () => {
    // An error as a database driver throws one, for one query only: its message is the statement.
    const statement = 'select "t0".* from "public"."articles" as "t0" where "t0"."title" = $1 - invalid input';
    app.server.strapi.documents.use(async (context, next) => {
      if (JSON.stringify((context.params as { filters?: unknown }).filters ?? {}).includes('an internal error')) throw new Error(statement);
      return next();
    });
    const response = await app.server
      .http()
      .post('/graphql')
      .send({ query: '{ articles(filters: { title: { eq: "an internal error" } }) { title } }' });
    const errors = (response.body as GraphqlResult).errors ?? [];
    expect(errors.map((error) => [error.message, error.extensions?.code, error.extensions?.error])).toEqual([
      ['Internal Server Error', 'INTERNAL_SERVER_ERROR', { name: 'InternalServerError', message: 'Internal Server Error' }],
    ]);
    expect(JSON.stringify(response.body)).not.toContain('select');
  });

  it('GraphQL errors carry no stack trace, even outside production', async () => {
    for (const query of ['{ articles(locale: "de") { title } }', '{ articles(filters: { nope: { eq: 1 } }) { title } }', '{ nothing }']) {
      const response = await app.server.http().post('/graphql').send({ query });
      const result = response.body as GraphqlResult;
      expect(result.errors?.length).toBeGreaterThan(0);
      expect(JSON.stringify(result)).not.toMatch(/stacktrace|node_modules|\/dist\//);
    }
  });
});

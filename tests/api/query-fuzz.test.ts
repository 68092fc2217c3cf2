import fc from 'fast-check';
import { isOperator } from '@strapi/utils';
import { describeOnEachDatabase } from '../helpers/eachDatabase';
import { modelBehind } from '../helpers/schemaPaths';
import { propertySeed } from '../helpers/propertySeed';

type Attribute = { type: string; target?: string; component?: string };
type Model = { uid: string; kind?: string; info?: { singularName: string; pluralName: string }; attributes: Record<string, Attribute> };
type IntrospectedType = { name?: string | null; kind?: string; ofType?: IntrospectedType | null };
type InputField = { name: string; type: IntrospectedType };
type GraphqlResult = { data?: unknown; errors?: Array<{ message: string; extensions?: { code?: string } }> };

/** Strapi's filter operators (`WHERE_OPERATORS` and `GROUP_OPERATORS` in @strapi/utils 5.54.0); the test checks it knows each. */
const OPERATORS = [
  '$and',
  '$or',
  '$not',
  '$in',
  '$notIn',
  '$eq',
  '$eqi',
  '$ne',
  '$nei',
  '$gt',
  '$gte',
  '$lt',
  '$lte',
  '$null',
  '$notNull',
  '$between',
  '$startsWith',
  '$endsWith',
  '$startsWithi',
  '$endsWithi',
  '$contains',
  '$notContains',
  '$containsi',
  '$notContainsi',
  '$jsonSupersetOf',
];
/** The words of Strapi's read parameters, at the top and nested (a populate's own filters, sort, fields; pagination's). */
const PARAMETERS = ['filters', 'sort', 'populate', 'fields', 'pagination', 'locale', 'fallback', 'status', '_q'];
const NESTED_WORDS = [
  'populate',
  'fields',
  'filters',
  'sort',
  'on',
  'count',
  'page',
  'pageSize',
  'start',
  'limit',
  'withCount',
  '*',
  '0',
  '1',
];
/** Values of every kind a column may be asked to compare with, and the texts that broke one database or the other before. */
const VALUES = [
  ...['1', '0', '-1', '1.5', '1e3', ' 7 ', '99999999999', '2147483648', 'NaN', 'Infinity', '-0'],
  ...['true', 'false', 'null', 'asc', 'desc', 'fr', 'en', 'xx', 'all', 'draft', 'published', '*', ''],
  ...['2020-01-01', '2020-01-01T00:00:00.000Z', '2026-02-30', '25:00', 'a,b', 'title:asc', 'partners.logo', 'x', 'é', '%', '_', '\\', "'"],
  ...['\u0000', 'a\u0000b', '{"a":1}', '[1]', 'x'.repeat(300)],
];
const GRAPHQL_SCALARS = new Set(['String', 'Int', 'Float', 'Boolean', 'ID', 'DateTime', 'Date', 'Time', 'JSON', 'Long']);
const GRAPHQL_VALUES = [
  '"x"',
  '1',
  '-1',
  '0',
  '1.5',
  '99999999999',
  'true',
  'null',
  '"2020-01-01"',
  '"2020-01-01T00:00:00Z"',
  '""',
  '"*"',
  '"a\\u0000b"',
];

const namedType = (type: IntrospectedType | null | undefined): string | undefined =>
  type ? (type.name ?? namedType(type.ofType)) : undefined;
const isListType = (type: IntrospectedType | null | undefined): boolean => (type ? type.kind === 'LIST' || isListType(type.ofType) : false);

/**
 * Property: whatever read query a client builds, from the words of Strapi's parameters, its operators,
 * every field name the schemas hold (content types, components, media) and values of every kind, a
 * public route answers it with a 2xx or a 4xx in Strapi's error format, never a 5xx, on SQLite and on
 * PostgreSQL alike; and GraphQL answers a filter built from its own input types without an internal
 * error. The enumerated cases (filter-values, no-server-errors) each prove one rule; this is what finds
 * the combinations nobody listed (PostgreSQL's casts, a relation's ids, nesting). A new field or type is
 * in the draw without editing this file. A failure names FAST_CHECK_SEED, which replays the run.
 */
describeOnEachDatabase(
  'Random read queries',
  (server) => {
    const seed = propertySeed(Date.now() % 100000);
    // QUERY_FUZZ_RUNS=5000 explores further by hand; CI draws a few hundred each run, a new seed each time.
    const runs = Number(process.env.QUERY_FUZZ_RUNS ?? 400);
    const models = () => Object.values(server().strapi.contentTypes as unknown as Record<string, Model>);
    const components = () => Object.values(server().strapi.components as unknown as Record<string, Model>);

    it('knows every operator it draws as one of Strapi’s', () => {
      expect(OPERATORS.filter((operator) => !isOperator(operator))).toEqual([]);
    });

    it('REST: every public GET route answers a generated query with a 2xx or a Strapi 4xx, never a 5xx', async () => {
      const apiModels = models().filter((model) => model.uid.startsWith('api::'));
      const modelOf = (uid: string | undefined) =>
        uid ? (server().strapi.getModel(uid as never) as unknown as Model | undefined) : undefined;
      const fieldNames = new Set(['id', 'documentId', 'locale', 'localizations', 'createdBy', 'publishedAt']);
      for (const model of [...apiModels, ...components(), modelOf('plugin::upload.file') as Model])
        for (const name of Object.keys(model.attributes)) fieldNames.add(name);

      const articles = (await server().http().get('/api/articles?locale=fr')).body as { data: Array<{ documentId: string; slug: string }> };
      expect(articles.data.length).toBeGreaterThan(0);
      const article = modelOf('api::article.article') as Model;
      const routes: Array<{ path: string; model?: Model }> = [
        ...apiModels.map((model) => ({
          path: `/api/${model.kind === 'singleType' ? model.info?.singularName : model.info?.pluralName}`,
          model,
        })),
        { path: `/api/articles/${articles.data[0].documentId}`, model: article },
        { path: `/api/articles/slug/${articles.data[0].slug}`, model: article },
        { path: '/api/articles/embargoed', model: article },
        { path: '/api/search' },
      ];

      const brackets = (parts: string[]) => parts.map((part) => `[${encodeURIComponent(part)}]`).join('');
      const value = fc.oneof(fc.constantFrom(...VALUES), fc.string({ maxLength: 8 }));
      /** A field of `model` by its schema name, and sometimes on into the model behind it: `[partners][logo][width]`. */
      const fieldPath = (model: Model, depth = 0): fc.Arbitrary<string[]> =>
        fc.constantFrom('id', ...Object.keys(model.attributes)).chain((name): fc.Arbitrary<string[]> => {
          const next = modelOf(modelBehind(model.attributes[name] ?? { type: 'increments' }));
          if (!next || depth >= 2) return fc.constant<string[]>([name]);
          return fc.oneof(
            fc.constant<string[]>([name]),
            fieldPath(next, depth + 1).map((rest) => [name, ...rest])
          );
        });
      /** `filters…[field…][$op]=value`, sometimes inside `$or`/`$and`/`$not`, a list operator given items. */
      const filter = (model: Model, prefix: string[]) =>
        fc
          .tuple(
            fc.constantFrom<string[]>([], ['$or', '0'], ['$and', '1'], ['$not']),
            fieldPath(model),
            fc.constantFrom(...OPERATORS.filter((operator) => operator !== '$and' && operator !== '$or')),
            fc.constantFrom<string[]>([], ['0'], ['1']),
            value
          )
          .map(
            ([group, path, operator, item, given]) =>
              `${prefix.join('')}${brackets([...group, ...path, operator, ...item])}=${encodeURIComponent(given)}`
          );
      /** Parameters drawn from the route's own model: what a site's developer writes, right or slightly wrong. */
      const modelParameter = (model: Model): fc.Arbitrary<string> => {
        const names = ['id', ...Object.keys(model.attributes)];
        const populated = Object.entries(model.attributes).filter(([, attribute]) => modelBehind(attribute));
        const choices: Array<fc.Arbitrary<string>> = [
          filter(model, ['filters']),
          fc
            .tuple(fieldPath(model), fc.constantFrom('', ':asc', ':desc', ':up'))
            .map(([path, direction]) => `sort=${encodeURIComponent(path.join('.') + direction)}`),
          fc.tuple(fc.nat(2), fc.constantFrom(...names)).map(([index, name]) => `fields[${index}]=${encodeURIComponent(name)}`),
          fc
            .tuple(fc.constantFrom('page', 'pageSize', 'start', 'limit', 'withCount'), value)
            .map(([name, given]) => `pagination[${name}]=${encodeURIComponent(given)}`),
          fc
            .tuple(fc.constantFrom('status', 'fallback', 'locale', '_q'), value)
            .map(([name, given]) => `${name}=${encodeURIComponent(given)}`),
        ];
        if (populated.length > 0) {
          const relation = fc.constantFrom(...populated);
          choices.push(
            relation.map(([name]) => `populate=${encodeURIComponent(name)}`),
            relation.chain(([name, attribute]) => {
              const target = modelOf(modelBehind(attribute)) as Model;
              return fc.oneof(
                filter(target, ['populate', `[${name}]`, '[filters]']),
                fc
                  .constantFrom('id', ...Object.keys(target.attributes))
                  .map((field) => `populate[${name}][sort]=${encodeURIComponent(field)}`),
                fc
                  .constantFrom('id', ...Object.keys(target.attributes))
                  .map((field) => `populate[${name}][fields][0]=${encodeURIComponent(field)}`),
                fc
                  .constantFrom('*', 'true', 'false', ...Object.keys(target.attributes))
                  .map((inner) => `populate[${name}][populate]=${encodeURIComponent(inner)}`)
              );
            })
          );
        }
        return fc.oneof(...choices);
      };
      /** Anything in Strapi's words: a parameter, then operators, field names of any model and nested words, in any order. */
      const freeParameter = fc
        .tuple(
          fc.constantFrom(...PARAMETERS),
          fc.array(
            fc.oneof(
              { arbitrary: fc.constantFrom(...OPERATORS), weight: 4 },
              { arbitrary: fc.constantFrom(...fieldNames), weight: 4 },
              { arbitrary: fc.constantFrom(...NESTED_WORDS), weight: 1 }
            ),
            { maxLength: 5 }
          ),
          value
        )
        .map(([name, path, given]) => `${name}${brackets(path)}=${encodeURIComponent(given)}`);
      const request = fc
        .constantFrom(...routes)
        .chain((route) =>
          fc.tuple(
            fc.constant(route.path),
            fc.array(
              route.model
                ? fc.oneof({ arbitrary: modelParameter(route.model), weight: 3 }, { arbitrary: freeParameter, weight: 1 })
                : freeParameter,
              { minLength: 1, maxLength: 3 }
            )
          )
        );

      const failures: string[] = [];
      const statuses: number[] = [];
      await fc
        .assert(
          fc.asyncProperty(request, async ([route, parameters]) => {
            const target = `${route}?${['locale=fr', ...parameters].join('&')}`;
            try {
              const response = await server().http().get(target);
              statuses.push(response.status);
              const error = (response.body as { error?: { status?: number; name?: string; message?: string } }).error;
              const answered =
                response.status < 400 || (response.status < 500 && error?.status === response.status && !!error.name && !!error.message);
              if (!answered) failures.push(`${target} → ${response.status} ${JSON.stringify(error)} (FAST_CHECK_SEED=${seed})`);
              return answered;
            } catch (thrown) {
              failures.push(`${target} (FAST_CHECK_SEED=${seed}): ${(thrown as Error).message}`);
              return false;
            }
          }),
          { numRuns: runs, seed, endOnFailure: true }
        )
        .catch(() => undefined);
      expect(failures).toEqual([]);
      // The draw keeps reaching the database: a tenth of the queries or more are answered, not refused.
      expect(statuses.filter((status) => status < 300).length).toBeGreaterThan(statuses.length / 10);
    });

    it('GraphQL: every collection query answers a filter generated from its input types without an internal error', async () => {
      const post = async (query: string) => {
        const response = await server().http().post('/graphql').send({ query });
        return { status: response.status, body: response.body as GraphqlResult };
      };
      const introspection = await post(
        '{ __schema { queryType { fields { name args { name type { name kind ofType { name kind ofType { name kind } } } } } } } }'
      );
      const queryFields = (introspection.body.data as { __schema: { queryType: { fields: Array<{ name: string; args: InputField[] }> } } })
        .__schema.queryType.fields;
      const lists = queryFields.flatMap((field) => {
        const filters = field.args.find((arg) => arg.name === 'filters');
        const type = namedType(filters?.type);
        return type ? [{ name: field.name, filterType: type }] : [];
      });
      expect(lists.length).toBeGreaterThan(5);

      // Every filter input type the lists reach, read once: a field's operators and the relations' own filters.
      const inputTypes = new Map<string, InputField[]>();
      const pending = lists.map((list) => list.filterType);
      while (pending.length > 0) {
        const name = pending.pop() as string;
        if (inputTypes.has(name) || GRAPHQL_SCALARS.has(name)) continue;
        const described = await post(
          `{ __type(name: "${name}") { inputFields { name type { name kind ofType { name kind ofType { name kind } } } } } }`
        );
        const fields = (described.body.data as { __type: { inputFields: InputField[] | null } | null }).__type?.inputFields ?? [];
        inputTypes.set(name, fields);
        for (const field of fields) {
          const named = namedType(field.type);
          if (named && !inputTypes.has(named)) pending.push(named);
        }
      }

      const leaf = (list: boolean) =>
        list
          ? fc.array(fc.constantFrom(...GRAPHQL_VALUES), { maxLength: 3 }).map((items) => `[${items.join(', ')}]`)
          : fc.constantFrom(...GRAPHQL_VALUES);
      const objectOf = (typeName: string, depth: number): fc.Arbitrary<string> => {
        const fields = inputTypes.get(typeName) ?? [];
        const scalarOrLeaf = (field: InputField) => {
          const named = namedType(field.type) ?? 'String';
          const nested = inputTypes.get(named);
          if (depth >= 3 || !nested || nested.length === 0) return leaf(isListType(field.type));
          const object = objectOf(named, depth + 1);
          return isListType(field.type) ? object.map((value) => `[${value}]`) : object;
        };
        if (fields.length === 0) return fc.constant('{}');
        return fc
          .array(fc.constantFrom(...fields), { minLength: 1, maxLength: 2 })
          .chain((chosen) => fc.tuple(...chosen.map((field) => scalarOrLeaf(field).map((value) => `${field.name}: ${value}`))))
          .map((parts) => `{ ${parts.join(', ')} }`);
      };
      const query = fc.constantFrom(...lists).chain((list) =>
        fc
          .tuple(
            // Without filters at times, so that a bad sort or pagination is not hidden behind a filter's own error.
            fc.option(objectOf(list.filterType, 0), { nil: undefined, freq: 4 }),
            fc.option(
              fc.constantFrom('"title:asc"', '"nope"', '["publishedAt:desc", "x:y"]', '"partners.name:asc"', '""', '"id.x"', '"id:up"'),
              {
                nil: undefined,
              }
            ),
            fc.option(
              fc.constantFrom('{ page: 0 }', '{ pageSize: -1 }', '{ start: 5, limit: 0 }', '{ page: 2, pageSize: 1 }', '{ limit: 100000 }'),
              { nil: undefined }
            )
          )
          .map(([filters, sort, pagination]) => {
            const args = [
              ...(filters ? [`filters: ${filters}`] : []),
              ...(sort ? [`sort: ${sort}`] : []),
              ...(pagination ? [`pagination: ${pagination}`] : []),
            ];
            return `{ ${list.name}${args.length > 0 ? `(${args.join(', ')})` : ''} { __typename } }`;
          })
      );

      const failures: string[] = [];
      await fc
        .assert(
          fc.asyncProperty(query, async (text) => {
            try {
              const { status, body } = await post(text);
              const internal = (body.errors ?? []).filter((error) => error.extensions?.code === 'INTERNAL_SERVER_ERROR');
              if (status >= 500 || internal.length > 0)
                failures.push(`${text} → ${status} ${JSON.stringify(internal)} (FAST_CHECK_SEED=${seed})`);
              return status < 500 && internal.length === 0;
            } catch (thrown) {
              failures.push(`${text} (FAST_CHECK_SEED=${seed}): ${(thrown as Error).message}`);
              return false;
            }
          }),
          { numRuns: Math.round(runs * 0.75), seed, endOnFailure: true }
        )
        .catch(() => undefined);
      expect(failures).toEqual([]);
    });
  },
  // Stored answers served (PUBLIC_URL) and every answer computed (no response cache): the fast paths are in the draw.
  { PASSERELLE_DEMO: 'true', PUBLIC_URL: 'http://api.passerelle.test', CACHE_RESPONSES_MAX_MB: '0' }
);

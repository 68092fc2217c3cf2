import type { Core } from '@strapi/strapi';
import { GraphQLObjectType, type GraphQLField, type GraphQLFieldResolver, type GraphQLSchema } from 'graphql';
import { perOperationSetting } from './operationSetting';
import fp from 'lodash/fp';
import { replaceWrapResolvers } from '../strapiInternals';

type Resolver = GraphQLFieldResolver<unknown, unknown>;

/** Root types: Strapi checks the reader's auth on each of their fields, configured or not. */
const ROOT_TYPES = new Set(['Query', 'Mutation', 'Subscription']);

const isConfigured = (config: unknown): boolean => typeof config === 'object' && config !== null && Object.keys(config).length > 0;

/**
 * The fields that no resolver configuration names (no auth, middlewares or policies), outside the
 * root types: a title, a slug, a component or media field. Strapi's wrapper around such a field
 * awaits an auth check that does nothing, builds a policy context and runs no policy
 * (@strapi/plugin-graphql 5.54.0 `content-api/wrap-resolvers.js`, `policy.js`): a promise and a few
 * objects per field, about 600 fields in a list of 25 articles. Relation fields are configured by
 * Strapi itself (the target's `find` scope), so they keep it.
 */
const plainFields = (schema: GraphQLSchema, resolversConfig: Record<string, unknown>): Array<[string, GraphQLField<unknown, unknown>]> =>
  Object.entries(schema.getTypeMap()).flatMap(([typeName, type]) => {
    if (!(type instanceof GraphQLObjectType) || typeName.startsWith('__') || ROOT_TYPES.has(typeName)) return [];
    return Object.entries(type.getFields() as Record<string, GraphQLField<unknown, unknown>>).filter(
      // Looked up as Strapi does: `'Type.field'` as one key or nested.
      ([fieldName]) => !fieldName.startsWith('__') && !isConfigured(fp.get(`${typeName}.${fieldName}`, resolversConfig))
    );
  });

/**
 * Lets Strapi wrap every field as it does, then has each plain field call the resolver Strapi's
 * wrapper calls (the field's own, else `lodash/fp`'s `get(fieldName)`) directly; with
 * `graphqlPlainFields: false` it goes through Strapi's wrapper. The answer is the same. A field a
 * configuration names (every relation) and every root field keep Strapi's wrapper.
 * tests/api/graphql.test.ts compares both ways on every field of every collection type. `beforeWrap`
 * changes resolvers before Strapi wraps them (Strapi's wrapping is replaced once per process).
 */
export const registerPlainFieldResolvers = (beforeWrap: (strapi: Core.Strapi, schema: GraphQLSchema) => void = () => {}): void =>
  replaceWrapResolvers((original) => (options) => {
    const schema = options.schema as GraphQLSchema;
    beforeWrap(options.strapi, schema);
    const plain = plainFields(schema, options.extension?.resolversConfig ?? {}).map(
      ([fieldName, field]) => [field, field.resolve ?? (fp.get(fieldName) as Resolver)] as const
    );
    const wrapped = original(options);
    const resolvesDirectly = perOperationSetting(options.strapi, 'graphqlPlainFields', true);
    for (const [field, base] of plain) {
      const strapiWrapper = field.resolve as Resolver;
      field.resolve = (parent, args, context, info) =>
        resolvesDirectly(context) ? base(parent, args, context, info) : strapiWrapper(parent, args, context, info);
    }
    return wrapped;
  });

import type { Core } from '@strapi/strapi';

type Resolver = (root: unknown, args: Record<string, unknown>, context: unknown, info: unknown) => unknown;
type FieldMiddleware = (root: unknown, args: Record<string, unknown>, context: unknown, info: unknown, next: Resolver) => unknown;
type NexusPluginConfig = {
  name: string;
  onCreateFieldResolver: (field: { fieldConfig: { args?: Record<string, unknown> } }) => FieldMiddleware | undefined;
};

/**
 * GraphQL lets a client send `null` for any optional argument. Strapi's collection resolvers
 * (5.54.0, `builders/utils.js` `transformArgs`) default `pagination` only when it is undefined, so
 * `pagination: null` (or a null `page`, `pageSize`, `start` or `limit`) fails inside with a
 * TypeError: an INTERNAL_SERVER_ERROR for a query the schema accepts. A null means "not given".
 */
export const withoutNullPagination = (args: Record<string, unknown>): Record<string, unknown> => {
  if (!('pagination' in args)) return args;
  const { pagination, ...rest } = args;
  if (pagination === null || typeof pagination !== 'object') return pagination === null ? rest : args;
  const given = Object.fromEntries(Object.entries(pagination).filter(([, value]) => value !== null && value !== undefined));
  return Object.keys(given).length > 0 ? { ...rest, pagination: given } : rest;
};

const dropNullPagination: FieldMiddleware = (root, args, context, info, next) =>
  next(root, args ? withoutNullPagination(args) : args, context, info);

/**
 * A Nexus plugin, so every field with a `pagination` argument (root queries and relation fields
 * alike) gets it; other fields get no wrapper, which would cost a call per field of every answer.
 */
export const registerNullArguments = (strapi: Core.Strapi): void => {
  const graphql = strapi.plugin('graphql');
  if (!graphql) return;
  graphql.service('extension').use(({ nexus }: { nexus: { plugin: (config: NexusPluginConfig) => unknown } }) => ({
    plugins: [
      nexus.plugin({
        name: 'PasserelleNullPagination',
        onCreateFieldResolver: ({ fieldConfig }) => (fieldConfig.args && 'pagination' in fieldConfig.args ? dropNullPagination : undefined),
      }),
    ],
  }));
};

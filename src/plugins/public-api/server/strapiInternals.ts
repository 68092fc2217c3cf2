import type { Core } from '@strapi/strapi';

/**
 * Undocumented Strapi APIs the public-api plugin uses (its GraphQL rules, its query parameter), in one place. Checked against
 * Strapi 5.54.0 (@strapi/plugin-graphql `builders/resolvers/association.js`, `builders/utils.js`;
 * @strapi/database `entity-manager` `load`): on an upgrade, read the association resolver again
 * first. tests/api/graphql-relations.test.ts compares our relation loads with Strapi's own.
 */

type Query = Record<string, unknown>;
type TransformArgs = (args: Record<string, unknown>, options: { contentType: unknown; usePagination: boolean }) => Query;

/**
 * The database query Strapi's association resolver builds for a relation field with no client
 * arguments (its default pagination), with `where` as the condition: the resolver's own
 * `transformArgs` and the `query-params` service, without the Content API validation and
 * sanitization, which exist for client input and cost more than the load itself.
 */
export const relationQuery = (strapi: Core.Strapi, targetUid: string, where: Query): Query => {
  const { transformArgs } = strapi.plugin('graphql').service('builders').utils as { transformArgs: TransformArgs };
  const paging = transformArgs({}, { contentType: strapi.getModel(targetUid as never), usePagination: true });
  const queryParams = strapi.get<{ transform: (uid: string, params: Query) => Query }>('query-params');
  return { ...queryParams.transform(targetUid, paging), where };
};

/** `strapi.db.query(uid).load(parent, field, query)`: what the association resolver calls. */
export const loadRelation = (strapi: Core.Strapi, uid: string, parent: unknown, field: string, query: Query): Promise<unknown> =>
  strapi.db.query(uid).load(parent, field, query);

/**
 * Whether a Content API route belongs to an API (a content type's core or custom routes) rather than
 * a plugin: Strapi 5.54.0 sets `info.apiName` on such routes when it builds them (@strapi/core
 * `services/server/register-routes.js`); `contentAPI.addQueryParams`' documented `matchRoute` example
 * only uses `path` and `method`.
 */
export const isApiRoute = (route: { info?: { apiName?: string } }): boolean => Boolean(route.info?.apiName);

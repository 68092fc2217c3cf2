import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';
import type { Core } from '@strapi/strapi';

/**
 * Undocumented Strapi APIs the public-api plugin uses (its GraphQL rules, its query parameter, the two core
 * middlewares it replaces), in one place. Checked against Strapi 5.54.0 (@strapi/plugin-graphql
 * `builders/resolvers/association.js`, `component.js`, `builders/utils.js`, `builders/queries/collection-type.js`,
 * `content-api/wrap-resolvers.js`; @strapi/database `entity-manager` `load`, `metadata`,
 * `query/helpers/populate/apply.js`; @strapi/core `registries/middlewares.js`, `services/server/http-server.js`):
 * on an upgrade, read the association resolver and the populate helpers again first.
 * tests/api/graphql-relations.test.ts compares our relation loads with Strapi's own, and
 * tests/api/graphql-batched-loads.test.ts the batched loads with one load per parent.
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

/** `strapi.db.entityManager.load(uid, entity, fields, query)`, behind every `strapi.db.query(uid).load`. */
export type EntityLoad = (uid: string, entity: unknown, fields: unknown, query?: unknown) => Promise<unknown>;

/**
 * Replaces the entity manager's `load` with `wrap(original)`. Every GraphQL association, component
 * and media resolver reads a field of one parent with it: a `findOne` selecting the parent's id with
 * that field populated (@strapi/database `entity-manager/index.js`).
 */
export const wrapEntityLoad = (strapi: Core.Strapi, wrap: (original: EntityLoad) => EntityLoad): void => {
  const manager = strapi.db.entityManager as unknown as { load: EntityLoad };
  manager.load = wrap(manager.load.bind(manager));
};

/**
 * A field as the database layer describes it (`strapi.db.metadata`): components and media are
 * relations there, with the join table (and its order column) that populating them reads.
 */
export type StoredAttribute = {
  type: string;
  relation?: string;
  target?: string;
  morphBy?: string;
  joinTable?: { orderBy?: Record<string, unknown> };
};

export const storedAttributeOf = (strapi: Core.Strapi, uid: string, field: string): StoredAttribute | undefined => {
  if (!strapi.db.metadata.has(uid)) return undefined;
  return (strapi.db.metadata.get(uid).attributes as Record<string, StoredAttribute | undefined>)[field];
};

/** Whether a statement now would run in a `strapi.db.transaction` (which routes it to that transaction's connection). */
export const inTransaction = (strapi: Core.Strapi): boolean => strapi.db.inTransaction();

/**
 * Whether a Content API route belongs to an API (a content type's core or custom routes) rather than
 * a plugin: Strapi 5.54.0 sets `info.apiName` on such routes when it builds them (@strapi/core
 * `services/server/register-routes.js`); `contentAPI.addQueryParams`' documented `matchRoute` example
 * only uses `path` and `method`.
 */
export const isApiRoute = (route: { info?: { apiName?: string } }): boolean => Boolean(route.info?.apiName);

/**
 * Puts `factory` in place of a core middleware, under its name (the middlewares registry's `extend`,
 * @strapi/core 5.54.0 `registries/middlewares.js`): config/middlewares.ts keeps naming it, and Strapi's
 * check of its required middlewares (`strapi::security` is one, `services/server/register-middlewares.js`)
 * still holds. Called at register, before Strapi instantiates the configured middlewares.
 */
export const replaceCoreMiddleware = (strapi: Core.Strapi, uid: string, factory: Core.MiddlewareFactory): void => {
  strapi.get('middlewares').extend(uid, () => factory);
};

/** Strapi's `wrapResolvers({ schema, strapi, extension })`, which puts its auth, middlewares and policies around every field. */
export type WrapResolvers = (options: {
  schema: unknown;
  strapi: Core.Strapi;
  extension?: { resolversConfig?: Record<string, unknown> };
}) => unknown;

// The package's `exports` name no deep path: the file is found from its package.json.
const WRAP_RESOLVERS_FILE = 'dist/server/services/content-api/wrap-resolvers.js';
const REPLACED = Symbol.for('passerelle.public-api.wrapResolvers');

/**
 * Replaces `wrapResolvers` with `wrap(original)` in @strapi/plugin-graphql 5.54.0's module
 * (`services/content-api/wrap-resolvers.js`), which `content-api/index.js` calls as a property of
 * that module when it builds the schema (at the plugin's bootstrap). The module is one per process:
 * `wrap` is applied once, whatever the number of Strapi instances.
 */
export const replaceWrapResolvers = (wrap: (original: WrapResolvers) => WrapResolvers): void => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const module = require(path.join(path.dirname(require.resolve('@strapi/plugin-graphql/package.json')), WRAP_RESOLVERS_FILE)) as {
    wrapResolvers: WrapResolvers & { [REPLACED]?: true };
  };
  if (module.wrapResolvers[REPLACED]) return;
  const replaced = Object.assign(wrap(module.wrapResolvers), { [REPLACED]: true as const });
  module.wrapResolvers = replaced;
};

export type RootContentType = { uid: string; kind?: string; attributes: Record<string, { type?: string }> };

/**
 * The content type a root query field reads: Strapi's builders (`builders/queries/collection-type.js`)
 * set it in the field's `extensions.strapi.contentType`.
 */
export const rootFieldContentType = (field: { extensions?: unknown }): RootContentType | undefined =>
  (field.extensions as { strapi?: { contentType?: RootContentType } } | undefined)?.strapi?.contentType;

/**
 * What Strapi's connection query (`articles_connection`, `builders/queries/collection-type.js`
 * `addFindConnectionQuery`) returns for `nodes`: `{ nodes, info: { args, resourceUID } }`, with the
 * arguments as its `transformArgs` gives them (`builders.utils`), which the `pageInfo` resolver
 * (`builders/resolvers/pagination.js`) reads to count.
 */
export const entityResponseCollection = (strapi: Core.Strapi, contentType: RootContentType, args: unknown, nodes: unknown): unknown => {
  const graphql = strapi.plugin('graphql');
  const { transformArgs } = graphql.service<{ utils: { transformArgs: (args: unknown, options: unknown) => unknown } }>('builders').utils;
  const { toEntityResponseCollection } = graphql.service<{
    returnTypes: { toEntityResponseCollection: (nodes: unknown, info: unknown) => unknown };
  }>('format').returnTypes;
  return toEntityResponseCollection(nodes, {
    args: transformArgs(args, { contentType, usePagination: true }),
    resourceUID: contentType.uid,
  });
};

/**
 * users-permissions' `permission` service, whose `findPublicPermissions` its strategy calls on every
 * request with no token (`strategies/users-permissions.js` `authenticate`, 5.54.0); undefined
 * without the plugin.
 */
export const usersPermissionsService = (strapi: Core.Strapi): { findPublicPermissions: () => Promise<unknown[]> } | undefined =>
  strapi.plugin('users-permissions')?.service('permission') as { findPublicPermissions: () => Promise<unknown[]> } | undefined;

type RequestListener = (request: IncomingMessage, response: ServerResponse) => unknown;

/**
 * Replaces the one `request` listener of Strapi's HTTP server (Strapi 5.54.0 `createHTTPServer`: Koa's
 * callback; the response cache's front door later puts itself before what is there) with `wrap(listener)`.
 * tests/api/arrival-order.test.ts
 */
export const wrapRequestListener = (strapi: Core.Strapi, wrap: (listener: RequestListener) => RequestListener): void => {
  const server = strapi.server.httpServer;
  const listeners = server.listeners('request') as RequestListener[];
  if (listeners.length !== 1) throw new Error(`public-api: expected one request listener on Strapi's server, found ${listeners.length}`);
  const [listener] = listeners;
  server.removeListener('request', listener);
  server.on('request', wrap(listener));
};

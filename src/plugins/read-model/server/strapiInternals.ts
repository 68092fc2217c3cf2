import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import { schemaName } from '../../../lib/database/strapiSchema';

// Our tables in Strapi's schema, and transactions: shared with the write log (src/lib/database).
export { inTransaction, schemaBuilder, table, type Connection } from '../../../lib/database/strapiSchema';

/**
 * Every undocumented or private Strapi API the read model relies on, in one place. Checked against
 * Strapi 5.54.0: on an upgrade, read each against the new release first
 * (tests/api/read-model-equivalence.test.ts fails when one changes).
 */

/** A column of an index, ascending, or `{ descending: column }`. */
export type IndexColumn = string | { descending: string };

/**
 * `CREATE INDEX IF NOT EXISTS` on one of our tables, in Strapi's schema (SQLite and PostgreSQL both
 * have it); another instance creating the same index at the same moment can still make PostgreSQL
 * refuse ours, so a refusal is tried once more.
 */
export const createIndexIfMissing = async (
  strapi: Core.Strapi,
  tableName: string,
  indexName: string,
  columns: IndexColumn[],
  /** A partial index, of the rows where this column is set (SQLite and PostgreSQL both have them). */
  onlyWhereSet?: string
) => {
  const schema = schemaName(strapi);
  const parts = columns.map((column) =>
    typeof column === 'string' ? { name: column, sql: '??' } : { name: column.descending, sql: '?? desc' }
  );
  const create = () =>
    strapi.db.connection.raw(
      `create index if not exists ?? on ?? (${parts.map((part) => part.sql).join(', ')})${onlyWhereSet ? ' where ?? is not null' : ''}`,
      [indexName, schema ? `${schema}.${tableName}` : tableName, ...parts.map((part) => part.name), ...(onlyWhereSet ? [onlyWhereSet] : [])]
    );
  await create().catch(() => create());
};

/** `DROP INDEX IF EXISTS` of one of our indexes, in Strapi's schema (SQLite and PostgreSQL both have it). */
export const dropIndexIfExists = async (strapi: Core.Strapi, indexName: string) => {
  const schema = schemaName(strapi);
  await strapi.db.connection.raw('drop index if exists ??', [schema ? `${schema}.${indexName}` : indexName]);
};

/**
 * The same, with `onCommit`: a callback run once the outermost transaction has committed (Strapi's
 * transaction context keeps one list of them for nested calls; none run on a rollback).
 */
export const inTransactionThen = <T>(
  strapi: Core.Strapi,
  work: (trx: Knex.Transaction, onCommit: (callback: () => void) => void) => Promise<T>
): Promise<T> =>
  strapi.db.transaction(({ trx, onCommit }: { trx: Knex.Transaction; onCommit: (callback: () => void) => void }) =>
    work(trx, onCommit)
  ) as Promise<T>;

/**
 * Calls `onWrite` after writes through the query engine to the given models, or to every model when
 * `models` is undefined (`db.lifecycles.subscribe`). `strapi import` turns lifecycles off
 * (`db.lifecycles.disable()` in the transfer's local destination, 5.54.0): the write log's triggers
 * (writeLog.ts) catch its writes.
 */
export const afterWritesTo = (
  strapi: Core.Strapi,
  models: string[] | undefined,
  onWrite: (event: {
    model: { uid: string };
    action: string;
    result?: unknown;
    params?: { where?: unknown; data?: unknown };
  }) => Promise<void>
): void => {
  strapi.db.lifecycles.subscribe({
    ...(models ? { models } : {}),
    afterUpdate: onWrite,
    afterUpdateMany: onWrite,
    afterDelete: onWrite,
    afterDeleteMany: onWrite,
    afterCreate: onWrite,
    afterCreateMany: onWrite,
  });
};

/** A minimal Koa context, enough for a content type's controller, route middleware and auth strategies. */
export type SyntheticContext = {
  method: 'GET';
  query: Record<string, unknown>;
  params: Record<string, string>;
  headers: Record<string, string>;
  request: { origin: string; header: Record<string, string>; headers: Record<string, string>; query: Record<string, unknown> };
  state: Record<string, unknown>;
  body?: unknown;
  unauthorized: (message?: string) => never;
};

export const syntheticPublicContext = (options: {
  query: Record<string, unknown>;
  params: Record<string, string>;
  origin: string;
  state: Record<string, unknown>;
}): SyntheticContext => ({
  method: 'GET',
  query: options.query,
  params: options.params,
  headers: {},
  request: { origin: options.origin, header: {}, headers: {}, query: options.query },
  // Strapi marks a matched Content API route this way; the visibility rules and auth read it.
  state: { route: { info: { type: 'content-api' }, config: {} }, ...options.state },
  unauthorized: (message?: string) => {
    throw new Error(`read model: the public reader is not allowed (${message ?? 'unauthorized'})`);
  },
});

/**
 * Authenticates a request with no credentials as Strapi does for the Content API
 * (`strapi.get('auth').authenticate`, private): the users-permissions strategy gives the Public
 * role's ability, which output sanitization reads. Throws when the Public role may read nothing.
 */
export const authenticateAsPublic = async (strapi: Core.Strapi, ctx: SyntheticContext): Promise<void> => {
  const auth = strapi.get<{ authenticate: (ctx: unknown, next: () => Promise<void>) => Promise<void> }>('auth');
  await auth.authenticate(ctx, () => Promise.resolve());
};

/** Runs `work` as if it served `ctx` (`strapi.requestContext.run`, private): rules that read the current request see it. */
export const asRequest = <T>(strapi: Core.Strapi, ctx: unknown, work: () => Promise<T>): Promise<T> =>
  (strapi.requestContext as unknown as { run: (store: unknown, cb: () => Promise<T>) => Promise<T> }).run(ctx, work);

/** Runs `work` outside any request: Document Service reads are then not Content API reads (no visibility rule). */
export const outsideRequest = <T>(strapi: Core.Strapi, work: () => Promise<T>): Promise<T> => asRequest(strapi, undefined, work);

type ControllerAction = (ctx: unknown) => Promise<unknown>;

/** A content type's controller action, called as Strapi's router would (`strapi.controller(uid)[action]`, `this` bound). */
export const controllerAction = (strapi: Core.Strapi, uid: string, action: string): ControllerAction | undefined => {
  const controller = strapi.controller(uid as never) as unknown as Record<string, unknown> | undefined;
  const method = controller?.[action];
  return typeof method === 'function' ? (ctx: unknown) => (method as ControllerAction).call(controller, ctx) : undefined;
};

type KoaHandler = (ctx: unknown, next: () => Promise<void>) => Promise<void>;

/**
 * A route middleware by name (`strapi.middleware(name)`, a factory Strapi calls with `(config, { strapi })`),
 * ready to run on a synthetic context; undefined when the app has none by that name.
 */
export const routeMiddleware = (strapi: Core.Strapi, name: string): KoaHandler | undefined => {
  const factory = strapi.middleware(name) as unknown as ((config: unknown, deps: unknown) => KoaHandler) | undefined;
  return typeof factory === 'function' ? factory({}, { strapi }) : undefined;
};

/** A Content API route as Strapi's router registered it: the object it puts on `ctx.state.route`. */
export type ContentApiRoute = {
  method: string;
  path: string;
  handler: unknown;
  config?: { auth?: false | { scope?: string[] }; policies?: unknown[]; middlewares?: unknown[]; prefix?: unknown };
  info?: { type?: string; pluginName?: string };
};

/**
 * A route's handler as the Public role's permissions name it: Strapi 5.54.0 (register-routes.js)
 * leaves a plugin's handler as its routes file wrote it (`feed.find`) and puts the plugin in
 * `info.pluginName`; an api's core router names it in full (`api::article.article.find`).
 */
export const qualifiedHandlerOf = (route: ContentApiRoute): string | undefined => {
  if (typeof route.handler !== 'string') return undefined;
  const plugin = route.info?.pluginName;
  return plugin && plugin !== 'admin' && !route.handler.includes('::') ? `plugin::${plugin}.${route.handler}` : route.handler;
};

type Router = { type?: string; prefix?: string; routes?: ContentApiRoute[] };

/**
 * Every Content API route, with the path the router matches it under (without the `/api` prefix):
 * the apis' routers (all Content API) and the plugins' Content API routers (prefixed `/<plugin>` unless
 * they name their own). Read from `strapi.apis[name].routes` and `strapi.plugins[name].routes`, which
 * Strapi 5.54.0 (register-routes.js) has instantiated and annotated in place by bootstrap, as
 * `contentAPI.getRoutesMap` reads them. A route whose config has a `prefix` key is mounted on the
 * Content API router itself, under its own path alone (routing.js `addRoutes`).
 */
export const contentApiRoutes = (strapi: Core.Strapi): Array<{ path: string; route: ContentApiRoute }> => {
  const routersOf = (routes: unknown): Router[] =>
    Array.isArray(routes) ? [] : Object.values((routes ?? {}) as Record<string, Router>).filter((router) => Array.isArray(router.routes));
  const found: Array<{ path: string; route: ContentApiRoute }> = [];
  const add = (prefix: string, router: Router) => {
    for (const route of router.routes ?? [])
      found.push({ path: route.config && 'prefix' in route.config ? route.path : `${prefix}${route.path}`, route });
  };
  for (const api of Object.values(strapi.apis as unknown as Record<string, { routes?: unknown }>))
    for (const router of routersOf(api.routes)) add(router.prefix ?? '', router);
  for (const [name, plugin] of Object.entries(strapi.plugins as unknown as Record<string, { routes?: unknown }>))
    for (const router of routersOf(plugin.routes)) if (router.type === 'content-api') add(router.prefix ?? `/${name}`, router);
  return found;
};

/**
 * The controller action the router would run for `route`, found as Strapi 5.54.0's compose-endpoint.js
 * (`getAction`) finds it: by the controller's uid, which the qualified handler starts with.
 */
export const routeActionOf = (strapi: Core.Strapi, route: ContentApiRoute): ((ctx: unknown) => Promise<unknown>) | undefined => {
  const handler = qualifiedHandlerOf(route);
  if (handler === undefined) return undefined;
  const dot = handler.lastIndexOf('.');
  return controllerAction(strapi, handler.slice(0, dot), handler.slice(dot + 1));
};

import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Core } from '@strapi/strapi';
import { ALLOWED_QUERY_PARAM_KEYS } from '@strapi/utils';

/**
 * Every undocumented or private Strapi API the response cache relies on, in one place. Checked
 * against Strapi 5.54.0: on an upgrade, read each against the new release first (the tests named
 * beside them fail when one changes).
 */

/** The query parameters Strapi's Content API reads itself (exported by @strapi/utils, not documented). */
export const STRAPI_QUERY_PARAMS: readonly string[] = ALLOWED_QUERY_PARAM_KEYS;

export type Connection = Core.Strapi['db']['connection'];

/**
 * Calls `onWrite` after every write through the query engine (`db.lifecycles.subscribe`, global
 * subscriber; the Strapi 5 docs point to Document Service middlewares instead, which do not see
 * the upload, i18n or users-permissions writes that change answers too). tests/api/response-cache.test.ts
 */
export type WriteEvent = {
  model: { uid: string };
  /** What the write was given (`data` of a create) and, once done, the row written (an update's). */
  params?: { data?: Record<string, unknown> };
  result?: unknown;
};

export const onEveryWrite = (strapi: Core.Strapi, onWrite: (event: WriteEvent) => Promise<void>): void => {
  const events = ['afterCreate', 'afterCreateMany', 'afterUpdate', 'afterUpdateMany', 'afterDelete', 'afterDeleteMany'];
  strapi.db.lifecycles.subscribe(Object.fromEntries(events.map((name) => [name, onWrite])));
};

/**
 * Runs `work` inside the transaction already open, if any (`db.inTransaction`; `db.transaction`
 * joins the open one and gives its knex object and `onCommit`). tests/api/several-instances.test.ts
 */
export const inOpenTransaction = async (
  strapi: Core.Strapi,
  work: (trx: Connection, onCommit: (callback: () => void) => void) => Promise<void>
): Promise<boolean> => {
  if (!strapi.db.inTransaction()) return false;
  await strapi.db.transaction(async ({ trx, onCommit }: { trx: Connection; onCommit: (callback: () => void) => void }) =>
    work(trx, onCommit)
  );
  return true;
};

/** Knex for the plugin's own table, in the PostgreSQL schema Strapi uses (`db.connection`, `db.getSchemaName`, `db.getConnection`). */
export const connection = (strapi: Core.Strapi): Connection => strapi.db.connection;
export const schemaName = (strapi: Core.Strapi): string | undefined => strapi.db.getSchemaName() || undefined;
export const schemaBuilder = (strapi: Core.Strapi) => {
  const name = schemaName(strapi);
  return name ? strapi.db.connection.schema.withSchema(name) : strapi.db.connection.schema;
};
export const tableConnection = (strapi: Core.Strapi, table: string) => strapi.db.getConnection(table);

/** True once Strapi's router matched a Content API route (`ctx.state.route.info.type`). tests/api/http-cache.test.ts */
export const isContentApiRoute = (state: unknown): boolean =>
  (state as { route?: { info?: { type?: string } } } | undefined)?.route?.info?.type === 'content-api';

/**
 * The SQLite file Strapi writes to, or undefined on another database or in memory (`db.config`,
 * private; SqliteDialect.configure has made `filename` absolute by then: Strapi 5.54.0).
 * tests/api/response-cache-processes.test.ts
 */
export const sqliteFile = (strapi: Core.Strapi): string | undefined => {
  const { client, connection } = (strapi.db as unknown as { config: { connection: { client?: string; connection?: unknown } } }).config
    .connection;
  if (client !== 'sqlite' && client !== 'better-sqlite3') return undefined;
  const filename = typeof connection === 'string' ? connection : (connection as { filename?: unknown } | undefined)?.filename;
  if (typeof filename !== 'string' || filename === '' || filename === ':memory:' || filename.startsWith('file:')) return undefined;
  return filename;
};

export type KoaApp = { createContext(request: IncomingMessage, response: ServerResponse): unknown };

/** Strapi's Koa application (`strapi.server.app`), for contexts built as Koa builds them. tests/api/response-cache-front-door.test.ts */
export const koaApp = (strapi: Core.Strapi): KoaApp => strapi.server.app;

type RequestListener = (request: IncomingMessage, response: ServerResponse) => void;

/**
 * Puts `handler` in front of Koa on Strapi's HTTP server: the server's one `request` listener
 * (Strapi 5.54.0 `createHTTPServer`: Koa's callback, made on the first request) becomes `handler`,
 * which calls it for what it does not answer. tests/api/response-cache-front-door.test.ts
 */
export const beforeKoa = (
  strapi: Core.Strapi,
  handler: (request: IncomingMessage, response: ServerResponse, koa: RequestListener) => void
): void => {
  const server = strapi.server.httpServer;
  const listeners = server.listeners('request') as RequestListener[];
  if (listeners.length !== 1)
    throw new Error(`response-cache: expected one request listener on Strapi's server, found ${listeners.length}`);
  const [koa] = listeners;
  server.removeListener('request', koa);
  server.on('request', (request: IncomingMessage, response: ServerResponse) => handler(request, response, koa));
};

type WebhookRunner = { webhooksMap?: unknown };

/**
 * Whether this process would send a webhook for any of `events`: an enabled one in its webhook
 * runner's table (`webhookRunner.webhooksMap`, private; what `executeListener` reads when it sends).
 * An unknown shape counts as yes, so that the work it gates is done as before.
 * tests/api/purge-targets.test.ts
 */
export const sendsWebhookFor = (strapi: Core.Strapi, events: readonly string[]): boolean => {
  const runner: WebhookRunner | undefined = strapi.get('webhookRunner');
  const table = runner?.webhooksMap;
  if (!(table instanceof Map)) return true;
  return events.some((event) =>
    ((table.get(event) as Array<{ isEnabled?: unknown }> | undefined) ?? []).some((webhook) => webhook.isEnabled === true)
  );
};

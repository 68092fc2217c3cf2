import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';
import { AsyncResource } from 'node:async_hooks';
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

type Listener = (...args: never[]) => unknown;

/**
 * Whether `listener` is the webhook runner's own for `event` (`webhookRunner.listeners`, private:
 * one per event that has a webhook, enabled or not, which queues the event for `executeListener`).
 * tests/api/entry-events.test.ts
 */
export const isWebhookRunnerListener = (strapi: Core.Strapi, event: string, listener: Listener): boolean => {
  const listeners = strapi.get<{ listeners?: unknown } | undefined>('webhookRunner')?.listeners;
  return listeners instanceof Map && listeners.get(event) === listener;
};

/**
 * The plugins whose server code was read for event hub listeners (Strapi 5.54.0's, besides
 * Passerelle's own): none listens to `entry.*` events or subscribes to every event. The admin's
 * audit logs (Enterprise) do subscribe; `auditLogsMayListen` covers them.
 */
export const PLUGINS_READ_FOR_LISTENERS: ReadonlySet<string> = new Set([
  'content-manager',
  'content-type-builder',
  'content-releases',
  'documentation',
  'email',
  'graphql',
  'i18n',
  'review-workflows',
  'upload',
  'users-permissions',
]);

/** Whether the Enterprise audit logs are on (`strapi.ee.features`), which subscribe to every event of the hub. */
export const auditLogsMayListen = (strapi: Core.Strapi): boolean => {
  const features = (strapi as unknown as { ee?: { features?: { isEnabled?: (name: string) => boolean } } }).ee?.features;
  return typeof features?.isEnabled !== 'function' || features.isEnabled('audit-logs');
};

type EventManager = { emitEvent(eventName: string, entry: { id: unknown }): void };
type EventsModule = { createEventManager: (strapi: Core.Strapi, uid: string) => EventManager };

const eventDeciders = new WeakMap<object, (eventName: string) => boolean>();
let eventManagerWrapped = false;

/**
 * Lets `heard` decide whether a Document Service write's event is emitted. Strapi's event manager
 * (`document-service/events.js`, internal, Strapi 5.54.0) reads the entry again with every relation
 * and component populated (9 statements for an article), sanitizes it and emits it after the
 * commit, for every create, update and publish, even when nothing listens. An event heard when the
 * write asks for it goes to Strapi's manager as before. Otherwise `heard` is asked again once the
 * write has committed, and an event heard by then (a webhook enabled in between) is given to
 * Strapi's manager from outside the committed transaction's context: from inside it, Strapi's
 * transaction context hands its commit callbacks on to the next transaction, and each event went
 * out once per later one. Repositories made before this call keep Strapi's manager.
 * tests/api/entry-events.test.ts, tests/api/shutdown.test.ts
 */
export const decideEntryEventsAtCommit = (strapi: Core.Strapi, heard: (eventName: string) => boolean): void => {
  eventDeciders.set(strapi, heard);
  if (eventManagerWrapped) return;
  // Bound here, in a plugin's register, outside any transaction.
  const outsideTransactions = AsyncResource.bind((work: () => void) => work());
  const strapiCore = require.resolve('@strapi/core', { paths: [path.dirname(require.resolve('@strapi/strapi'))] });
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- the module Strapi's repositories require, patched in place
  const events = require(path.join(path.dirname(strapiCore), 'services', 'document-service', 'events.js')) as EventsModule;
  if (typeof events.createEventManager !== 'function')
    throw new Error('response-cache: Strapi has no createEventManager in document-service/events.js');
  const createStrapiManager = events.createEventManager;
  events.createEventManager = (owner, uid) => {
    const manager = createStrapiManager(owner, uid);
    const decide = eventDeciders.get(owner);
    if (!decide) return manager;
    return {
      // Two parameters: the repository curries this function (`fp.curry`), which counts them.
      emitEvent(eventName: string, entry: { id: unknown }) {
        if (decide(eventName)) {
          manager.emitEvent(eventName, entry);
          return;
        }
        owner.db
          .transaction(({ onCommit }: { onCommit: (callback: () => void) => void }) => {
            onCommit(() => {
              if (decide(eventName)) outsideTransactions(() => manager.emitEvent(eventName, entry));
            });
          })
          .catch((error: unknown) => owner.log.error(`[entry events] ${eventName}: ${String(error)}`));
      },
    };
  };
  eventManagerWrapped = true;
};

import { AsyncLocalStorage } from 'node:async_hooks';
import type { Core } from '@strapi/strapi';
import { currentRequest } from '../../../../lib/requests/currentRequest';
import {
  inOpenTransaction,
  onEveryWrite,
  type WriteEvent,
  schemaBuilder,
  schemaName as schemaNameOf,
  tableConnection,
  connection,
  sqliteFile,
  type Connection,
} from '../strapiInternals';
import { watchSqliteVersion, type SqliteVersionWatch } from './sqliteVersionWatch';

/**
 * A version that changes whenever anything a public reader could see is written: content, files,
 * locales, permissions, settings. Whatever is remembered between requests (visibility instants, the
 * locale list, whole responses) is valid only for the version it was computed at.
 *
 * Two parts: a counter in the database, moved as part of every write, so every instance sharing a
 * PostgreSQL database notices a change made by another before the write is acknowledged; and a
 * counter in this process, moved the moment a write commits.
 */
export const CONTENT_VERSION_TABLE = 'passerelle_content_version';

/**
 * Writes that change no public answer: admin users, sessions (admin and site logins) and API tokens
 * (whose `lastUsedAt` moves on every call), and the types the configuration names (`ignoreWritesTo`,
 * e.g. the site's user accounts, so that sign-ups or logins in a loop cannot empty every instance's
 * cache). Roles and permissions do change answers.
 */
const changesNoPublicAnswer = (ignored: ReadonlySet<string>) => (event: WriteEvent) =>
  event.model.uid.startsWith('admin::') || ignored.has(event.model.uid) || isStrapiMetricsSchedule(event);

/**
 * Strapi's own bookkeeping in its settings store that no answer reads: the upload and review-workflows
 * plugins note when their weekly usage report runs (`plugin_upload_metrics`,
 * `plugin_review-workflows_metrics`, written a few seconds after every boot in Strapi 5.54.0). Other
 * keys of the store (the default locale, users-permissions' settings) do change answers.
 */
const STRAPI_METRICS_KEY = /^plugin_[a-z-]+_metrics$/;
const isStrapiMetricsSchedule = (event: WriteEvent): boolean => {
  if (event.model.uid !== 'strapi::core-store') return false;
  const written = [event.params?.data, event.result].map((row) => (row as { key?: unknown } | null | undefined)?.key);
  return (
    written.some((key) => typeof key === 'string') && written.every((key) => key === undefined || STRAPI_METRICS_KEY.test(String(key)))
  );
};

let localWrites = 0;

const bookkeeping = new AsyncLocalStorage<true>();

/**
 * Runs writes that change nothing a reader sees (a job noting when it last ran) without moving the
 * version, which would otherwise drop every remembered answer each time the job runs.
 */
export const asBookkeeping = <T>(write: () => Promise<T>): Promise<T> => bookkeeping.run(true, write);

/** Strapi leaves tables it does not know alone, so the shared counter lives in a small table of our own. */
export const prepareContentVersion = async (strapi: Core.Strapi): Promise<void> => {
  // In the PostgreSQL schema Strapi uses (DATABASE_SCHEMA), like its own tables.
  const schema = () => schemaBuilder(strapi);
  if (!(await schema().hasTable(CONTENT_VERSION_TABLE))) {
    await schema()
      .createTable(CONTENT_VERSION_TABLE, (table) => {
        table.integer('id').primary();
        table.bigInteger('version').notNullable().defaultTo(0);
      })
      .catch(async (error: unknown) => {
        // Another instance created it between our check and our create.
        if (!(await schema().hasTable(CONTENT_VERSION_TABLE))) throw error;
      });
  }
  await tableConnection(strapi, CONTENT_VERSION_TABLE).insert({ id: 1, version: 0 }).onConflict('id').ignore();
};

let sqliteWatch: SqliteVersionWatch | undefined;

/**
 * On SQLite, watches the file so that reading the version costs no query (see sqliteVersionWatch).
 * On PostgreSQL the version stays a one-row read per request: another instance's commit reaches
 * this one only through the database, and no notification can be proven to arrive before the
 * writer acknowledges (see the plugin's README).
 */
export const startContentVersionWatch = (strapi: Core.Strapi): void => {
  const file = sqliteFile(strapi);
  if (file) sqliteWatch = watchSqliteVersion(file, CONTENT_VERSION_TABLE);
};

export const stopContentVersionWatch = (): void => {
  sqliteWatch?.close();
  sqliteWatch = undefined;
};

const queryContentVersion = async (strapi: Core.Strapi): Promise<string> => {
  const row = (await tableConnection(strapi, CONTENT_VERSION_TABLE).select('version').where({ id: 1 }).first()) as
    { version: number | string } | undefined;
  return `${row?.version ?? 0}.${localWrites}`;
};

/** The version now: synchronous on a watched SQLite file, a query otherwise (or if the file is busy past the watch's timeout). */
export const contentVersionNow = (strapi: Core.Strapi): string | Promise<string> => {
  if (sqliteWatch) {
    try {
      return `${sqliteWatch.sharedVersion()}.${localWrites}`;
    } catch (error) {
      strapi.log.warn(`[response-cache] content version: ${(error as Error).message}; reading it with a query`);
    }
  }
  return queryContentVersion(strapi);
};

export const readContentVersion = async (strapi: Core.Strapi): Promise<string> => contentVersionNow(strapi);

const moveSharedVersion = async (strapi: Core.Strapi, knex: Connection): Promise<void> => {
  // Slows the move of the shared version, to widen the race the tests check (0 in production).
  const delay = strapi.config.get<number>('passerelle.testing.versionBumpDelayMs', 0);
  if (delay > 0) await new Promise((resolve) => setTimeout(resolve, delay));
  const schemaName = schemaNameOf(strapi);
  const table = schemaName ? knex(CONTENT_VERSION_TABLE).withSchema(schemaName) : knex(CONTENT_VERSION_TABLE);
  const moved = await table.where({ id: 1 }).increment('version', 1);
  if (!moved) throw new Error(`content version: no row in ${CONTENT_VERSION_TABLE}`);
};

/**
 * Every write that goes through Strapi's query engine (documents, files, locales, roles) moves the
 * version before it is acknowledged, and fails if the version cannot move.
 *
 * Inside a transaction (every Document Service write), the shared counter moves in that same
 * transaction, so the new version and the new data commit together: an instance that reads the new
 * version reads the new data, and one that reads the old version stores its answer under the old one.
 * The increment goes through the transaction's own knex object (`strapi.db.transaction` joins the
 * open one; Strapi 5.54.0), never a fresh query, which on SQLite's single connection would wait on
 * the open transaction forever. On PostgreSQL the counter's row stays locked until the commit, so
 * writes from all instances take turns from that point on: writes are rare, reads never wait.
 * Outside a transaction the write has already committed on its own, so the counter moves right
 * after it, still before the lifecycle returns to the code that will acknowledge the write.
 */
export const registerContentVersionBumps = (strapi: Core.Strapi, ignoreWritesTo: string[] = []): void => {
  const movedIn = new WeakSet();
  const ignored = changesNoPublicAnswer(new Set(ignoreWritesTo));
  onEveryWrite(strapi, async (event) => {
    if (ignored(event) || bookkeeping.getStore()) return;
    const joined = await inOpenTransaction(strapi, async (trx, onCommit) => {
      if (movedIn.has(trx)) return;
      movedIn.add(trx);
      await moveSharedVersion(strapi, trx);
      onCommit(() => {
        localWrites += 1;
      });
    });
    if (joined) return;
    await moveSharedVersion(strapi, connection(strapi));
    localWrites += 1;
  });
};

type RequestWithVersion = { method?: string; state?: { contentVersion?: string; contentVersionLocalWrites?: number } };

/**
 * The version for the current request, read once per request: a GET or HEAD keeps the one the HTTP
 * cache middleware read before anything else; any other request (a GraphQL POST) keeps the first
 * one read until this process commits a write (its own mutation included), then reads again.
 * Keeping a version older than the data read since is safe: whatever is remembered under it is
 * only ever used by requests that started before the newer write. Outside a request (cron,
 * scripts): fresh every time.
 */
export const currentContentVersion = async (strapi: Core.Strapi): Promise<string> => {
  const request: RequestWithVersion | undefined = currentRequest(strapi);
  const state = request?.state;
  if (!state) return readContentVersion(strapi);
  const isRead = request.method === 'GET' || request.method === 'HEAD';
  if (state.contentVersion !== undefined && (isRead || state.contentVersionLocalWrites === localWrites)) return state.contentVersion;
  const writesBefore = localWrites;
  const version = await readContentVersion(strapi);
  state.contentVersion = version;
  state.contentVersionLocalWrites = writesBefore;
  return version;
};

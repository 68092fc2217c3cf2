import { AsyncLocalStorage } from 'node:async_hooks';
import type { Core } from '@strapi/strapi';

/**
 * A version that changes whenever anything a public reader could see is written: content, files,
 * locales, permissions, settings. Whatever is remembered between requests (visibility instants, the
 * locale list, whole responses) is valid only for the version it was computed at.
 *
 * Two parts: a counter in this process, moved the moment a write commits, so this instance never
 * serves what it has just changed; and a counter in the database, so every instance sharing a
 * PostgreSQL database notices a change made by another.
 */
export const CONTENT_VERSION_TABLE = 'passerelle_content_version';

/**
 * Writes that change no public answer: admin users, sessions (admin and site logins) and API tokens
 * (whose `lastUsedAt` moves on every call), and the site's user accounts, so that sign-ups or
 * logins in a loop cannot empty every instance's cache. Roles and permissions do change answers.
 */
const NO_PUBLIC_ANSWER_TYPES = new Set(['plugin::users-permissions.user']);
const changesNoPublicAnswer = (uid: string) => uid.startsWith('admin::') || NO_PUBLIC_ANSWER_TYPES.has(uid);

const WRITE_EVENTS = ['afterCreate', 'afterCreateMany', 'afterUpdate', 'afterUpdateMany', 'afterDelete', 'afterDeleteMany'] as const;

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
  const schemaName = strapi.db.getSchemaName();
  const schema = () => (schemaName ? strapi.db.connection.schema.withSchema(schemaName) : strapi.db.connection.schema);
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
  await strapi.db.getConnection(CONTENT_VERSION_TABLE).insert({ id: 1, version: 0 }).onConflict('id').ignore();
};

export const readContentVersion = async (strapi: Core.Strapi): Promise<string> => {
  const row = (await strapi.db.getConnection(CONTENT_VERSION_TABLE).select('version').where({ id: 1 }).first()) as
    | { version: number | string }
    | undefined;
  return `${row?.version ?? 0}.${localWrites}`;
};

/**
 * Bumps the shared counter after the write has committed, never inside the writer's transaction:
 * a knex transaction Strapi opened without telling its transaction context would otherwise wait
 * on itself (SQLite has one connection). Writes that land while a bump is in flight get one more.
 */
const sharedCounter = (strapi: Core.Strapi) => {
  let running: Promise<void> | undefined;
  let again = false;
  const run = (): void => {
    running = strapi.db
      .getConnection(CONTENT_VERSION_TABLE)
      .where({ id: 1 })
      .increment('version', 1)
      .then(() => undefined)
      .catch((error: unknown) => {
        strapi.log.error(`content version: ${String(error)}`);
      })
      .finally(() => {
        running = undefined;
        if (again) {
          again = false;
          run();
        }
      });
  };
  return () => {
    if (running) again = true;
    else run();
  };
};

/** Every write that goes through Strapi's query engine (documents, files, locales, roles) moves the version. */
export const registerContentVersionBumps = (strapi: Core.Strapi): void => {
  const bumpShared = sharedCounter(strapi);
  const committed = () => {
    localWrites += 1;
    bumpShared();
  };
  const onWrite = async (event: { model: { uid: string } }) => {
    if (changesNoPublicAnswer(event.model.uid) || bookkeeping.getStore()) return;
    if (strapi.db.inTransaction()) await strapi.db.transaction(async ({ onCommit }) => onCommit(committed));
    else committed();
  };
  strapi.db.lifecycles.subscribe(Object.fromEntries(WRITE_EVENTS.map((name) => [name, onWrite])) as never);
};

type RequestWithVersion = { method?: string; state?: { contentVersion?: string } };

/**
 * The version for the current read: fetched once per GET request (the HTTP cache middleware stores
 * it before anything is read), fresh from the database anywhere else (writes, cron, scripts).
 */
export const currentContentVersion = async (strapi: Core.Strapi): Promise<string> => {
  const request = strapi.requestContext.get() as RequestWithVersion | undefined;
  const remembered = request?.method === 'GET' || request?.method === 'HEAD' ? request.state?.contentVersion : undefined;
  return remembered ?? readContentVersion(strapi);
};

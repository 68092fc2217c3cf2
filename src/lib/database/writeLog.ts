import type { Core } from '@strapi/strapi';
import { isPostgres } from './dialect';
import {
  inTransaction,
  qualifiedName as qualified,
  quote,
  schemaBuilder,
  schemaName,
  table as tableOf,
  type Connection,
} from './strapiSchema';
import type { WriteBatch } from '../documents/writeBatch';
import { hasDraftAndPublish } from '../schema/modelAttributes';

/**
 * A log of writes to some tables, noted by database triggers whoever writes (this app, another tool,
 * raw SQL while no instance runs, `strapi import` with its lifecycles off). Something kept in step
 * with the Document Service (the read model, the search index) removes the notes its own writes left,
 * in their transaction: any note left is a write made around it, which it must not answer over.
 * Each keeper has its own log table and triggers, so that one clearing its notes never hides a write
 * from another.
 *
 * Strapi internal used here, checked against Strapi 5.54.0: `db.metadata` (private: each model's
 * table and join tables); the schema and transaction helpers are ./strapiSchema.ts.
 */
export type WriteLogNames = {
  /** The log table. */
  table: string;
  /** Prefix of the triggers' names (short: PostgreSQL allows 63 bytes in all). */
  triggerPrefix: string;
  /** The PostgreSQL function the triggers call. */
  pgFunction: string;
  /** Key of the batch's end work that forgets a batch's notes. */
  batchKey: string;
};

const FILE_UID = 'plugin::upload.file';

type Attribute = {
  type: string;
  target?: string;
  joinTable?: { name: string; morphColumn?: { typeField?: string } };
};
type Metadata = { tableName: string; attributes: Record<string, Attribute> };

/** A component's or a dynamic zone's link from its owner (Strapi's `*_cmps` tables). */
const linksComponents = (strapi: Core.Strapi, attribute: Attribute): boolean =>
  (attribute.target !== undefined && attribute.target in strapi.components) ||
  attribute.joinTable?.morphColumn?.typeField === '__component';

/**
 * The tables holding these models' rows: their own, and (unless `joinTables` is false) the join tables
 * of their components and (with `relations`) of their relations. Media links (`files_related_mph`) and the files table are left out:
 * the upload plugin writes them outside the Document Service.
 */
const tablesOfModels = (strapi: Core.Strapi, models: Iterable<string>, { relations = true, joinTables = true } = {}): string[] => {
  const tables = new Set<string>();
  const metadata = strapi.db.metadata as unknown as { get: (uid: string) => Metadata | undefined };
  for (const uid of models) {
    if (uid === FILE_UID) continue;
    const meta = metadata.get(uid);
    if (!meta) continue;
    tables.add(meta.tableName);
    for (const attribute of Object.values(meta.attributes)) {
      if (!joinTables || attribute.type === 'media' || !attribute.joinTable?.name) continue;
      if (relations || linksComponents(strapi, attribute)) tables.add(attribute.joinTable.name);
    }
  }
  return [...tables].sort();
};

export type WriteLog = ReturnType<typeof defineWriteLog>;

export const defineWriteLog = (names: WriteLogNames) => {
  const existingTriggers = async (strapi: Core.Strapi): Promise<Map<string, string>> => {
    const connection = strapi.db.connection;
    if (isPostgres(strapi)) {
      const rows = (await connection('information_schema.triggers')
        .distinct('trigger_name', 'event_object_table')
        .where('trigger_schema', schemaName(strapi) || 'public')
        .andWhere('trigger_name', 'like', `${names.triggerPrefix}%`)) as Array<{ trigger_name: string; event_object_table: string }>;
      return new Map(rows.map((row) => [row.trigger_name, row.event_object_table]));
    }
    const rows = (await connection('sqlite_master')
      .select('name', 'tbl_name')
      .where({ type: 'trigger' })
      .andWhere('name', 'like', `${names.triggerPrefix}%`)) as Array<{ name: string; tbl_name: string }>;
    return new Map(rows.map((row) => [row.name, row.tbl_name]));
  };

  /** Trigger names are limited to 63 bytes on PostgreSQL: a short hash stands for long table names. */
  const triggerName = (tableName: string, event: string) => {
    const base = `${names.triggerPrefix}${event}_${tableName}`;
    if (base.length <= 63) return base;
    let hash = 0;
    for (const char of tableName) hash = (hash * 31 + char.charCodeAt(0)) | 0;
    return `${base.slice(0, 52)}_${(hash >>> 0).toString(36)}`;
  };

  /**
   * The triggers of one table. With `publishedRowsOnly` (a content type's own table), only a write that
   * touches a published row is noted: a keeper that reads published versions only is not concerned by
   * a draft's (a script's clone gives its drafts their slugs through the query engine). Those
   * triggers have names of their own (`pub_insert_…`), so that a table's triggers made before it was
   * given as such are dropped and made again at the next boot, not kept under the same name.
   */
  const triggerStatements = (strapi: Core.Strapi, tableName: string, publishedRowsOnly: boolean): Array<[string, string]> => {
    const target = qualified(strapi, tableName);
    const log = qualified(strapi, names.table);
    const whenPublished = {
      insert: 'NEW.published_at IS NOT NULL',
      update: 'OLD.published_at IS NOT NULL OR NEW.published_at IS NOT NULL',
      delete: 'OLD.published_at IS NOT NULL',
    };
    const events = ['insert', 'update', 'delete'] as const;
    if (isPostgres(strapi)) {
      const fn = qualified(strapi, names.pgFunction);
      const rowTriggers: Array<[string, string]> = publishedRowsOnly
        ? events.map((event) => [
            triggerName(tableName, `pub_${event}`),
            `AFTER ${event.toUpperCase()} ON ${target} FOR EACH ROW WHEN (${whenPublished[event]}) EXECUTE FUNCTION ${fn}()`,
          ])
        : [[triggerName(tableName, 'row'), `AFTER INSERT OR UPDATE OR DELETE ON ${target} FOR EACH ROW EXECUTE FUNCTION ${fn}()`]];
      return [
        ...rowTriggers,
        [triggerName(tableName, 'truncate'), `AFTER TRUNCATE ON ${target} FOR EACH STATEMENT EXECUTE FUNCTION ${fn}()`],
      ].map(([name, body]) => [name, `CREATE TRIGGER ${quote(name)} ${body}`]);
    }
    const literal = `'${tableName.replace(/'/g, "''")}'`;
    return events.map((event) => {
      const name = triggerName(tableName, publishedRowsOnly ? `pub_${event}` : event);
      const when = publishedRowsOnly ? ` WHEN ${whenPublished[event]}` : '';
      return [
        name,
        `CREATE TRIGGER IF NOT EXISTS ${quote(name)} AFTER ${event.toUpperCase()} ON ${target}${when} BEGIN INSERT INTO ${log} (table_name) VALUES (${literal}); END`,
      ];
    });
  };

  /**
   * Creates the log table and triggers on the tables of these models (their own, their components' and,
   * with `relations`, their relations' join tables), and drops ours from tables no longer among them.
   * Idempotent and cheap at each boot: only missing triggers are created, which also restores those
   * Strapi's schema synchronisation dropped with a table it rebuilt. Of the own table of a type with
   * drafts, only writes touching a published row are noted: every keeper reads published versions only.
   */
  const prepare = async (strapi: Core.Strapi, models: Iterable<string>, { relations = true } = {}): Promise<void> => {
    const modelList = [...models];
    const tables = tablesOfModels(strapi, modelList, { relations });
    const publishedRowsOnly = tablesOfModels(
      strapi,
      modelList.filter((uid) => hasDraftAndPublish(strapi, uid)),
      { joinTables: false }
    );
    if (!(await schemaBuilder(strapi).hasTable(names.table))) {
      await schemaBuilder(strapi)
        .createTable(names.table, (t) => {
          t.increments('id').primary();
          t.string('table_name', 255).notNullable();
          // The writing transaction, on PostgreSQL: a kept-in-step write removes exactly its own notes.
          t.bigInteger('txid').nullable();
        })
        .catch(async (error: unknown) => {
          if (!(await schemaBuilder(strapi).hasTable(names.table))) throw error;
        });
    }
    const connection = strapi.db.connection;
    if (isPostgres(strapi)) {
      await connection
        .raw(
          `CREATE OR REPLACE FUNCTION ${qualified(strapi, names.pgFunction)}() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN ` +
            `INSERT INTO ${qualified(strapi, names.table)} (table_name, txid) VALUES (TG_TABLE_NAME, txid_current()); RETURN NULL; END $$`
        )
        .catch(() => undefined); // another instance replaced it at the same moment: same body
    }
    const existing = await existingTriggers(strapi);
    const wanted = new Set<string>();
    for (const tableName of tables) {
      if (!(await schemaBuilder(strapi).hasTable(tableName))) continue;
      for (const [name, statement] of triggerStatements(strapi, tableName, publishedRowsOnly.includes(tableName))) {
        wanted.add(name);
        if (existing.has(name)) continue;
        await connection.raw(statement).catch((error: unknown) => {
          if (!/already exists/i.test(String(error))) throw error;
        });
      }
    }
    for (const [name, tableName] of existing) {
      if (wanted.has(name)) continue;
      await connection.raw(`DROP TRIGGER IF EXISTS ${quote(name)}${isPostgres(strapi) ? ` ON ${qualified(strapi, tableName)}` : ''}`);
    }
  };

  /** Where the log stands at the start of a kept-in-step write (SQLite: its last note; PostgreSQL needs none). */
  const logMark = async (strapi: Core.Strapi, trx: Connection): Promise<number> => {
    if (isPostgres(strapi)) return 0;
    const row = (await tableOf(strapi, trx, names.table).max({ last: 'id' }).first()) as { last: number | string | null } | undefined;
    return Number(row?.last ?? 0);
  };

  /** Removes the notes this transaction's writes left (SQLite runs one writer at a time: every note after the mark is ours). */
  const forgetOwnWrites = async (strapi: Core.Strapi, trx: Connection, mark: number): Promise<void> => {
    if (isPostgres(strapi)) {
      await tableOf(strapi, trx, names.table).where('txid', trx.raw('txid_current()')).del();
    } else {
      await tableOf(strapi, trx, names.table).where('id', '>', mark).del();
    }
  };

  /** The batches of writes whose mark is taken. */
  const markedBatches = new WeakSet<WriteBatch>();

  return {
    table: names.table,

    prepare,

    /** Runs a kept-in-step write in a transaction, and forgets the notes its own writes left. */
    forgettingOwnWrites: <T>(strapi: Core.Strapi, work: () => Promise<T>): Promise<T> =>
      inTransaction(strapi, async (trx) => {
        const mark = await logMark(strapi, trx);
        const result = await work();
        await forgetOwnWrites(strapi, trx, mark);
        return result;
      }),

    /**
     * `forgettingOwnWrites` for a write of a batch (a bulk import, one transaction): the log's mark is
     * taken at the batch's first write and the notes of all its writes are forgotten once, at its end,
     * in its transaction, instead of two statements at every write. Work left for the batch's end that
     * writes a logged table after that leaves its notes: taken for a write around, never missed.
     */
    forgettingOwnWritesOfBatch: <T>(strapi: Core.Strapi, batch: WriteBatch, work: () => Promise<T>): Promise<T> =>
      inTransaction(strapi, async (trx) => {
        if (!markedBatches.has(batch)) {
          markedBatches.add(batch);
          const mark = await logMark(strapi, trx);
          batch.atEnd(names.batchKey, () => inTransaction(strapi, (atEnd) => forgetOwnWrites(strapi, atEnd, mark)));
        }
        return work();
      }),

    /** True when a logged table was written around the keeper (notes left behind). */
    hasNotes: async (strapi: Core.Strapi, connection: Connection = strapi.db.connection): Promise<boolean> =>
      (await tableOf(strapi, connection, names.table).select('id').first()) !== undefined,

    /** `SELECT id … LIMIT 1` of the notes, for an `exists` inside a keeper's own statement. */
    anyNote: (strapi: Core.Strapi, connection: Connection = strapi.db.connection) =>
      tableOf(strapi, connection, names.table).select('id').limit(1),

    /** Forgets every note committed so far: what is computed again from now on reads what they wrote. */
    clear: async (strapi: Core.Strapi, connection: Connection): Promise<void> => {
      await tableOf(strapi, connection, names.table).del();
    },
  };
};

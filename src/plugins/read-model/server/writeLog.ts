import type { Core } from '@strapi/strapi';
import { isPostgres } from '../../../lib/database/dialect';
import { FILE_UID } from './computeRow';
import { inTransaction, schemaBuilder, table, type Connection } from './strapiInternals';
import type { WriteBatch } from '../../../lib/documents/writeBatch';
import { PENDING_TABLE, STATE_TABLE } from './tables';

/**
 * Writes to the watched tables, noted by database triggers: whoever writes (this app, another tool,
 * raw SQL while no instance runs). A write the plugin keeps in step removes its own notes in its own
 * transaction; any note left is a write made around the model, and the next boot rebuilds it.
 */
export const WRITES_TABLE = 'passerelle_read_model_writes';
const TRIGGER_PREFIX = 'passerelle_rm_w_';
const PG_FUNCTION = 'passerelle_read_model_note_write';

type Attribute = { type: string; joinTable?: { name: string } };
type Metadata = { tableName: string; attributes: Record<string, Attribute> };

const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;

/**
 * The tables holding the watched models' rows: their own, and the join tables of their relations and
 * components (`db.metadata`, private, checked against Strapi 5.54.0). Media links (`files_related_mph`)
 * and the files table are left out: the upload plugin writes them outside the Document Service, and
 * the plugin follows those writes through the query engine's lifecycles.
 */
export const watchedTables = (strapi: Core.Strapi, models: Iterable<string>): string[] => {
  const tables = new Set<string>();
  const metadata = strapi.db.metadata as unknown as { get: (uid: string) => Metadata | undefined };
  for (const uid of models) {
    if (uid === FILE_UID) continue;
    const meta = metadata.get(uid);
    if (!meta) continue;
    tables.add(meta.tableName);
    for (const attribute of Object.values(meta.attributes)) {
      if (attribute.type !== 'media' && attribute.joinTable?.name) tables.add(attribute.joinTable.name);
    }
  }
  return [...tables].sort();
};

const qualified = (strapi: Core.Strapi, name: string) => {
  const schema = strapi.db.getSchemaName();
  return schema ? `${quote(schema)}.${quote(name)}` : quote(name);
};

const existingTriggers = async (strapi: Core.Strapi): Promise<Map<string, string>> => {
  const connection = strapi.db.connection;
  if (isPostgres(strapi)) {
    const rows = (await connection('information_schema.triggers')
      .distinct('trigger_name', 'event_object_table')
      .where('trigger_schema', strapi.db.getSchemaName() || 'public')
      .andWhere('trigger_name', 'like', `${TRIGGER_PREFIX}%`)) as Array<{ trigger_name: string; event_object_table: string }>;
    return new Map(rows.map((row) => [row.trigger_name, row.event_object_table]));
  }
  const rows = (await connection('sqlite_master')
    .select('name', 'tbl_name')
    .where({ type: 'trigger' })
    .andWhere('name', 'like', `${TRIGGER_PREFIX}%`)) as Array<{ name: string; tbl_name: string }>;
  return new Map(rows.map((row) => [row.name, row.tbl_name]));
};

/** Trigger names are limited to 63 bytes on PostgreSQL: a short hash stands for long table names. */
const triggerName = (tableName: string, event: string) => {
  const base = `${TRIGGER_PREFIX}${event}_${tableName}`;
  if (base.length <= 63) return base;
  let hash = 0;
  for (const char of tableName) hash = (hash * 31 + char.charCodeAt(0)) | 0;
  return `${base.slice(0, 52)}_${(hash >>> 0).toString(36)}`;
};

const triggerStatements = (strapi: Core.Strapi, tableName: string): Array<[string, string]> => {
  const target = qualified(strapi, tableName);
  const log = qualified(strapi, WRITES_TABLE);
  if (isPostgres(strapi)) {
    const fn = qualified(strapi, PG_FUNCTION);
    return [
      [triggerName(tableName, 'row'), `AFTER INSERT OR UPDATE OR DELETE ON ${target} FOR EACH ROW EXECUTE FUNCTION ${fn}()`],
      [triggerName(tableName, 'truncate'), `AFTER TRUNCATE ON ${target} FOR EACH STATEMENT EXECUTE FUNCTION ${fn}()`],
    ].map(([name, body]) => [name, `CREATE TRIGGER ${quote(name)} ${body}`]);
  }
  const literal = `'${tableName.replace(/'/g, "''")}'`;
  return (['insert', 'update', 'delete'] as const).map((event) => {
    const name = triggerName(tableName, event);
    return [
      name,
      `CREATE TRIGGER IF NOT EXISTS ${quote(name)} AFTER ${event.toUpperCase()} ON ${target} BEGIN INSERT INTO ${log} (table_name) VALUES (${literal}); END`,
    ];
  });
};

/**
 * Creates the log table and a trigger on every watched table (and drops ours from tables no longer
 * watched). Idempotent and cheap at each boot: only missing triggers are created, which also restores
 * those Strapi's schema synchronisation dropped with a table it rebuilt.
 */
export const prepareWriteLog = async (strapi: Core.Strapi, tables: string[]): Promise<void> => {
  if (!(await schemaBuilder(strapi).hasTable(WRITES_TABLE))) {
    await schemaBuilder(strapi)
      .createTable(WRITES_TABLE, (t) => {
        t.increments('id').primary();
        t.string('table_name', 255).notNullable();
        // The writing transaction, on PostgreSQL: a kept-in-step write removes exactly its own notes.
        t.bigInteger('txid').nullable();
      })
      .catch(async (error: unknown) => {
        if (!(await schemaBuilder(strapi).hasTable(WRITES_TABLE))) throw error;
      });
  }
  const connection = strapi.db.connection;
  if (isPostgres(strapi)) {
    await connection
      .raw(
        `CREATE OR REPLACE FUNCTION ${qualified(strapi, PG_FUNCTION)}() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN ` +
          `INSERT INTO ${qualified(strapi, WRITES_TABLE)} (table_name, txid) VALUES (TG_TABLE_NAME, txid_current()); RETURN NULL; END $$`
      )
      .catch(() => undefined); // another instance replaced it at the same moment: same body
  }
  const existing = await existingTriggers(strapi);
  const wanted = new Set<string>();
  for (const tableName of tables) {
    if (!(await schemaBuilder(strapi).hasTable(tableName))) continue;
    for (const [name, statement] of triggerStatements(strapi, tableName)) {
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
  const row = (await table(strapi, trx, WRITES_TABLE).max({ last: 'id' }).first()) as { last: number | string | null } | undefined;
  return Number(row?.last ?? 0);
};

/** Removes the notes this transaction's writes left (SQLite runs one writer at a time: every note after the mark is ours). */
const forgetOwnWrites = async (strapi: Core.Strapi, trx: Connection, mark: number): Promise<void> => {
  if (isPostgres(strapi)) {
    await table(strapi, trx, WRITES_TABLE).where('txid', trx.raw('txid_current()')).del();
  } else {
    await table(strapi, trx, WRITES_TABLE).where('id', '>', mark).del();
  }
};

/** Runs a kept-in-step write in a transaction, and forgets the notes its own writes left. */
export const forgettingOwnWrites = <T>(strapi: Core.Strapi, work: () => Promise<T>): Promise<T> =>
  inTransaction(strapi, async (trx) => {
    const mark = await logMark(strapi, trx);
    const result = await work();
    await forgetOwnWrites(strapi, trx, mark);
    return result;
  });

/** The batches of writes whose mark is taken. */
const markedBatches = new WeakSet<WriteBatch>();

/**
 * `forgettingOwnWrites` for a write of a batch (a bulk import, one transaction): the log's mark is
 * taken at the batch's first write and the notes of all its writes are forgotten once, at its end, in
 * its transaction, instead of two statements at every write. Work left for the batch's end that
 * writes a watched table after that leaves its notes: the model is then rebuilt, never served stale.
 */
export const forgettingOwnWritesOfBatch = <T>(strapi: Core.Strapi, batch: WriteBatch, work: () => Promise<T>): Promise<T> =>
  inTransaction(strapi, async (trx) => {
    if (!markedBatches.has(batch)) {
      markedBatches.add(batch);
      const mark = await logMark(strapi, trx);
      batch.atEnd('read-model-write-log', () => inTransaction(strapi, (atEnd) => forgetOwnWrites(strapi, atEnd, mark)));
    }
    return work();
  });

/** True when a watched table was written around the model (notes left behind). */
export const hasOutsideWrites = async (strapi: Core.Strapi, connection: Connection = strapi.db.connection): Promise<boolean> =>
  (await table(strapi, connection, WRITES_TABLE).select('id').first()) !== undefined;

/** Forgets every note committed so far: a rebuild that starts now reads what they wrote. */
export const clearWriteLog = async (strapi: Core.Strapi, connection: Connection): Promise<void> => {
  await table(strapi, connection, WRITES_TABLE).del();
};

/**
 * True when the model may answer for `fingerprint`: built for it, and no write made around it is
 * noted (one statement, read before every answer; another process's `strapi import` stops every
 * instance from serving the moment it commits).
 */
export const servesFor = async (strapi: Core.Strapi, fingerprint: string): Promise<boolean> =>
  (await servingState(strapi, fingerprint)) !== undefined;

/**
 * Where the model stands when it may serve for `fingerprint` (else undefined): its epoch, counted up
 * each time it is marked out of date (a permission or locale change, a write around it), and its
 * generation, counted up by every refresh of rows, in the refresh's own transaction. What is
 * remembered for an epoch (the Public role's actions) or a generation (a list's count) is then as
 * current as the rows themselves, on every instance.
 */
export const servingState = async (strapi: Core.Strapi, fingerprint: string): Promise<ServingState | undefined> => {
  const row = (await servingStateQuery(strapi).first()) as ServingStateColumns | undefined;
  return servingStateOf(row, fingerprint);
};

/** The state row's columns that say whether the model serves. */
export type ServingStateColumns = {
  built_for: string | null;
  epoch: number | string;
  generation: number | string;
  written: unknown;
  pending: unknown;
};

/**
 * The query of those columns, from the state table (a reader may join its rows to it: serve.ts): with
 * whether a write around the model is noted, and whether a write's rows wait for their refresh
 * (pendingRefresh.ts). Either stops every read from the model.
 */
export const servingStateQuery = (strapi: Core.Strapi) => {
  const connection = strapi.db.connection;
  const written = table(strapi, connection, WRITES_TABLE).select('id').limit(1);
  const pending = table(strapi, connection, PENDING_TABLE).select('id').limit(1);
  return table(strapi, connection, `${STATE_TABLE} as state`)
    .select(
      'state.built_for',
      'state.epoch',
      'state.generation',
      connection.raw('exists ? as written', [written]),
      connection.raw('exists ? as pending', [pending])
    )
    .where('state.id', 1);
};

/** Where the model stands, from those columns, when it may serve for `fingerprint`. */
export const servingStateOf = (row: ServingStateColumns | undefined, fingerprint: string): ServingState | undefined =>
  row?.built_for === fingerprint && !row.written && !row.pending
    ? { epoch: Number(row.epoch), generation: Number(row.generation) }
    : undefined;

export type ServingState = { epoch: number; generation: number };

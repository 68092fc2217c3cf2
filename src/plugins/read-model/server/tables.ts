import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import { isSqlite } from '../../../lib/database/dialect';
import { dropValueSamples } from '../../../lib/database/plannerStatistics';
import { createIndexIfMissing, dropIndexIfExists, schemaBuilder, table, type Connection, type IndexColumn } from './strapiInternals';

/** One row per published document and locale: what the public REST reads of it answer, and what finds it. */
export const ROWS_TABLE = 'passerelle_read_model';
/** Which documents and files each stored row shows, so that a write to one refreshes the rows that embed it. */
export const REFERENCES_TABLE = 'passerelle_read_model_refs';
/** One row: the configuration the model was last built for, and a counter that refreshes take turns on. */
export const STATE_TABLE = 'passerelle_read_model_state';
/**
 * Documents written whose rows are not computed again yet (pendingRefresh.ts): noted in the write's
 * own transaction; while any is there, nothing is served from the model.
 */
export const PENDING_TABLE = 'passerelle_read_model_pending';

/** Instants are stored as milliseconds since 1970: compared the same way on SQLite and PostgreSQL. */
export type StoredRow = {
  uid: string;
  document_id: string;
  locale: string;
  entry_id: number;
  slug: string | null;
  site_type: string;
  kind: string | null;
  published_at: number | null;
  embargo_until: number | null;
  visible_from: number | null;
  /** The row answers for instants from `valid_from` (null: any) to before `valid_until` (null: until the next write). */
  valid_from: number | null;
  valid_until: number | null;
  media_base_url: string;
  /** `data` of the detail answer, as JSON; null while the document is not yet visible. */
  data: string | null;
  /**
   * The distribution plugin's public entry of the version (feeds, digest), as JSON (`null` when it has
   * none); SQL null while the document is not yet visible, or for a type without an entry mapping.
   */
  entry: string | null;
  /** `url`, `alternates` and `jsonLd` of the detail answer's `meta`, as JSON. */
  meta: string | null;
  /** The `documentId`s `data` shows, in the order a walk of it meets them, space-separated: a list's surrogate keys without parsing it. */
  document_ids: string | null;
  /** The published version's `updatedAt`: the sitemap's `lastmod` (`updated_at` is when the row was computed). */
  entry_updated_at: number | null;
  /**
   * For a type with a range of dates (`calendarRanges`), the day it starts (`YYYY-MM-DD`, the `from`
   * field as the Document Service answers it; null when not a plain day): the digest's upcoming section.
   */
  starts_on: string | null;
  updated_at: number;
};

export type Reference = { uid: string; document_id: string; ref_uid: string; ref_id: string };

const createIfMissing = async (strapi: Core.Strapi, name: string, build: (t: Knex.CreateTableBuilder) => void) => {
  if (await schemaBuilder(strapi).hasTable(name)) return;
  await schemaBuilder(strapi)
    .createTable(name, build)
    .catch(async (error: unknown) => {
      // Another instance created it between our check and our create.
      if (!(await schemaBuilder(strapi).hasTable(name))) throw error;
    });
};

/**
 * Indexes for stored reads, added to tables made before them too (CREATE INDEX IF NOT EXISTS, on
 * SQLite and PostgreSQL alike): the default order with the visibility columns, so that a page and its
 * count read the index alone and deep pages neither sort nor visit rows they skip; the document
 * order of fallback lists; the sitemap's; and the feeds' and digest's.
 */
export const SITEMAP_INDEX = 'passerelle_read_model_sitemap';

const READ_INDEXES: Array<[name: string, columns: IndexColumn[], onlyWhereSet?: string]> = [
  ['passerelle_read_model_order', ['uid', 'locale', 'entry_id', 'embargo_until', 'visible_from']],
  // Strapi's publication order, latest first (`sort=publishedAt:desc`, a site's latest news), with the
  // visibility columns: a deep page skips its OFFSET in the index alone, in order. Without it SQLite
  // read every skipped row to sort ties by entry_id and test visibility (page 200 of 10,000 articles:
  // 19 ms of SQL, 0.85 with it).
  ['passerelle_read_model_publication', ['uid', 'locale', { descending: 'published_at' }, 'entry_id', 'embargo_until', 'visible_from']],
  // The same two for one kind's list (`filters[kind][$eq]`, serveList.ts).
  ['passerelle_read_model_kind_order', ['uid', 'locale', 'kind', 'entry_id', 'embargo_until', 'visible_from']],
  [
    'passerelle_read_model_kind_publication',
    ['uid', 'locale', 'kind', { descending: 'published_at' }, 'entry_id', 'embargo_until', 'visible_from'],
  ],
  ['passerelle_read_model_documents', ['uid', 'locale', 'document_id', 'embargo_until', 'visible_from']],
  // Everything the sitemap reads, in its order: a row's later columns sit past its stored JSON (SQLite
  // walks that JSON's overflow pages to reach them), so the sitemap reads this index alone.
  [SITEMAP_INDEX, ['uid', 'document_id', 'locale', 'embargo_until', 'visible_from', 'published_at', 'entry_updated_at', 'slug']],
  // Feeds and digest: the latest publications first, with what chooses and dates them (serveNewest.ts).
  ['passerelle_read_model_newest', ['uid', 'locale', 'published_at', 'embargo_until', 'visible_from', 'kind', 'document_id']],
  // The few rows with an embargo end or a schedule, latest first, for the feeds' other two reads.
  ['passerelle_read_model_embargoed', ['uid', 'locale', 'embargo_until', 'document_id'], 'embargo_until'],
  ['passerelle_read_model_scheduled', ['uid', 'locale', 'visible_from', 'document_id'], 'visible_from'],
  // The digest's upcoming section: the rows of types with a range of dates, soonest first (serveNewest.ts).
  ['passerelle_read_model_starts_on', ['uid', 'locale', 'starts_on', 'document_id'], 'starts_on'],
];

const addReadIndexes = async (strapi: Core.Strapi): Promise<void> => {
  for (const [name, columns, onlyWhereSet] of READ_INDEXES) await createIndexIfMissing(strapi, ROWS_TABLE, name, columns, onlyWhereSet);
  await analyzeIndexesWithoutStatistics(strapi);
};

/**
 * SQLite plans an index its statistics do not list as very selective, beside the table's counted
 * ones: an index added since the last ANALYZE (the kind's, for one) took the digest's reads of embargo
 * ends, sorting them, until statistics were gathered again. Each read index the table's statistics
 * lack is analyzed on its own (a table never analyzed is left to `PRAGMA optimize` at start).
 */
const analyzeIndexesWithoutStatistics = async (strapi: Core.Strapi): Promise<void> => {
  if (!isSqlite(strapi)) return;
  const knex = strapi.db.connection;
  const statistics = await knex.raw<unknown[]>("SELECT 1 FROM sqlite_schema WHERE name = 'sqlite_stat1'");
  if (statistics.length === 0) return;
  const analyzed = new Set(
    (await knex.raw<Array<{ idx: string | null }>>('SELECT idx FROM sqlite_stat1 WHERE tbl = ?', [ROWS_TABLE])).map((row) => row.idx)
  );
  if (analyzed.size === 0) return;
  const missing = READ_INDEXES.map(([name]) => name).filter((name) => !analyzed.has(name));
  for (const name of missing) await knex.raw('ANALYZE ??', [name]);
  if (missing.length > 0) await dropValueSamples(knex);
};

/** A column added after the table's first version (its rows get it at the rebuild that the row format's change in the fingerprint brings). */
const addColumnIfMissing = async (strapi: Core.Strapi, name: string, column: string, add: (t: Knex.AlterTableBuilder) => void) => {
  if (await schemaBuilder(strapi).hasColumn(name, column)) return;
  await schemaBuilder(strapi)
    .alterTable(name, add)
    .catch(async (error: unknown) => {
      // Another instance added it between our check and ours.
      if (!(await schemaBuilder(strapi).hasColumn(name, column))) throw error;
    });
};

/** Strapi leaves tables it does not know alone: ours are made at bootstrap, in Strapi's schema (DATABASE_SCHEMA). */
export const prepareTables = async (strapi: Core.Strapi): Promise<void> => {
  await createIfMissing(strapi, ROWS_TABLE, (t) => {
    t.increments('id').primary();
    t.string('uid', 255).notNullable();
    t.string('document_id', 255).notNullable();
    t.string('locale', 32).notNullable();
    t.integer('entry_id').notNullable();
    t.string('slug', 255).nullable();
    t.string('site_type', 255).notNullable();
    t.string('kind', 255).nullable();
    t.bigInteger('published_at').nullable();
    t.bigInteger('embargo_until').nullable();
    t.bigInteger('visible_from').nullable();
    t.bigInteger('valid_from').nullable();
    t.bigInteger('valid_until').nullable();
    t.string('media_base_url', 1024).notNullable();
    // Before `data` in a table created now: SQLite reaches a later column by walking the JSON's overflow
    // pages. A table from before row format 7 gets it at its end (below), which costs a feed's read that walk.
    t.text('entry').nullable();
    t.text('data').nullable();
    t.text('meta').nullable();
    t.text('document_ids').nullable();
    t.bigInteger('entry_updated_at').nullable();
    t.string('starts_on', 10).nullable();
    t.bigInteger('updated_at').notNullable();
    t.unique(['uid', 'document_id', 'locale'], { indexName: 'passerelle_read_model_key' });
    t.index(['uid', 'locale', 'slug'], 'passerelle_read_model_slug');
  });
  // (uid, locale, entry_id), made by the first versions: a leading part of the order index (below). As
  // the narrower, SQLite took it for a deep page at scale and read from the table every row the page
  // skips past its checkpoint, to test its visibility, which the order index holds (0.45 ms a page 975
  // rows past one, at 10,000 articles; tests/api/database-indexes.test.ts).
  await dropIndexIfExists(strapi, 'passerelle_read_model_list');
  await addColumnIfMissing(strapi, ROWS_TABLE, 'document_ids', (t) => {
    t.text('document_ids').nullable();
  });
  await addColumnIfMissing(strapi, ROWS_TABLE, 'entry_updated_at', (t) => {
    t.bigInteger('entry_updated_at').nullable();
  });
  await addColumnIfMissing(strapi, ROWS_TABLE, 'starts_on', (t) => {
    t.string('starts_on', 10).nullable();
  });
  await addColumnIfMissing(strapi, ROWS_TABLE, 'entry', (t) => {
    t.text('entry').nullable();
  });
  await addReadIndexes(strapi);
  await createIfMissing(strapi, REFERENCES_TABLE, (t) => {
    t.increments('id').primary();
    t.string('uid', 255).notNullable();
    t.string('document_id', 255).notNullable();
    t.string('ref_uid', 255).notNullable();
    t.string('ref_id', 255).notNullable();
    t.index(['ref_uid', 'ref_id'], 'passerelle_read_model_refs_target');
    t.index(['uid', 'document_id'], 'passerelle_read_model_refs_source');
  });
  await createIfMissing(strapi, PENDING_TABLE, (t) => {
    t.increments('id').primary();
    t.string('uid', 255).notNullable();
    t.string('document_id', 255).notNullable();
  });
  await createIfMissing(strapi, STATE_TABLE, (t) => {
    t.integer('id').primary();
    t.string('built_for', 128).nullable();
    t.bigInteger('generation').notNullable().defaultTo(0);
    t.bigInteger('epoch').notNullable().defaultTo(0);
  });
  await table(strapi, strapi.db.connection, STATE_TABLE)
    .insert({ id: 1, built_for: null, generation: 0, epoch: 0 })
    .onConflict('id')
    .ignore();
};

/**
 * Refreshes store rows one at a time: the counter's row stays locked (PostgreSQL) until the
 * refreshing transaction commits, so a refresh reads every write committed before its turn, and two
 * refreshes of the same document cannot store their answers in the wrong order. SQLite runs one
 * transaction at a time anyway.
 */
export const takeRefreshTurn = async (strapi: Core.Strapi, trx: Connection): Promise<void> => {
  await table(strapi, trx, STATE_TABLE).where({ id: 1 }).increment('generation', 1);
};

export const builtFor = async (strapi: Core.Strapi, connection: Connection = strapi.db.connection): Promise<string | null> => {
  const row = (await table(strapi, connection, STATE_TABLE).select('built_for').where({ id: 1 }).first()) as
    { built_for: string | null } | undefined;
  return row?.built_for ?? null;
};

/** Marks the model out of date: nothing is served from it until a rebuild that started after this completes. */
export const markOutOfDate = async (strapi: Core.Strapi, connection: Connection): Promise<void> => {
  await table(strapi, connection, STATE_TABLE).where({ id: 1 }).update({ built_for: null });
  await table(strapi, connection, STATE_TABLE).where({ id: 1 }).increment('epoch', 1);
};

export const readEpoch = async (strapi: Core.Strapi, connection: Connection = strapi.db.connection): Promise<number> => {
  const row = (await table(strapi, connection, STATE_TABLE).select('epoch').where({ id: 1 }).first()) as
    { epoch: number | string } | undefined;
  return Number(row?.epoch ?? 0);
};

/** Records the fingerprint a rebuild was made for, unless the model was marked out of date after it started. */
export const markBuiltFor = async (strapi: Core.Strapi, fingerprint: string, startedAtEpoch: number, connection: Connection) => {
  await table(strapi, connection, STATE_TABLE).where({ id: 1, epoch: startedAtEpoch }).update({ built_for: fingerprint });
};

import type { Core } from '@strapi/strapi';

/**
 * The index lives in the application's own database, in tables Strapi does not manage: one row per
 * published document and locale (what answers show, and the visibility instants checked at query
 * time), and the engine's full-text index over its tokens: an FTS5 table on SQLite, a `tsvector`
 * column with a GIN index on PostgreSQL.
 */
export const ENTRIES = 'search_index_entries';
export const FTS = 'search_index_fts';

export type Engine = 'sqlite' | 'postgres';

export const engineOf = (strapi: Core.Strapi): Engine => {
  const client = strapi.db.dialect.client;
  if (client === 'sqlite' || client === 'better-sqlite3') return 'sqlite';
  if (client === 'postgres' || client === 'pg') return 'postgres';
  throw new Error(`The search plugin supports SQLite and PostgreSQL, not ${client}.`);
};

const SQLITE_SCHEMA = [
  `CREATE TABLE IF NOT EXISTS ${ENTRIES} (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    uid TEXT NOT NULL, document_id TEXT NOT NULL, locale TEXT NOT NULL,
    type TEXT NOT NULL, kind TEXT, title TEXT NOT NULL, slug TEXT, body TEXT NOT NULL,
    embargo_until INTEGER, visible_from INTEGER
  )`,
  `CREATE INDEX IF NOT EXISTS ${ENTRIES}_document ON ${ENTRIES} (uid, document_id)`,
  // Contentless: the tokens are only indexed (the original text is in the entries table); rows are
  // deleted by rowid, which is the entry's id. Weights come at query time from bm25().
  `CREATE VIRTUAL TABLE IF NOT EXISTS ${FTS} USING fts5(
    title_stems, body_stems, title_words, body_words,
    content='', contentless_delete=1, tokenize='unicode61 remove_diacritics 2', prefix='2 3'
  )`,
];

const POSTGRES_SCHEMA = [
  `CREATE TABLE IF NOT EXISTS ${ENTRIES} (
    id BIGSERIAL PRIMARY KEY,
    uid VARCHAR(255) NOT NULL, document_id VARCHAR(255) NOT NULL, locale VARCHAR(32) NOT NULL,
    type VARCHAR(64) NOT NULL, kind VARCHAR(64), title TEXT NOT NULL, slug TEXT, body TEXT NOT NULL,
    embargo_until BIGINT, visible_from BIGINT, terms TSVECTOR NOT NULL
  )`,
  `CREATE INDEX IF NOT EXISTS ${ENTRIES}_document ON ${ENTRIES} (uid, document_id)`,
  `CREATE INDEX IF NOT EXISTS ${ENTRIES}_terms ON ${ENTRIES} USING GIN (terms)`,
];

export const ensureIndexTables = async (strapi: Core.Strapi): Promise<void> => {
  const statements = engineOf(strapi) === 'sqlite' ? SQLITE_SCHEMA : POSTGRES_SCHEMA;
  for (const statement of statements) await strapi.db.connection.raw(statement);
};

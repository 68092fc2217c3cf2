import { createHash, randomUUID } from 'node:crypto';
import type { Core } from '@strapi/strapi';
import { isPostgres, isSqlite } from '../../../../lib/database/dialect';

/**
 * The index lives in the application's own database, in tables Strapi does not manage: one row per
 * published document and locale (what answers show, and the visibility instants checked at query
 * time), and the engine's full-text index over its tokens: an FTS5 table on SQLite, a `tsvector`
 * column with a GIN index on PostgreSQL.
 */
export const ENTRIES = 'search_index_entries';
export const FTS = 'search_index_fts';
export const VISIBILITY_INDEX = 'search_index_entries_visibility';
/** SQLite only: the titles' tokens again, in an FTS5 table of their own, for the title pass (see searchIndex). */
export const TITLES = 'search_index_titles';
/**
 * SQLite only: every term written to the index, to list a prefix's completions (see expandPrefixes).
 * FTS5's own view of its terms (fts5vocab) reads each listed term's whole doclist to count its rows,
 * which the completions do not need: for the beginning of a common word, 1.8 ms at 50,000 articles.
 */
export const TERMS = 'search_index_terms';
/**
 * SQLite only: one row, written when the index tables are created, with a value of its own. The
 * ranking function keeps its counts while the FTS5 structure record is the same bytes, which never
 * happens twice in one table's life (FTS5's counters only grow), but does in a table dropped and made
 * again: this tells the two tables apart.
 */
export const CREATION = 'search_index_creation';
/**
 * SQLite only: the last id each locale's range gave (localeIdRange), so that an id is never given
 * twice, as AUTOINCREMENT promises: an entry indexed again takes a new id, the most recent.
 */
export const LAST_IDS = 'search_index_last_ids';
/**
 * SQLite only: each token's count of entries in the column sets the search's phrases name, for the
 * ranking function (see keptCounts).
 */
export const COUNTS = 'search_index_counts';
/** The full-text tables' tokenizer and its arguments, as their `tokenize` option lists them. */
export const FTS_TOKENIZER = ['unicode61', 'remove_diacritics', '2'];
/** The full-text column of an entry's facet tokens (see facetToken). */
export const FACET_COLUMN = 'facets';
/** Before the table of terms (ANALYSIS_VERSION 5): dropped with the index tables. */
const VOCABULARY = 'search_index_vocabulary';

export type Engine = 'sqlite' | 'postgres';

export const engineOf = (strapi: Core.Strapi): Engine => {
  if (isSqlite(strapi)) return 'sqlite';
  if (isPostgres(strapi)) return 'postgres';
  throw new Error(`The search plugin supports SQLite and PostgreSQL, not ${strapi.db.dialect.client}.`);
};

/**
 * Entries' columns, the instants first: the visibility check then reads no further than them. Ids
 * are given by the writer (localeIdRange, LAST_IDS), never by SQLite: no AUTOINCREMENT, whose
 * sqlite_sequence row every insert would write again for nothing.
 */
const SQLITE_SCHEMA = [
  `CREATE TABLE IF NOT EXISTS ${ENTRIES} (
    id INTEGER PRIMARY KEY,
    embargo_until INTEGER, visible_from INTEGER,
    uid TEXT NOT NULL, document_id TEXT NOT NULL, locale TEXT NOT NULL,
    type TEXT NOT NULL, kind TEXT, title TEXT NOT NULL, slug TEXT, body TEXT NOT NULL, digest TEXT NOT NULL
  )`,
  `CREATE INDEX IF NOT EXISTS ${ENTRIES}_document ON ${ENTRIES} (uid, document_id)`,
  // The visibility check on a thousand candidates reads this narrow index, not the entries' text.
  `CREATE INDEX IF NOT EXISTS ${VISIBILITY_INDEX} ON ${ENTRIES} (id, embargo_until, visible_from)`,
  // Contentless: the tokens are only indexed (the original text is in the entries table); rows are
  // deleted by rowid, which is the entry's id. Weights come at query time from bm25(). \`facets\`
  // holds one token each for the locale, type and kind, so that FTS5 itself narrows the matches.
  `CREATE VIRTUAL TABLE IF NOT EXISTS ${FTS} USING fts5(
    title_stems, body_stems, title_words, body_words, ${FACET_COLUMN},
    content='', contentless_delete=1, tokenize='${FTS_TOKENIZER.join(' ')}', prefix='2 3'
  )`,
  // The title pass looks for entries whose title holds every word. In the main table it walks the
  // doclists of the body's words too and reads their positions to find the title columns: for a common
  // word, most of the index. Here a doclist holds only the entries with the word in their title, and
  // the tokens are those of the main table's title columns, under the same names and rowids.
  `CREATE VIRTUAL TABLE IF NOT EXISTS ${TITLES} USING fts5(
    title_stems, title_words, ${FACET_COLUMN},
    content='', contentless_delete=1, tokenize='${FTS_TOKENIZER.join(' ')}', prefix='2 3'
  )`,
  // Written with the entries, never pruned but by a rebuild: a term no entry holds any more lists a
  // completion that matches nothing, and with more than the completions listed FTS5 expands the prefix.
  `CREATE TABLE IF NOT EXISTS ${TERMS} (term TEXT PRIMARY KEY) WITHOUT ROWID`,
  `CREATE TABLE IF NOT EXISTS ${CREATION} (id INTEGER PRIMARY KEY CHECK (id = 1), created TEXT NOT NULL)`,
  `CREATE TABLE IF NOT EXISTS ${LAST_IDS} (range_first INTEGER PRIMARY KEY, last INTEGER NOT NULL)`,
];

const POSTGRES_SCHEMA = [
  `CREATE TABLE IF NOT EXISTS ${ENTRIES} (
    id BIGSERIAL PRIMARY KEY,
    embargo_until BIGINT, visible_from BIGINT,
    uid VARCHAR(255) NOT NULL, document_id VARCHAR(255) NOT NULL, locale VARCHAR(32) NOT NULL,
    type VARCHAR(64) NOT NULL, kind VARCHAR(64), title TEXT NOT NULL, slug TEXT, body TEXT NOT NULL,
    digest VARCHAR(32) NOT NULL, terms TSVECTOR NOT NULL
  )`,
  `CREATE INDEX IF NOT EXISTS ${ENTRIES}_document ON ${ENTRIES} (uid, document_id)`,
  `CREATE INDEX IF NOT EXISTS ${ENTRIES}_terms ON ${ENTRIES} USING GIN (terms)`,
];

export const ensureIndexTables = async (strapi: Core.Strapi): Promise<void> => {
  const sqlite = engineOf(strapi) === 'sqlite';
  for (const statement of sqlite ? SQLITE_SCHEMA : POSTGRES_SCHEMA) await strapi.db.connection.raw(statement);
  if (sqlite) {
    await strapi.db.connection.raw(`INSERT OR IGNORE INTO ${CREATION} (id, created) VALUES (1, ?)`, [randomUUID()]);
  }
};

/** Drops the index tables, for a rebuild after their layout changed (they hold nothing that is not elsewhere). */
export const dropIndexTables = async (strapi: Core.Strapi): Promise<void> => {
  if (engineOf(strapi) === 'sqlite') {
    await strapi.db.connection.raw(`DROP TABLE IF EXISTS ${VOCABULARY}`);
    await strapi.db.connection.raw(`DROP TABLE IF EXISTS ${COUNTS}`);
    await strapi.db.connection.raw(`DROP TABLE IF EXISTS ${TERMS}`);
    await strapi.db.connection.raw(`DROP TABLE IF EXISTS ${CREATION}`);
    await strapi.db.connection.raw(`DROP TABLE IF EXISTS ${LAST_IDS}`);
    await strapi.db.connection.raw(`DROP TABLE IF EXISTS ${TITLES}`);
  }
  await strapi.db.connection.raw(`DROP TABLE IF EXISTS ${FTS}`);
  await strapi.db.connection.raw(`DROP TABLE IF EXISTS ${ENTRIES}`);
};

/**
 * SQLite: each locale's entries take their ids (the full-text tables' rowids) in a range of their own,
 * so that a locale's entries lie together in every doclist, which is in rowid order. A search bounds
 * its rowids to its locale's range, and FTS5 seeks to it: a word common in one locale and rare in
 * another is no longer walked over in the first to find its few matches in the second (at 50,000
 * articles × 2 locales, a two-word search's SQL took 1.8 ms at the median against 0.6 with one locale
 * indexed). The range's slot comes from a hash of the locale code: two codes on one slot share it, which
 * costs them that walk again but never a result, since the locale's facet still filters the matches.
 * The slot is the hash's first two bytes: 65,536 slots of 2^36 ids stay under 2^52, where every id is
 * a JavaScript number exactly.
 */
const IDS_PER_LOCALE = 2 ** 36;

const rangesOfLocales = new Map<string, { first: number; last: number }>();

export const localeIdRange = (locale: string): { first: number; last: number } => {
  let range = rangesOfLocales.get(locale);
  if (!range) {
    const slot = createHash('sha1').update(locale, 'utf8').digest().readUInt16BE(0);
    range = Object.freeze({ first: slot * IDS_PER_LOCALE + 1, last: (slot + 1) * IDS_PER_LOCALE - 1 });
    // A site has a handful of locales (searches with another are refused before this): bounded all the same.
    if (rangesOfLocales.size >= 256) rangesOfLocales.clear();
    rangesOfLocales.set(locale, range);
  }
  return range;
};

export type Facet = 'locale' | 'type' | 'kind';

/**
 * Facet tokens: an entry's locale, type and kind as tokens, so that the engines' own indexes narrow
 * the matches before anything is ranked. Their value is spelt in hex, so any locale code or kind is
 * one token. On SQLite they live in their own column, which readers' words never look in; on
 * PostgreSQL a leading `~` keeps them out of reach of a reader's prefix (words are letters and digits).
 */
export const facetToken = (engine: Engine, facet: Facet, value: string): string =>
  `${engine === 'postgres' ? '~' : ''}${facet[0]}0x${Buffer.from(value, 'utf8').toString('hex')}`;

/** An entry's facet tokens. */
export const facetTokensOf = (engine: Engine, entry: { locale: string; type: string; kind: string | null }): string[] => [
  facetToken(engine, 'locale', entry.locale),
  facetToken(engine, 'type', entry.type),
  ...(entry.kind ? [facetToken(engine, 'kind', entry.kind)] : []),
];

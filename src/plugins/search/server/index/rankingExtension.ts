import fs from 'node:fs';
import path from 'node:path';
import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import { COUNTS, CREATION, FTS } from './indexTables';
import { COMPILED_RANKING_FILE } from '../../native/compiledFile';

/**
 * SQLite: the search ranks with `passerelle_bm25` (native/passerelle_rank.c) when it was built
 * (scripts/build-ranking.js, run after every npm install) and loaded on the connection: bm25's own
 * scores, but each phrase's count of rows, which bm25 reads again from the whole index for every
 * query, is remembered until the index changes. Without it, FTS5's bm25.
 */

const ENTRY_POINT = 'sqlite3_passerellerank_init';

/** Where scripts/build-ranking.js writes the compiled function, under the app's root. */
export const rankingExtensionFile = (appRoot: string): string =>
  path.join(appRoot, 'src', 'plugins', 'search', 'native', COMPILED_RANKING_FILE);

/** What this needs of a better-sqlite3 `Database`. */
type LoadingConnection = { loadExtension(file: string, entryPoint?: string): unknown };

/**
 * Loads the ranking function on a better-sqlite3 connection as knex opens it (`pool.afterCreate`
 * in config/database.ts), when it was built. One that does not load (built for another machine) is
 * left out: the search then ranks with bm25, and says so at boot.
 */
export const loadRankingFunction = <Connection extends LoadingConnection>(connection: Connection, appRoot: string): Connection => {
  const file = rankingExtensionFile(appRoot);
  if (fs.existsSync(file)) {
    try {
      connection.loadExtension(file, ENTRY_POINT);
    } catch {
      // Reported by the plugin's bootstrap (rankingFunctionLoaded), which can log.
    }
  }
  return connection;
};

const loaded = new WeakMap<Core.Strapi, Promise<boolean>>();

/**
 * Whether this app's SQLite connection has the ranking function; asked once, on `knex` (a
 * transaction's, when asked inside one: SQLite's pool has one connection).
 */
export const rankingFunctionLoaded = (strapi: Core.Strapi, knex: Knex = strapi.db.connection): Promise<boolean> => {
  let answer = loaded.get(strapi);
  if (!answer) {
    answer = knex.raw('SELECT passerelle_rank_remembered()').then(
      () => true,
      () => false
    );
    loaded.set(strapi, answer);
  }
  return answer;
};

/** How many phrase counts the connection remembers (tests). */
export const rememberedCounts = async (strapi: Core.Strapi): Promise<number> => {
  const [row] = await strapi.db.connection.raw<Array<{ remembered: number }>>('SELECT passerelle_rank_remembered() AS remembered');
  return row.remembered;
};

/** Separates the labels of a query's phrases (U+001F, which no analysed token holds). */
const LABEL_SEPARATOR = '\u001f';

/**
 * The ranking expression of the candidates' scan on `FTS`, and its bindings before the column
 * weights: `passerelle_bm25_kept` given the table of kept counts (keptCounts.ts: a phrase of one token
 * is looked up there before its doclist is walked), the index tables' creation value and structure
 * record (its counts are remembered while those are the same) and the query's phrases in order, or
 * bm25. The structure record is the row of id 10
 * of FTS5's `_data` shadow table (fts5_index.c, FTS5_STRUCTURE_ROWID; checked against SQLite 3.53.0,
 * better-sqlite3 12.9.0): an internal of FTS5's, so read here only.
 */
export const rankingCall = (remembering: boolean, phrases: string[]): { sql: string; bindings: string[] } =>
  remembering
    ? {
        sql: `passerelle_bm25_kept(${FTS}, '${COUNTS}', (SELECT created FROM ${CREATION}) || hex((SELECT block FROM ${FTS}_data WHERE id = 10)), ?, `,
        bindings: [phrases.join(LABEL_SEPARATOR)],
      }
    : { sql: `bm25(${FTS}, `, bindings: [] };

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Core } from '@strapi/strapi';
import fc from 'fast-check';
import createKnex, { type Knex } from 'knex';
import { analyserNameFor } from '../../src/plugins/search/server/analysis/analyser';
import { parseQuery } from '../../src/plugins/search/server/analysis/parseQuery';
import { COUNTS, FTS } from '../../src/plugins/search/server/index/indexTables';
import type { IndexEntry } from '../../src/plugins/search/server/index/indexWriter';
import { loadRankingFunction } from '../../src/plugins/search/server/index/rankingExtension';
import type { SearchRequest } from '../../src/plugins/search/server/index/searchIndex';

export const APP_ROOT = path.resolve(__dirname, '..', '..');

/**
 * A SQLite file of its own for a test of the search index's reads and writes without booting Strapi:
 * knex on it, with the ranking function loaded on each connection as config/database.ts does, and the
 * parts of Strapi the index uses. Opened before the file's tests, closed and deleted after them.
 */
export const searchIndexDatabase = (name: string): { knex: () => Knex; strapi: () => Core.Strapi } => {
  const databaseFile = path.join(os.tmpdir(), `passerelle-${name}-${process.pid}.db`);
  let knex: Knex;
  let strapi: Core.Strapi;
  beforeAll(() => {
    knex = createKnex({
      client: 'better-sqlite3',
      connection: { filename: databaseFile },
      useNullAsDefault: true,
      pool: {
        afterCreate: (connection: Parameters<typeof loadRankingFunction>[0], done: (error: Error | null, connection: unknown) => void) =>
          done(null, loadRankingFunction(connection, APP_ROOT)),
      },
    });
    strapi = {
      db: {
        connection: knex,
        dialect: { client: 'better-sqlite3' },
        transaction: (work: (context: { trx: Knex.Transaction }) => Promise<unknown>) => knex.transaction((trx) => work({ trx })),
      },
    } as unknown as Core.Strapi;
  });
  afterAll(async () => {
    await knex.destroy();
    fs.rmSync(databaseFile, { force: true });
  });
  return { knex: () => knex, strapi: () => strapi };
};

/**
 * Whether FTS5's incremental optimize finds nothing left to merge in the FTS5 table `table` (one
 * segment, no tombstones), asked with FTS5's own command rather than the app's compaction.
 */
export const isOneSegment = (knex: Knex, table: string): Promise<boolean> =>
  knex.transaction(async (trx) => {
    const changes = async () => (await trx.raw<Array<{ changes: number }>>('SELECT total_changes() AS changes'))[0].changes;
    const before = await changes();
    await trx.raw(`INSERT INTO ${table} (${table}, rank) VALUES ('merge', -1000000)`);
    return (await changes()) - before < 2;
  });

/** The column sets whose counts the index keeps (keptCounts.ts), by the FTS5 columns each one reads. */
export const KEPT_COLUMN_SETS: Record<string, string[]> = {
  '{title_stems body_stems}': ['title_stems', 'body_stems'],
  '{title_stems body_stems title_words body_words}': ['title_stems', 'body_stems', 'title_words', 'body_words'],
  facets: ['facets'],
};

/**
 * The index's kept counts, and what FTS5 itself holds (its \`fts5vocab\` instance table, read whole):
 * for each column set and token, its entries; both as sorted lines, zero counts left out.
 */
export const keptCountsAndFts5s = async (knex: Knex): Promise<{ kept: string[]; found: string[] }> => {
  const lines = (counts: Array<{ columns: string; term: string; rows: number }>) =>
    counts.map(({ columns, term, rows }) => `${columns} ${term} ${rows}`).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  await knex.raw(`CREATE VIRTUAL TABLE IF NOT EXISTS temp.fts_instances USING fts5vocab(main, ${FTS}, 'instance')`);
  const found: Array<{ columns: string; term: string; rows: number }> = [];
  for (const [columns, names] of Object.entries(KEPT_COLUMN_SETS)) {
    const rows = await knex.raw<Array<{ term: string; rows: number }>>(
      `SELECT term, count(DISTINCT doc) AS rows FROM temp.fts_instances WHERE col IN (${names.map(() => '?').join(', ')}) GROUP BY term`,
      names
    );
    found.push(...rows.map((row) => ({ columns, term: row.term, rows: row.rows })));
  }
  const kept = await knex.raw<Array<{ columns: string; term: string; rows: number }>>(
    `SELECT s.term AS columns, c.term, c.rows FROM ${COUNTS} AS c JOIN ${COUNTS} AS s ON s.column_set = 0 AND s.rows = c.column_set
     WHERE c.column_set <> 0 AND c.rows <> 0`
  );
  return { kept: lines(kept), found: lines(found) };
};

type CorpusItem = { locale: string; title: string; body: string };

/** Articles `doc<n>` as the index writes them, numbered from `first`, with no instants. */
export const articleEntries = (corpus: CorpusItem[], first: number): IndexEntry[] =>
  corpus.map((item, index) => ({
    uid: 'api::article.article',
    document_id: `doc${first + index}`,
    locale: item.locale,
    type: 'article',
    kind: null,
    title: item.title,
    slug: `doc-${first + index}`,
    body: item.body,
    embargo_until: null,
    visible_from: null,
  }));

/** The public's search for `q` in `locale` at this instant, every hit (up to the rank window) on one page. */
export const publicSearchRequest = (q: string, locale: string): SearchRequest => ({
  query: parseQuery(q, analyserNameFor(locale)),
  locale,
  now: new Date(),
  access: { canReadEmbargoed: false, canReadDrafts: false },
  start: 0,
  limit: 1000,
  window: 1000,
});

/** Words and their inflections, so that a stem gathers several of them. */
export const SMALL_VOCABULARY = [
  'inclusion',
  'numérique',
  'numériques',
  'emploi',
  'emplois',
  'formation',
  'formations',
  'déclics',
  'région',
  'partenaires',
] as const;

/**
 * Random corpora over a small vocabulary (so that words and phrases repeat from one search to the
 * next and counts differ widely), and searches as typed in the box: words, a phrase in quotes, or the
 * last word cut short (a prefix); `typedText` gives a search's text.
 */
export const corpusOf = (words: readonly string[] = SMALL_VOCABULARY) => {
  const word = fc.constantFrom(...words);
  const text = (min: number, max: number) => fc.array(word, { minLength: min, maxLength: max }).map((list) => list.join(' '));
  return {
    word,
    entry: fc.record({ locale: fc.constantFrom('fr', 'en'), title: text(1, 4), body: text(0, 25) }),
    search: fc.record({
      locale: fc.constantFrom('fr', 'en'),
      words: fc.array(word, { minLength: 1, maxLength: 3 }),
      shape: fc.constantFrom('words', 'phrase', 'prefix'),
      cut: fc.integer({ min: 1, max: 5 }),
    }),
  };
};

export const typedText = ({ words, shape, cut }: { words: string[]; shape: string; cut: number }): string => {
  if (shape === 'phrase') return `"${words.join(' ')}"`;
  if (shape === 'prefix') {
    const last = words[words.length - 1];
    return [...words.slice(0, -1), last.slice(0, Math.max(2, last.length - cut))].join(' ');
  }
  return `${words.join(' ')} `;
};

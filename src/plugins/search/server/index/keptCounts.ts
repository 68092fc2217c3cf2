import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import { STEM_COLUMNS, TEXT_COLUMNS } from '../analysis/parseQuery';
import { COUNTS, engineOf, FACET_COLUMN, FTS_TOKENIZER } from './indexTables';
import { rankingFunctionLoaded } from './rankingExtension';

/**
 * SQLite only: the table of counts (COUNTS), how many entries hold each token in the column sets the
 * search's phrases name, kept by the writer in the transaction of every write to the full-text
 * table, for the ranking function (`passerelle_bm25_kept`, native/passerelle_rank.c) to read instead
 * of walking the token's doclist the first time it meets it after the index changed (at 50,000
 * articles, five times the walk of 10,000: the median search's extra). Keyed by the tokens FTS5
 * itself reads in the written columns (`passerelle_fts5_tokens`, with the table's tokenizer), not the
 * analyser's: the two differ for a few words (a final sigma), and a count must be the one FTS5 finds.
 *
 * Each column set kept has a number (KEPT), and a row of set 0 whose term is the set's text as the
 * phrases write it and whose count is that number: a phrase over other columns is walked. Numbers,
 * not the sets' text (up to 47 bytes, against 8 or so for a token), in the rows: a publish changes
 * counts all over the table, whose pages the commit then writes. The table exists only while every
 * writer has the ranking function (it tokenises the writes): made by a rebuild (a boot that makes the
 * index tables rebuilds), dropped by a writer without the function. A table missing is never made
 * again over an index already written (its counts would start at zero): the ranking function then
 * walks, until the next rebuild.
 */
/** The column sets counted, as the phrases name them (parseQuery, searchIndex). */
const KEPT = [STEM_COLUMNS, TEXT_COLUMNS, FACET_COLUMN] as const;
const numberOf = (set: (typeof KEPT)[number]): number => KEPT.indexOf(set) + 1;

/** An entry's full-text columns, as written to the FTS5 table. */
export type FtsColumns = { title_stems: string; body_stems: string; title_words: string; body_words: string; facets: string };

/** Makes the table, empty, for an index that is empty too: a rebuild's start (a boot that makes new tables rebuilds). */
export const startKeptCounts = async (strapi: Core.Strapi, knex: Knex): Promise<void> => {
  await knex.raw(`DROP TABLE IF EXISTS ${COUNTS}`);
  if (!(await rankingFunctionLoaded(strapi, knex))) return;
  await knex.raw(
    `CREATE TABLE ${COUNTS} (column_set INTEGER NOT NULL, term TEXT NOT NULL, rows INTEGER NOT NULL, PRIMARY KEY (column_set, term)) WITHOUT ROWID`
  );
  await knex.raw(`INSERT INTO ${COUNTS} (column_set, term, rows) SELECT 0, value ->> 0, value ->> 1 FROM json_each(?)`, [
    JSON.stringify(KEPT.map((set) => [set, numberOf(set)])),
  ]);
};

/**
 * Whether this write keeps the counts: the table exists and this connection can tokenise. A writer
 * that cannot drops the table, in its transaction, so that no count is ever behind the index.
 */
const keepsCounts = async (strapi: Core.Strapi, knex: Knex): Promise<boolean> => {
  const [found] = await knex.raw<Array<{ present: number }>>(
    `SELECT count(*) AS present FROM sqlite_master WHERE type = 'table' AND name = ?`,
    [COUNTS]
  );
  if (!found.present) return false;
  if (await rankingFunctionLoaded(strapi, knex)) return true;
  await knex.raw(`DROP TABLE ${COUNTS}`);
  return false;
};

/**
 * FTS5's tokens of each analysed token, remembered: the tokenizer reads a column's text token by
 * token (a space always separates two), so a column's tokens are its analysed tokens' own. Bounded:
 * emptied when full (the search benchmark's index holds 7,406 terms at 10,000 and at 50,000 articles).
 */
const FTS5_TOKENS_REMEMBERED = 50_000;
const fts5TokensOf = new Map<string, string[]>();

const tokensOf = (text: string): string[] => (text === '' ? [] : text.split(' '));

/** The analysed tokens FTS5's tokens are not remembered for, in these entries' columns. */
const unknownTokensOf = (entries: Array<{ columns: FtsColumns }>, all = false): Set<string> => {
  const unknown = new Set<string>();
  for (const { columns } of entries)
    for (const text of [columns.title_stems, columns.body_stems, columns.title_words, columns.body_words, columns.facets])
      for (const token of tokensOf(text)) if (all || !fts5TokensOf.has(token)) unknown.add(token);
  return unknown;
};

/** Makes sure every token of these entries is remembered (a cache emptied here learns them all again). */
const learnFts5Tokens = async (knex: Knex, entries: Array<{ columns: FtsColumns }>): Promise<void> => {
  let unknown = unknownTokensOf(entries);
  if (unknown.size === 0) return;
  if (fts5TokensOf.size + unknown.size > FTS5_TOKENS_REMEMBERED) {
    fts5TokensOf.clear();
    unknown = unknownTokensOf(entries, true);
  }
  const tokenizer = FTS_TOKENIZER.map(() => '?').join(', ');
  const rows = await knex.raw<Array<{ token: string; read: string }>>(
    `SELECT value AS token, passerelle_fts5_tokens(value, ${tokenizer}) AS read FROM json_each(?)`,
    [...FTS_TOKENIZER, JSON.stringify([...unknown])]
  );
  for (const { token, read } of rows) fts5TokensOf.set(token, JSON.parse(read) as string[]);
};

/** Adds FTS5's tokens of these columns' texts to `read`. */
const readInto = (read: Set<string>, texts: string[]): Set<string> => {
  for (const text of texts)
    for (const token of tokensOf(text)) for (const fts5Token of fts5TokensOf.get(token) as string[]) read.add(fts5Token);
  return read;
};

/**
 * The changes a write makes to the counts: each entry written adds one to each distinct token FTS5
 * reads in each column set, each entry deleted takes one away. Gathered over a write (an entry
 * replaced by its new version mostly changes nothing), then written in one statement.
 */
export class CountChanges {
  private readonly entries: Array<{ columns: FtsColumns; change: 1 | -1 }> = [];

  /** `keeping`: whether this index keeps counts (else a write gathers nothing, and a delete reads nothing for them). */
  private constructor(readonly keeping: boolean) {}

  /** The changes of a write in `knex`'s transaction, which keep counts if this index does (see keepsCounts). */
  static async of(strapi: Core.Strapi, knex: Knex): Promise<CountChanges> {
    return new CountChanges(engineOf(strapi) === 'sqlite' && (await keepsCounts(strapi, knex)));
  }

  add(columns: FtsColumns[], change: 1 | -1): void {
    if (this.keeping) for (const written of columns) this.entries.push({ columns: written, change });
  }

  /** Writes the changes gathered, and forgets them. */
  async write(knex: Knex): Promise<void> {
    const entries = this.entries.splice(0);
    if (entries.length === 0) return;
    await learnFts5Tokens(knex, entries);
    const changes = new Map(KEPT.map((set) => [set, new Map<string, number>()]));
    const count = (set: (typeof KEPT)[number], read: Set<string>, change: number) => {
      const counts = changes.get(set) as Map<string, number>;
      for (const token of read) counts.set(token, (counts.get(token) ?? 0) + change);
    };
    for (const { columns, change } of entries) {
      const stems = readInto(new Set(), [columns.title_stems, columns.body_stems]);
      count(STEM_COLUMNS, stems, change);
      count(TEXT_COLUMNS, readInto(stems, [columns.title_words, columns.body_words]), change);
      count(FACET_COLUMN, readInto(new Set(), [columns.facets]), change);
    }
    const rows = [...changes].flatMap(([set, counts]) =>
      [...counts].filter(([, change]) => change !== 0).map(([token, change]) => [numberOf(set), token, change])
    );
    if (rows.length === 0) return;
    // `WHERE true`: SQLite's grammar needs it before ON CONFLICT after a SELECT.
    await knex.raw(
      `INSERT INTO ${COUNTS} (column_set, term, rows) SELECT value ->> 0, value ->> 1, value ->> 2 FROM json_each(?) WHERE true
       ON CONFLICT (column_set, term) DO UPDATE SET rows = rows + excluded.rows`,
      [JSON.stringify(rows)]
    );
  }
}

import fc from 'fast-check';
import { DEFAULT_CONFIG } from '../../../../src/plugins/search/server/config';
import { dropIndexTables, ensureIndexTables } from '../../../../src/plugins/search/server/index/indexTables';
import { insertEntries } from '../../../../src/plugins/search/server/index/indexWriter';
import { searchIndex } from '../../../../src/plugins/search/server/index/searchIndex';
import { articleEntries, publicSearchRequest, searchIndexDatabase } from '../../../helpers/searchIndexDatabase';

/**
 * On SQLite a typed prefix longer than FTS5's prefix indexes is searched as the list of the index's
 * terms that start with it, read from the index's table of terms, instead of FTS5's prefix query. The
 * two must find the same entries: random corpora and random prefixes, both ways, same hits and counts;
 * and the table must list every term FTS5 holds in a text column.
 * Scores may differ (a stem that is also a completion is asked once, not twice), so the order is not
 * compared here; the ranking tests in tests/api/search.test.ts hold for the listed path.
 */

// Words sharing long beginnings, so that a prefix has none, a few or more completions than are listed
// (64), and stems that are, or are not, among them.
const BEGINNINGS = ['inclu', 'numer', 'emploi', 'partenai', 'format', 'declic'];
const ENDINGS = ['', 's', 'e', 'es', 'ion', 'ions', 'ique', 'iques', 'eur', 'rice', 'ant', 'er', 'ez', 'ait'];
const LETTERS = 'abcdefghijklmnopqrstuvwxyz'.split('');

const word = fc.oneof(
  fc.tuple(fc.constantFrom(...BEGINNINGS), fc.constantFrom(...ENDINGS)).map(([start, end]) => start + end),
  // Rare words: a beginning and two random letters, so a prefix can gather more than 64 completions.
  fc.tuple(fc.constantFrom(...BEGINNINGS), fc.constantFrom(...LETTERS), fc.constantFrom(...LETTERS)).map(([s, a, b]) => s + a + b)
);
const text = (min: number, max: number) => fc.array(word, { minLength: min, maxLength: max }).map((words) => words.join(' '));
const entry = fc.record({ locale: fc.constantFrom('fr', 'en'), title: text(1, 5), body: text(0, 30) });
const typed = fc.record({
  locale: fc.constantFrom('fr', 'en'),
  first: fc.option(word, { nil: undefined }),
  last: word,
  cut: fc.integer({ min: 0, max: 6 }),
});

const database = searchIndexDatabase('prefix');

const indexCorpus = async (corpus: Array<{ locale: string; title: string; body: string }>) => {
  await dropIndexTables(database.strapi());
  await ensureIndexTables(database.strapi());
  await insertEntries({ strapi: database.strapi(), config: DEFAULT_CONFIG }, articleEntries(corpus, 0));
};

/** Terms FTS5 holds in a text column (not the facets) that the table of terms does not list. */
const termsMissingFromTheTable = async (): Promise<string[]> => {
  await database.knex().raw("CREATE VIRTUAL TABLE IF NOT EXISTS temp.fts_terms USING fts5vocab(main, 'search_index_fts', 'col')");
  const rows = await database
    .knex()
    .raw<Array<{ term: string }>>(
      "SELECT DISTINCT term FROM temp.fts_terms WHERE col <> 'facets' AND term NOT IN (SELECT term FROM search_index_terms)"
    );
  return rows.map(({ term }) => term);
};

const hitsOf = async (locale: string, q: string, listCompletions: boolean) => {
  const answer = await searchIndex(database.strapi(), publicSearchRequest(q, locale), { listCompletions });
  return { total: answer.total, exact: answer.exact, ids: answer.rows.map((row) => row.id).sort((a, b) => a - b) };
};

it('finds the same entries with listed completions as with FTS5 prefix queries', async () => {
  let listed = 0;
  let vocabularyReads = 0;
  database.knex().on('query', ({ sql }: { sql: string }) => {
    if (sql.includes('search_index_terms')) vocabularyReads += 1;
  });
  await fc.assert(
    fc.asyncProperty(
      fc.array(entry, { minLength: 1, maxLength: 60 }),
      fc.array(typed, { minLength: 1, maxLength: 8 }),
      async (corpus, queries) => {
        await indexCorpus(corpus);
        // The completions are listed from the table of terms: it must hold every term of the text
        // columns that FTS5's own view of the index lists.
        expect(await termsMissingFromTheTable()).toEqual([]);
        for (const { locale, first, last, cut } of queries) {
          const prefix = last.slice(0, Math.max(4, last.length - cut));
          const q = first ? `${first} ${prefix}` : prefix;
          const fast = await hitsOf(locale, q, true);
          expect(fast).toEqual(await hitsOf(locale, q, false));
          if (fast.total > 0) listed += 1;
        }
      }
    ),
    { numRuns: 100 }
  );
  // The property compared searches that found something, not only empty answers.
  expect(listed).toBeGreaterThan(25);
  expect(vocabularyReads).toBeGreaterThan(100);
});

it('lists every term of entries with thousands of distinct words', async () => {
  const many = Array.from({ length: 3000 }, (_, index) => `mot${index.toString(36)}${LETTERS[index % 26]}`);
  await indexCorpus([
    { locale: 'fr', title: 'titre', body: many.slice(0, 1500).join(' ') },
    { locale: 'en', title: 'title', body: many.slice(1500).join(' ') },
  ]);
  expect(await termsMissingFromTheTable()).toEqual([]);
});

it('lists a prefix with more than 64 completions no more: FTS5 then expands it', async () => {
  const many = Array.from({ length: 80 }, (_, index) => `numer${LETTERS[index % 26]}${LETTERS[Math.floor(index / 26)]}`);
  // One completion per entry: a completion left out loses its entry.
  await indexCorpus(many.map((body) => ({ locale: 'fr', title: 'titre', body })));
  expect(await hitsOf('fr', 'numer', true)).toEqual(await hitsOf('fr', 'numer', false));
  expect((await hitsOf('fr', 'numer', true)).total).toBe(80);
});

import fc from 'fast-check';
import { DEFAULT_CONFIG } from '../../../../src/plugins/search/server/config';
import { COUNTS, dropIndexTables, ensureIndexTables } from '../../../../src/plugins/search/server/index/indexTables';
import { insertEntries, removeEntriesOutsideLocales } from '../../../../src/plugins/search/server/index/indexWriter';
import { startKeptCounts } from '../../../../src/plugins/search/server/index/keptCounts';
import {
  articleEntries,
  KEPT_COLUMN_SETS,
  keptCountsAndFts5s,
  searchIndexDatabase,
  SMALL_VOCABULARY,
} from '../../../helpers/searchIndexDatabase';

/**
 * The kept counts (keptCounts.ts) are what FTS5 itself finds: after random writes (entries added, a
 * locale's entries removed), for every column set kept and every token FTS5 holds in those columns,
 * the table's count is the number of entries FTS5 lists for it (its `fts5vocab` instance table, read
 * whole), and the table counts no token FTS5 does not hold. The texts mix the vocabulary with words
 * FTS5 reads otherwise than the analyser writes them (a final sigma, capitals, accents, ligatures,
 * digits, punctuation inside words), so that a count keyed by the analyser's tokens would fail.
 */

const database = searchIndexDatabase('kept-counts');

const awkwardWord = fc
  .array(fc.constantFrom('a', 'é', 'Σ', 'ς', 'λ', 'ό', 'ö', 'ß', 'ﬁ', 'İ', 'x', '1', '²', "'", '-', 'Ⅻ', 'ǅ'), {
    minLength: 1,
    maxLength: 6,
  })
  .map((letters) => letters.join(''));
const word = fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...SMALL_VOCABULARY) }, { weight: 1, arbitrary: awkwardWord });
const text = (min: number, max: number) => fc.array(word, { minLength: min, maxLength: max }).map((words) => words.join(' '));
const entry = fc.record({
  locale: fc.constantFrom('fr', 'en'),
  title: text(1, 4),
  body: text(0, 20),
  kind: fc.option(fc.constantFrom('news', 'press-release')),
});
const step = fc.oneof(
  { weight: 3, arbitrary: fc.array(entry, { minLength: 1, maxLength: 8 }).map((entries) => ({ kind: 'add' as const, entries })) },
  { weight: 1, arbitrary: fc.constantFrom('fr', 'en').map((locale) => ({ kind: 'keep-only' as const, locale })) }
);

let nextDocument = 0;
const add = (items: Array<{ locale: string; title: string; body: string; kind: string | null }>) => {
  const first = nextDocument;
  nextDocument += items.length;
  const entries = articleEntries(items, first).map((written, index) => ({ ...written, kind: items[index].kind }));
  return insertEntries({ strapi: database.strapi(), config: DEFAULT_CONFIG }, entries);
};

it('keeps, for every token FTS5 holds, the count of entries FTS5 finds, through random writes', async () => {
  let compared = 0;
  await fc.assert(
    fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 8 }), async (steps) => {
      await dropIndexTables(database.strapi());
      await ensureIndexTables(database.strapi());
      await startKeptCounts(database.strapi(), database.knex());
      for (const current of steps) {
        if (current.kind === 'add') await add(current.entries);
        else await removeEntriesOutsideLocales({ strapi: database.strapi(), config: DEFAULT_CONFIG }, [current.locale]);
        const { kept, found } = await keptCountsAndFts5s(database.knex());
        expect(kept).toEqual(found);
        compared += found.length;
      }
    }),
    { numRuns: 60 }
  );
  // Guards against a property that compares nothing.
  expect(compared).toBeGreaterThan(1000);
});

it('lists the column sets it keeps, and no count is ever below zero', async () => {
  const lists = await database.knex().raw<Array<{ term: string }>>(`SELECT term FROM ${COUNTS} WHERE column_set = 0 ORDER BY term`);
  expect(lists.map((row) => row.term).sort()).toEqual(Object.keys(KEPT_COLUMN_SETS).sort());
  const [negative] = await database.knex().raw<Array<{ n: number }>>(`SELECT count(*) AS n FROM ${COUNTS} WHERE rows < 0`);
  expect(negative.n).toBe(0);
});

it('is not made over an index already written: the ranking walks until the next rebuild', async () => {
  await dropIndexTables(database.strapi());
  await ensureIndexTables(database.strapi());
  await add([{ locale: 'fr', title: 'emploi', body: 'région', kind: null }]);
  const [table] = await database
    .knex()
    .raw<Array<{ n: number }>>(`SELECT count(*) AS n FROM sqlite_master WHERE type = 'table' AND name = ?`, [COUNTS]);
  expect(table.n).toBe(0);
});

import fs from 'node:fs';
import fc from 'fast-check';
import { DEFAULT_CONFIG } from '../../../../src/plugins/search/server/config';
import { dropIndexTables, ensureIndexTables } from '../../../../src/plugins/search/server/index/indexTables';
import { insertEntries, removeEntriesOutsideLocales } from '../../../../src/plugins/search/server/index/indexWriter';
import { startKeptCounts } from '../../../../src/plugins/search/server/index/keptCounts';
import {
  rankingExtensionFile,
  rankingFunctionLoaded,
  rememberedCounts,
} from '../../../../src/plugins/search/server/index/rankingExtension';
import { searchIndex } from '../../../../src/plugins/search/server/index/searchIndex';
import {
  APP_ROOT,
  articleEntries,
  corpusOf,
  publicSearchRequest,
  searchIndexDatabase,
  typedText,
} from '../../../helpers/searchIndexDatabase';

/**
 * On SQLite the search ranks with passerelle_bm25 (src/plugins/search/native/passerelle_rank.c):
 * bm25's formula, with each phrase's count of rows remembered while the index's structure record is
 * unchanged. Differential: random corpora of two types and three kinds, random searches (words,
 * phrases, prefixes typed, with or without listed completions, narrowed or not to some types and
 * kinds) between random writes (entries added, a locale's entries removed), each search asked with
 * the remembered counts (whose ranking scan matches the facets too) and with FTS5's bm25 (whose scan
 * matches the words alone): the same entries, the same scores to the last bit, the same order and
 * counts. Counts remembered before a write must not
 * survive it; counts remembered for one query serve the next ones that share a phrase. The index keeps
 * its counts (keptCounts.ts) in one run of two, which the function reads before walking a doclist.
 */

const corpus = corpusOf();
// Entries of two types and three kinds (or none), and searches narrowed to some of them: each type
// and kind asked is a facet phrase of its own, which the ranking scan matches with the words.
const TYPES = ['article', 'press-coverage'];
const KINDS = ['news', 'press-release', 'announcement'];
const entry = fc
  .tuple(corpus.entry, fc.constantFrom(...TYPES), fc.option(fc.constantFrom(...KINDS)))
  .map(([item, type, kind]) => ({ ...item, type, kind }));
const narrowedTo = (values: string[]) => fc.option(fc.subarray(values, { minLength: 1 }), { freq: 2 });
const search = fc
  .tuple(corpus.search, fc.boolean(), narrowedTo(TYPES), narrowedTo(KINDS))
  .map(([value, listCompletions, types, kinds]) => ({ ...value, listCompletions, types: types ?? undefined, kinds: kinds ?? undefined }));
const step = fc.oneof(
  { weight: 4, arbitrary: search.map((value) => ({ kind: 'search' as const, ...value })) },
  { weight: 1, arbitrary: fc.array(entry, { minLength: 1, maxLength: 10 }).map((entries) => ({ kind: 'add' as const, entries })) },
  { weight: 1, arbitrary: fc.constantFrom('fr', 'en').map((locale) => ({ kind: 'keep-only' as const, locale })) }
);

const database = searchIndexDatabase('ranking');
let nextDocument = 0;

const add = (items: Array<{ locale: string; title: string; body: string; type?: string; kind?: string | null }>) => {
  const first = nextDocument;
  nextDocument += items.length;
  const entries = articleEntries(items, first).map((written, index) => ({
    ...written,
    type: items[index].type ?? written.type,
    kind: items[index].kind ?? written.kind,
  }));
  return insertEntries({ strapi: database.strapi(), config: DEFAULT_CONFIG }, entries);
};

const answerOf = async (
  value: { locale: string; words: string[]; shape: string; cut: number; listCompletions: boolean; types?: string[]; kinds?: string[] },
  rememberCounts: boolean
) => {
  const request = { ...publicSearchRequest(typedText(value), value.locale), types: value.types, kinds: value.kinds };
  const answer = await searchIndex(database.strapi(), request, { listCompletions: value.listCompletions, rememberCounts });
  return { total: answer.total, exact: answer.exact, rows: answer.rows.map((row) => [row.id, row.score]) };
};

it('has the ranking function: it was built by npm install (scripts/build-ranking.js) and loads', async () => {
  expect(fs.existsSync(rankingExtensionFile(APP_ROOT))).toBe(true);
  expect(await rankingFunctionLoaded(database.strapi())).toBe(true);
});

it('ranks as bm25 does, to the last bit, with counts remembered across searches and forgotten at each write', async () => {
  let compared = 0;
  let servedFromMemory = 0;
  await fc.assert(
    fc.asyncProperty(
      fc.array(entry, { minLength: 1, maxLength: 40 }),
      fc.array(step, { minLength: 1, maxLength: 12 }),
      fc.boolean(),
      async (corpus, steps, countsKept) => {
        await dropIndexTables(database.strapi());
        await ensureIndexTables(database.strapi());
        if (countsKept) await startKeptCounts(database.strapi(), database.knex());
        await add(corpus);
        for (const current of steps) {
          if (current.kind === 'add') await add(current.entries);
          else if (current.kind === 'keep-only')
            await removeEntriesOutsideLocales({ strapi: database.strapi(), config: DEFAULT_CONFIG }, [current.locale]);
          else {
            const remembered = await rememberedCounts(database.strapi());
            const answer = await answerOf(current, true);
            expect(answer).toEqual(await answerOf(current, false));
            if (answer.rows.length > 0) {
              compared += 1;
              // Nothing new was remembered: every count of this search came from an earlier one.
              if ((await rememberedCounts(database.strapi())) === remembered && remembered > 0) servedFromMemory += 1;
            }
          }
        }
      }
    ),
    { numRuns: 100 }
  );
  // The property compared searches that found something, many of them ranked from remembered counts.
  // These guard against a property that compares nothing (a generator that no longer finds): 100 runs
  // compared 200 such searches or so, 35 served from memory; with 60 runs, the 100 asked here came
  // within three deviations of the mean and failed once in CI (98).
  expect(compared).toBeGreaterThan(100);
  expect(servedFromMemory).toBeGreaterThan(5);
});

it('forgets the counts of index tables dropped and made again, whose structure record may repeat the old one', async () => {
  const search = { locale: 'fr', words: ['emploi'], shape: 'words', cut: 1, listCompletions: true };
  for (const body of ['emploi', 'formation']) {
    await dropIndexTables(database.strapi());
    await ensureIndexTables(database.strapi());
    // The same writes, in the same order, of another text: the index's structure is the same shape.
    await add([
      { locale: 'fr', title: 'emploi', body },
      { locale: 'fr', title: 'région', body },
      { locale: 'fr', title: 'inclusion', body },
    ]);
    expect(await answerOf(search, true)).toEqual(await answerOf(search, false));
  }
});

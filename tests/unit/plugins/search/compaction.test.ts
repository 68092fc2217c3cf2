import fc from 'fast-check';
import { analyserNameFor } from '../../../../src/plugins/search/server/analysis/analyser';
import { parseQuery } from '../../../../src/plugins/search/server/analysis/parseQuery';
import { DEFAULT_CONFIG } from '../../../../src/plugins/search/server/config';
import { compactIndex } from '../../../../src/plugins/search/server/index/compaction';
import { dropIndexTables, ensureIndexTables } from '../../../../src/plugins/search/server/index/indexTables';
import { insertEntries, removeEntriesOutsideLocales, type IndexEntry } from '../../../../src/plugins/search/server/index/indexWriter';
import { searchIndex } from '../../../../src/plugins/search/server/index/searchIndex';
import { isOneSegment, searchIndexDatabase } from '../../../helpers/searchIndexDatabase';

/**
 * The search index's segments are merged in the background (compaction.ts): an index written by
 * several transactions (each a segment of FTS5's), with entries deleted (tombstones until merged),
 * must answer every search exactly as before once merged: the same entries, scores to the last bit,
 * order and counts; and once merged it is one segment, so merging again does nothing.
 */

const WORDS = ['inclusion', 'numérique', 'numériques', 'emploi', 'emplois', 'formation', 'déclics', 'région', 'partenaires', 'jeunes'];
const word = fc.constantFrom(...WORDS);
const text = (min: number, max: number) => fc.array(word, { minLength: min, maxLength: max }).map((words) => words.join(' '));
const entry = fc.record({ locale: fc.constantFrom('fr', 'en'), title: text(1, 4), body: text(0, 25) });
const search = fc.record({
  locale: fc.constantFrom('fr', 'en'),
  words: fc.array(word, { minLength: 1, maxLength: 3 }),
  shape: fc.constantFrom('words', 'phrase', 'prefix'),
});

const database = searchIndexDatabase('compaction');
const context = () => ({ strapi: database.strapi(), config: DEFAULT_CONFIG });

const entriesOf = (batch: Array<{ locale: string; title: string; body: string }>, first: number): IndexEntry[] =>
  batch.map((item, index) => ({
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

const answerOf = async ({ locale, words, shape }: { locale: string; words: string[]; shape: string }) => {
  const q = shape === 'phrase' ? `"${words.join(' ')}"` : shape === 'prefix' ? words.join(' ').slice(0, -2) : words.join(' ');
  const request = {
    query: parseQuery(q, analyserNameFor(locale)),
    locale,
    now: new Date(),
    access: { canReadEmbargoed: false, canReadDrafts: false },
    start: 0,
    limit: 1000,
    window: 1000,
  };
  const answer = await searchIndex(database.strapi(), request);
  return { total: answer.total, exact: answer.exact, hits: answer.rows.map((row) => [row.id, row.score]) };
};

it('answers every search as before once its segments are merged, and is then one segment', async () => {
  let merged = 0;
  let found = 0;
  await fc.assert(
    fc.asyncProperty(
      fc.array(fc.array(entry, { minLength: 1, maxLength: 30 }), { minLength: 1, maxLength: 6 }),
      fc.boolean(),
      fc.array(search, { minLength: 1, maxLength: 8 }),
      async (batches, removeEnglish, searches) => {
        await dropIndexTables(database.strapi());
        await ensureIndexTables(database.strapi());
        let written = 0;
        // A transaction a batch, as publishes are: a segment each.
        for (const batch of batches) {
          await insertEntries(context(), entriesOf(batch, written));
          written += batch.length;
        }
        if (removeEnglish) await removeEntriesOutsideLocales(context(), ['fr']);
        const before = await Promise.all(searches.map(answerOf));
        const { steps } = await compactIndex(database.strapi(), { stepPages: 1 });
        if (steps > 0) merged += 1;
        found += before.filter((answer) => answer.total > 0).length;
        expect(await Promise.all(searches.map(answerOf))).toEqual(before);
        expect(await isOneSegment(database.knex(), 'search_index_fts')).toBe(true);
        expect(await isOneSegment(database.knex(), 'search_index_titles')).toBe(true);
        expect(await compactIndex(database.strapi())).toEqual({ steps: 0 });
      }
    ),
    { numRuns: 60 }
  );
  // The property compared merged indexes, and searches that found something.
  expect(merged).toBeGreaterThan(20);
  expect(found).toBeGreaterThan(40);
});

it('stops between two steps when asked to', async () => {
  await dropIndexTables(database.strapi());
  await ensureIndexTables(database.strapi());
  // Three: at four, FTS5's automerge would merge them itself.
  for (let batch = 0; batch < 3; batch += 1)
    await insertEntries(context(), entriesOf([{ locale: 'fr', title: 'inclusion numérique', body: 'emploi '.repeat(50) }], batch));
  let asked = 0;
  expect(await compactIndex(database.strapi(), { stepPages: 1, stopped: () => asked++ > 0 })).toEqual({ steps: 1 });
  expect((await compactIndex(database.strapi(), { stepPages: 1 })).steps).toBeGreaterThan(0);
});

import fc from 'fast-check';
import { DEFAULT_CONFIG } from '../../../../src/plugins/search/server/config';
import { compactIndex } from '../../../../src/plugins/search/server/index/compaction';
import { dropIndexTables, ensureIndexTables } from '../../../../src/plugins/search/server/index/indexTables';
import { insertEntries, removeEntriesOutsideLocales } from '../../../../src/plugins/search/server/index/indexWriter';
import { searchIndex } from '../../../../src/plugins/search/server/index/searchIndex';
import {
  articleEntries,
  corpusOf,
  isOneSegment,
  publicSearchRequest,
  searchIndexDatabase,
  typedText,
} from '../../../helpers/searchIndexDatabase';

/**
 * The search index's segments are merged in the background (compaction.ts): an index written by
 * several transactions (each a segment of FTS5's), with entries deleted (tombstones until merged),
 * must answer every search exactly as before once merged: the same entries, scores to the last bit,
 * order and counts; and once merged it is one segment, so merging again does nothing.
 */

const { entry, search } = corpusOf();

const database = searchIndexDatabase('compaction');
const context = () => ({ strapi: database.strapi(), config: DEFAULT_CONFIG });

const answerOf = async (value: { locale: string; words: string[]; shape: string; cut: number }) => {
  const answer = await searchIndex(database.strapi(), publicSearchRequest(typedText(value), value.locale));
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
          await insertEntries(context(), articleEntries(batch, written));
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
    await insertEntries(context(), articleEntries([{ locale: 'fr', title: 'inclusion numérique', body: 'emploi '.repeat(50) }], batch));
  let asked = 0;
  expect(await compactIndex(database.strapi(), { stepPages: 1, stopped: () => asked++ > 0 })).toEqual({ steps: 1 });
  expect((await compactIndex(database.strapi(), { stepPages: 1 })).steps).toBeGreaterThan(0);
});

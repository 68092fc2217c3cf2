import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import { yieldToRequests } from '../../../../lib/database/yieldToRequests';
import { engineOf, FTS, TITLES } from './indexTables';

/**
 * Pages one merge step writes: about 25 ms a step at 50,000 articles × 2 locales, where merging an
 * index written by a hundred transactions took 5.5 s in 229 steps (1.3 to 1.7 s at 10,000).
 */
export const MERGE_STEP_PAGES = 500;

const totalChanges = async (trx: Knex.Transaction): Promise<number> => {
  const [row] = await trx.raw<Array<{ changes: number }>>('SELECT total_changes() AS changes');
  return row.changes;
};

/**
 * One step of FTS5's incremental optimize on `table`, in a transaction of its own: true when it
 * merged something. A `merge` with a negative page count merges every segment, not only those of a
 * level holding `usermerge` of them (https://sqlite.org/fts5.html#the_merge_command); a step that
 * found nothing to do moves `total_changes()` by less than 2, as that page says to tell.
 */
const mergeStep = (knex: Knex, table: string, pages: number): Promise<boolean> =>
  knex.transaction(async (trx) => {
    const before = await totalChanges(trx);
    await trx.raw(`INSERT INTO ${table} (${table}, rank) VALUES ('merge', ?)`, [-pages]);
    return (await totalChanges(trx)) - before >= 2;
  });

/**
 * SQLite: merges each FTS5 table of the index into a single segment, a step at a time. FTS5 writes a
 * segment at each commit (each publish, each batch of an import or a rebuild) and merges a level's
 * segments only once it holds four (`automerge`): an index written by many transactions keeps a dozen
 * or more, each term of a query is looked up in every one and the doclists merged, and deleted
 * entries stay as tombstones until their segment is merged. At 50,000 articles, a two-word search's
 * SQL took 2.6 to 4.2 ms (p50) before, 2.0 to 2.1 after (at 10,000: 1.2 to 1.8 before, 0.8 after). Each step is its own transaction, with the
 * event loop's turn between two: requests and writes go on meanwhile. `stopped` is asked before each
 * step (the app stopping). The answers never change: the same entries, terms and counts, in fewer
 * b-trees. PostgreSQL: nothing to do (GIN's pending list is merged by autovacuum and on size).
 */
export const compactIndex = async (
  strapi: Core.Strapi,
  { stepPages = MERGE_STEP_PAGES, stopped = () => false }: { stepPages?: number; stopped?: () => boolean } = {}
): Promise<{ steps: number }> => {
  if (engineOf(strapi) !== 'sqlite') return { steps: 0 };
  let steps = 0;
  for (const table of [FTS, TITLES]) {
    while (!stopped() && (await mergeStep(strapi.db.connection, table, stepPages))) {
      steps += 1;
      await yieldToRequests();
    }
  }
  return { steps };
};

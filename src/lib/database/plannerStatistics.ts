import type { Core } from '@strapi/strapi';
import { scheduleRecurringTask } from '../schedule/recurringTask';
import type { Knex } from 'knex';
import { isSqlite } from './dialect';

/**
 * SQLite's query planner chooses indexes from the statistics `ANALYZE` gathers, and Strapi never runs
 * it. Without them, a component population (`articles_cmps` joined on `field = ?` and
 * `entity_id IN (…)`) took the `field` index, which holds every cover of every article: 8 to 11 ms
 * per query at 10,000 articles, against 0.25 ms through the entity's index once statistics exist.
 * `PRAGMA optimize` gathers them where they are missing or stale, as
 * https://sqlite.org/pragma.html#pragma_optimize advises for long-lived connections: once at start,
 * then every few hours. PostgreSQL's autovacuum analyzes by itself.
 *
 * Every row is counted (`analysis_limit` 0). A limited analysis reads an index's first rows only, so
 * an index led by a column of few values is counted from its first value alone: with a limit of 400,
 * at 50,000 articles, `field` was said to hold 401 rows a value (209,999) and `locale` 401 (100,000),
 * the planner went back to the `field` index for a hundred articles' covers (55 ms a population
 * against 3.6): 72 s of the translation records' backfill (124 s), 3.8 s counted whole. Counting
 * the whole 50,000-article database takes 2.3 to 3.5 s, once: `PRAGMA optimize` later counts again
 * only the tables that grew or shrank much since.
 */
const WHOLE_COUNT = 0;
/**
 * How the statistics in a database were gathered: one whose statistics were gathered otherwise (by a
 * version that sampled) is counted whole once, since `PRAGMA optimize` would not find them stale.
 */
const GATHERED = 'every-row';
const gatheringRecord = (strapi: Core.Strapi) => strapi.store({ type: 'plugin', name: 'passerelle', key: 'planner-statistics' });
/** Every six hours, at minute 17 (away from the hour's other tasks). */
const EVERY_SIX_HOURS = '17 */6 * * *';

/** What SQLite assumes of a table it has no statistics for (a LogEst of 200): about a million rows. */
const UNCOUNTED_TABLE_ROWS = 1_048_576;

/**
 * Virtual tables' shadow tables (FTS5's `_data`, `_idx`, `_config`, …) are read and written only by
 * the module's own statements, by rowid or key. Counted while nearly empty (the search index at the
 * first start), they told the planner `_data` held 2 rows, and it then scanned the whole table for
 * the range DELETE that each FTS5 segment merge runs: a publish stalled 0.8 s one time in 16 at
 * 10,000 articles, 4 s at 50,000. Their row counts are raised to SQLite's own assumption for an
 * uncounted table (a larger count is kept); dropValueSamples, after, reloads the statistics, and
 * SQLite then prepares the module's cached statements again.
 */
const unskewShadowTables = async (strapi: Core.Strapi): Promise<void> => {
  const knex = strapi.db.connection;
  const statistics = await knex.raw<unknown[]>("SELECT 1 FROM sqlite_schema WHERE name = 'sqlite_stat1'");
  if (statistics.length === 0) return;
  const shadowTables = "SELECT name FROM pragma_table_list WHERE type = 'shadow'";
  await knex.raw(
    `UPDATE sqlite_stat1 SET stat = ? || substr(stat, instr(stat || ' ', ' '))
     WHERE tbl IN (${shadowTables}) AND CAST(stat AS INTEGER) < ?`,
    [String(UNCOUNTED_TABLE_ROWS), UNCOUNTED_TABLE_ROWS]
  );
};

/**
 * better-sqlite3 builds SQLite with SQLITE_ENABLE_STAT4, so `ANALYZE` also keeps samples of index
 * values (`sqlite_stat4`). With samples, a statement whose bound values are compared with an indexed
 * column is compiled again on its first step after each new binding
 * (https://sqlite.org/c3ref/prepare.html): every run of a kept statement (preparedStatements.ts) with
 * the visibility instant bound, which is every read-model read. Measured on the 10,000 dataset, each
 * statement of a request run again on the same file without the samples, same plans: a feed's SQL
 * 1.19 ms against 0.66, list page 1 0.89 against 0.37, the digest 1.43 against 0.69, a slug 0.10
 * against 0.03. The samples are dropped after each gathering, and SQLite plans from the row counts
 * (`sqlite_stat1`), as a build without STAT4 (SQLite's default) always does.
 */
export const dropValueSamples = async (knex: Knex): Promise<void> => {
  const samples = await knex.raw<unknown[]>("SELECT 1 FROM sqlite_schema WHERE name = 'sqlite_stat4'");
  if (samples.length > 0) await knex.raw('DELETE FROM sqlite_stat4');
  // Reloads the statistics, these changes and the caller's (unskewShadowTables) at once.
  await knex.raw('ANALYZE sqlite_schema');
};

/**
 * Gathers missing or stale planner statistics now (SQLite only); returns whether it ran. Also called
 * before work over the whole database (the read model's rebuild, the search index's rebuild, the
 * translation recording) and after an import: the last boot's statistics may describe nearly empty
 * tables (a site filled by an import or a script since), and then each component population reads
 * every component row. At 50,000 articles, the dataset generator's translation recording ran at 4
 * documents a second, each component read taking 25 to 45 ms. Never inside a transaction: SQLite's
 * one connection belongs to the transaction until it ends.
 */
export const refreshPlannerStatistics = async (strapi: Core.Strapi): Promise<boolean> => {
  if (!isSqlite(strapi)) return false;
  const knex = strapi.db.connection;
  await knex.raw(`PRAGMA analysis_limit = ${WHOLE_COUNT}`);
  if ((await gatheringRecord(strapi).get({})) !== GATHERED) await countEveryTableOnce(strapi);
  // 0x10002: also tables never analyzed (a database created or filled since the last run); without
  // 0x10, optimize keeps the connection's limit instead of imposing its own. Just after a whole
  // count, it finds nothing to do.
  await knex.raw('PRAGMA optimize = 0x10002');
  await unskewShadowTables(strapi);
  await dropValueSamples(knex);
  return true;
};

/** Per Strapi instance (tests boot several in one process): the whole count under way, if any. */
const wholeCounts = new WeakMap<Core.Strapi, Promise<void>>();

/**
 * Counts every table, and records that it did. Callers that find the record missing meanwhile share
 * the count under way: refreshes that start together (the bootstrap's, the translation recording's
 * started beside it, a read-model rebuild's) would otherwise each count the whole database when each
 * reads the record before the first has written it.
 */
const countEveryTableOnce = (strapi: Core.Strapi): Promise<void> => {
  const underWay = wholeCounts.get(strapi);
  if (underWay) return underWay;
  const counting = (async () => {
    await strapi.db.connection.raw('ANALYZE');
    await gatheringRecord(strapi).set({ value: GATHERED });
  })().finally(() => wholeCounts.delete(strapi));
  wholeCounts.set(strapi, counting);
  return counting;
};

/** At bootstrap (after Strapi has made its tables), then every six hours while cron runs. */
export const keepPlannerStatistics = async (strapi: Core.Strapi): Promise<void> => {
  if (!(await refreshPlannerStatistics(strapi))) return;
  scheduleRecurringTask(strapi, {
    name: 'passerellePlannerStatistics',
    rule: EVERY_SIX_HOURS,
    scope: 'database',
    what: 'refreshing the planner statistics',
    task: () => refreshPlannerStatistics(strapi),
  });
};

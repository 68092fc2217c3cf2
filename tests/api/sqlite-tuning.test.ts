import path from 'node:path';
import type { Core } from '@strapi/strapi';
import { bootStrapi, DIST_DIR, type TestServer } from '../helpers/strapi';
import { ARTICLE, createCoverAndPartners, documents } from '../helpers/readModelProperty';
import { waitUntilReadModelBuilt } from '../helpers/readModel';

/**
 * How Passerelle runs SQLite: each connection writes ahead to a log (src/lib/database/sqliteJournal.ts)
 * and keeps its prepared statements (config/database.ts, src/lib/database/preparedStatements.ts), and the planner has statistics
 * (src/lib/database/plannerStatistics.ts). Without them, the query that
 * populates an article's cover (`articles_cmps` joined on `field = ?`, `entity_id IN (…)`) reads the
 * `field` index, every cover of every article; with them, an index on the entity. The statistics are
 * gathered at bootstrap and by a task every six hours while cron runs. Virtual tables' shadow tables
 * (the search plugin's FTS5 tables) are planned as tables with about a million rows, whatever they held
 * when counted: counted empty, FTS5's range DELETE on `_data` scanned the whole table at each merge.
 */
const { refreshPlannerStatistics } = require(path.join(DIST_DIR, 'src', 'lib', 'database', 'plannerStatistics.js')) as {
  refreshPlannerStatistics: (strapi: Core.Strapi) => Promise<boolean>;
};
const { prepareTables } = require(path.join(DIST_DIR, 'src', 'plugins', 'read-model', 'server', 'tables.js')) as {
  prepareTables: (strapi: Core.Strapi) => Promise<void>;
};

/** The query Strapi 5.54 runs to populate the covers of a page of articles (from knex's query log). */
const coverPopulation = (ids: number[]) => ({
  sql:
    'select distinct `t1`.`order`, `t0`.*, `t1`.`entity_id` as `__strapientity_id`, `t0`.`id` from `components_media_credited_images` as `t0` ' +
    'left join `articles_cmps` as `t1` on `t0`.`id` = `t1`.`cmp_id` and `t1`.`field` = ? ' +
    `where (\`t1\`.\`entity_id\` in (${ids.map(() => '?').join(', ')})) order by \`t1\`.\`order\` asc`,
  bindings: ['cover', ...ids],
});

const planOf = async (server: TestServer, query: { sql: string; bindings: unknown[] }) => {
  const rows = (await server.strapi.db.connection.raw(`EXPLAIN QUERY PLAN ${query.sql}`, query.bindings as never)) as unknown as Array<{
    detail: string;
  }>;
  return rows.map((row) => row.detail).join('\n');
};

/**
 * Rows of `sqlite_stat4`, the index value samples better-sqlite3's SQLite (built with STAT4) keeps
 * from ANALYZE: with them, each run of a kept statement with a bound value compared with an indexed
 * column is compiled again (plannerStatistics.ts, dropValueSamples).
 */
const valueSamples = async (server: TestServer): Promise<number> => {
  const knex = server.strapi.db.connection;
  const table = (await knex.raw("SELECT 1 FROM sqlite_schema WHERE name = 'sqlite_stat4'")) as unknown as unknown[];
  if (table.length === 0) return 0;
  return ((await knex.raw('SELECT count(*) AS n FROM sqlite_stat4')) as unknown as Array<{ n: number }>)[0].n;
};

const scheduledJobs = (server: TestServer) =>
  (server.strapi.cron as unknown as { jobs: Array<{ name?: string }> }).jobs.map((job) => job.name);

describe('SQLite: prepared statements and planner statistics', () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await bootStrapi({ env: { STRAPI_DISABLE_CRON: 'false' } });
  });
  afterAll(async () => {
    await server?.destroy();
  });

  it('the app’s connection keeps its prepared statements', async () => {
    const client = server.strapi.db.connection.client as {
      acquireConnection(): Promise<{ prepare(sql: string): object }>;
      releaseConnection(connection: unknown): Promise<void>;
    };
    const connection = await client.acquireConnection();
    try {
      expect(connection.prepare('SELECT id FROM articles WHERE id = ?')).toBe(connection.prepare('SELECT id FROM articles WHERE id = ?'));
    } finally {
      await client.releaseConnection(connection);
    }
  });

  it('the app’s connection writes ahead to a log and syncs each commit (src/lib/database/sqliteJournal.ts)', async () => {
    const client = server.strapi.db.connection.client as {
      acquireConnection(): Promise<{ pragma(source: string, options: { simple: true }): unknown }>;
      releaseConnection(connection: unknown): Promise<void>;
    };
    const connection = await client.acquireConnection();
    try {
      expect(connection.pragma('journal_mode', { simple: true })).toBe('wal');
      // 2 is FULL: a commit is on disk when it returns, as with the rollback journal.
      expect(connection.pragma('synchronous', { simple: true })).toBe(2);
    } finally {
      await client.releaseConnection(connection);
    }
  });

  it('are refreshed every six hours while cron runs', () => {
    expect(scheduledJobs(server)).toContain('passerellePlannerStatistics');
  });

  it('keep no value samples once gathered at bootstrap', async () => {
    expect(await valueSamples(server)).toBe(0);
    const [{ n }] = (await server.strapi.db.connection.raw('SELECT count(*) AS n FROM sqlite_stat1')) as unknown as Array<{ n: number }>;
    expect(n).toBeGreaterThan(0);
  });

  it('send a cover population through the entity index once the articles are counted', async () => {
    const { coverImageId } = await createCoverAndPartners(server);
    const ids: number[] = [];
    for (let index = 0; index < 12; index += 1) {
      await documents(server.strapi, ARTICLE).create({
        locale: 'fr',
        data: { title: `Atelier ${index}`, kind: 'news', cover: { image: coverImageId, alternativeText: 'Une salle comble' } },
        status: 'published',
      });
    }
    const rows = (await server.strapi.db.connection('articles').select('id').whereNotNull('published_at')) as Array<{ id: number }>;
    ids.push(...rows.slice(0, 3).map((row) => row.id));

    expect(await refreshPlannerStatistics(server.strapi)).toBe(true);
    const plan = await planOf(server, coverPopulation(ids));
    expect(plan).toMatch(/SEARCH t1 USING (COVERING )?INDEX \w+ \(entity_id=\?\)/);
    expect(plan).not.toMatch(/articles_field_idx/);
    const counted = (await server.strapi.db.connection.raw(
      "SELECT idx FROM sqlite_stat1 WHERE tbl = 'articles_cmps'"
    )) as unknown as Array<{
      idx: string | null;
    }>;
    expect(counted.map((row) => row.idx)).toContain('articles_field_idx');
  });

  // A database filled since the statistics were gathered (an import, a script): each of these tasks
  // reads the whole database, and finds the statistics current.
  it.each([
    ['the read model’s rebuild', (strapi: Core.Strapi) => strapi.plugin('read-model').service('read-model').rebuild()],
    ['the search index’s rebuild', (strapi: Core.Strapi) => strapi.plugin('search').service('search').rebuild()],
    ['the translation recording', (strapi: Core.Strapi) => strapi.plugin('translation-status').service('backfill').recordUntracked()],
    [
      'an import',
      (strapi: Core.Strapi) =>
        strapi
          .plugin('bulk-import')
          .service('importer')
          .importArchive({
            documents: [{ type: ARTICLE, locale: 'fr', status: 'draft', fields: { title: 'Archive importée', kind: 'news' } }],
          }),
    ],
  ])('are gathered again for %s, without value samples', async (_task, run: (strapi: Core.Strapi) => Promise<unknown>) => {
    const knex = server.strapi.db.connection;
    const counted = async () =>
      ((await knex.raw("SELECT count(*) AS n FROM sqlite_stat1 WHERE tbl = 'articles_cmps'")) as unknown as Array<{ n: number }>)[0].n;
    // Samples as a plain ANALYZE leaves them (see valueSamples).
    await knex.raw('ANALYZE articles');
    expect(await valueSamples(server)).toBeGreaterThan(0);
    // As the statistics of a boot on an empty database: none for the components' join table.
    await knex.raw("DELETE FROM sqlite_stat1 WHERE tbl = 'articles_cmps'");
    await knex.raw('ANALYZE sqlite_schema');
    expect(await counted()).toBe(0);
    await run(server.strapi);
    expect(await counted()).toBeGreaterThan(0);
    expect(await valueSamples(server)).toBe(0);
    const rows = (await knex('articles').select('id').whereNotNull('published_at').limit(3)) as Array<{ id: number }>;
    expect(await planOf(server, coverPopulation(rows.map((row) => row.id)))).not.toMatch(/articles_field_idx/);
  });

  it('are gathered for a read-model index added after its table was counted (read-model tables.ts)', async () => {
    const knex = server.strapi.db.connection;
    await waitUntilReadModelBuilt(server);
    const [{ rows }] = (await knex.raw('SELECT count(*) AS rows FROM passerelle_read_model')) as unknown as Array<{ rows: number }>;
    expect(rows).toBeGreaterThan(0);
    // A database from before the kind's index: the table counted, the index not there.
    await knex.raw('ANALYZE passerelle_read_model');
    await knex.raw('DROP INDEX passerelle_read_model_kind_order');
    await knex.raw("DELETE FROM sqlite_stat1 WHERE idx = 'passerelle_read_model_kind_order'");
    await knex.raw('ANALYZE sqlite_schema');

    await prepareTables(server.strapi);
    const counted = (await knex.raw("SELECT idx FROM sqlite_stat1 WHERE tbl = 'passerelle_read_model'")) as unknown as Array<{
      idx: string;
    }>;
    expect(counted.map((row) => row.idx)).toContain('passerelle_read_model_kind_order');
    expect(await valueSamples(server)).toBe(0);
  });

  describe('count every row', () => {
    // An index led by a column of few values, its first value's rows first, as `articles_cmps`'s
    // `field` (every cover, then every SEO block, …) or a content table's `locale`.
    const TABLE = 'passerelle_test_few_values';
    const ROWS_PER_VALUE = 1000;
    const fieldStatistic = async () => {
      const [row] = (await server.strapi.db.connection.raw('SELECT stat FROM sqlite_stat1 WHERE idx = ?', [
        `${TABLE}_field`,
      ])) as unknown as Array<{
        stat: string;
      }>;
      return row?.stat;
    };
    const gathering = () => server.strapi.store({ type: 'plugin', name: 'passerelle', key: 'planner-statistics' });

    beforeAll(async () => {
      const knex = server.strapi.db.connection;
      await knex.raw(`CREATE TABLE ${TABLE} (id INTEGER PRIMARY KEY, field TEXT, entity_id INTEGER)`);
      await knex.raw(`CREATE INDEX ${TABLE}_field ON ${TABLE} (field)`);
      await knex.raw(`CREATE INDEX ${TABLE}_entity ON ${TABLE} (entity_id)`);
      await knex.raw(
        `WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < ${ROWS_PER_VALUE - 1})
         INSERT INTO ${TABLE} (field, entity_id) SELECT field, i FROM n, (SELECT 'cover' AS field UNION ALL SELECT 'seo' UNION ALL SELECT 'tags')`
      );
    });
    afterAll(async () => {
      await server.strapi.db.connection.raw(`DROP TABLE IF EXISTS ${TABLE}`);
    });

    it('of a table never counted: an index led by a column of few values is counted past its first value', async () => {
      await server.strapi.db.connection.raw('DELETE FROM sqlite_stat1 WHERE tbl = ?', [TABLE]);
      await server.strapi.db.connection.raw('ANALYZE sqlite_schema');
      await refreshPlannerStatistics(server.strapi);
      // A sample of 400 rows sees 'cover' alone: "401 rows a value".
      expect(await fieldStatistic()).toBe(`${3 * ROWS_PER_VALUE} ${ROWS_PER_VALUE}`);
    });

    it('of a database whose statistics were sampled: counted whole once, then left to PRAGMA optimize', async () => {
      const knex = server.strapi.db.connection;
      // What an earlier version left: statistics from a 400-row sample, and no record of how.
      await knex.raw('PRAGMA analysis_limit = 400');
      await knex.raw(`ANALYZE ${TABLE}`);
      expect(await fieldStatistic()).toBe(`${3 * ROWS_PER_VALUE} 401`);
      await gathering().delete({});

      await refreshPlannerStatistics(server.strapi);
      expect(await fieldStatistic()).toBe(`${3 * ROWS_PER_VALUE} ${ROWS_PER_VALUE}`);
      expect(await gathering().get({})).toBe('every-row');

      // Once: a later refresh does not count a table whose size has not changed.
      await knex.raw('UPDATE sqlite_stat1 SET stat = ? WHERE idx = ?', [`${3 * ROWS_PER_VALUE} 7`, `${TABLE}_field`]);
      await knex.raw('ANALYZE sqlite_schema');
      await refreshPlannerStatistics(server.strapi);
      expect(await fieldStatistic()).toBe(`${3 * ROWS_PER_VALUE} 7`);
    });

    it('of a database whose statistics were sampled: counted whole once when two refreshes start together', async () => {
      const knex = server.strapi.db.connection;
      await gathering().delete({});
      const wholeCounts: string[] = [];
      const listen = (query: { sql: string }) => {
        if (/^\s*ANALYZE\s*$/i.test(query.sql)) wholeCounts.push(query.sql);
      };
      knex.on('query', listen);
      try {
        // As at the first start after an upgrade: the bootstrap's refresh and the translation recording's.
        await Promise.all([refreshPlannerStatistics(server.strapi), refreshPlannerStatistics(server.strapi)]);
      } finally {
        knex.off('query', listen);
      }
      expect(wholeCounts).toHaveLength(1);
      expect(await gathering().get({})).toBe('every-row');
    });
  });

  it('plan every shadow table of a virtual table as large, even after counting it empty', async () => {
    const knex = server.strapi.db.connection;
    // What a first start does: the search index is empty when its tables are counted.
    await knex.raw('ANALYZE');
    expect(await refreshPlannerStatistics(server.strapi)).toBe(true);

    const shadowTables = (await knex.raw("SELECT name, wr FROM pragma_table_list WHERE type = 'shadow'")) as unknown as Array<{
      name: string;
      wr: number;
    }>;
    expect(shadowTables.map((table) => table.name)).toContain('search_index_fts_data');
    const counted = (await knex.raw(
      "SELECT tbl, stat FROM sqlite_stat1 WHERE tbl IN (SELECT name FROM pragma_table_list WHERE type = 'shadow')"
    )) as unknown as Array<{ tbl: string; stat: string }>;
    expect(counted.length).toBeGreaterThan(0);
    for (const { tbl, stat } of counted) expect([tbl, Number(stat.split(' ')[0]) >= 1_048_576]).toEqual([tbl, true]);
    // FTS5 reads and deletes a segment's pages by rowid range: through the primary key, never a scan.
    for (const { name } of shadowTables.filter((table) => !table.wr)) {
      const plan = await planOf(server, { sql: `SELECT * FROM "${name}" WHERE rowid >= ? AND rowid <= ?`, bindings: [1, 2] });
      expect([name, plan]).toEqual([name, expect.stringMatching(/SEARCH .*INTEGER PRIMARY KEY \(rowid>\? AND rowid<\?\)/)]);
    }
  });
});

import path from 'node:path';
import type { Core } from '@strapi/strapi';
import { bootStrapi, DIST_DIR, type TestServer } from '../helpers/strapi';
import { ARTICLE, createCoverAndPartners, documents } from '../helpers/readModelProperty';

/**
 * How Passerelle runs SQLite: each connection keeps its prepared statements (config/database.ts,
 * src/lib/database/preparedStatements.ts), and the planner has statistics
 * (src/lib/database/plannerStatistics.ts). Without them, the query that
 * populates an article's cover (`articles_cmps` joined on `field = ?`, `entity_id IN (…)`) reads the
 * `field` index, every cover of every article; with them, an index on the entity. The statistics are
 * gathered at bootstrap and by a task every six hours while cron runs.
 */
const { refreshPlannerStatistics } = require(path.join(DIST_DIR, 'src', 'lib', 'database', 'plannerStatistics.js')) as {
  refreshPlannerStatistics: (strapi: Core.Strapi) => Promise<boolean>;
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

  it('are refreshed every six hours while cron runs', () => {
    expect(scheduledJobs(server)).toContain('passerellePlannerStatistics');
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
});

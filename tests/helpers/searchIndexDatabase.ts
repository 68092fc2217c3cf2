import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Core } from '@strapi/strapi';
import createKnex, { type Knex } from 'knex';
import { loadRankingFunction } from '../../src/plugins/search/server/index/rankingExtension';

export const APP_ROOT = path.resolve(__dirname, '..', '..');

/**
 * A SQLite file of its own for a test of the search index's reads and writes without booting Strapi:
 * knex on it, with the ranking function loaded on each connection as config/database.ts does, and the
 * parts of Strapi the index uses. Opened before the file's tests, closed and deleted after them.
 */
export const searchIndexDatabase = (name: string): { knex: () => Knex; strapi: () => Core.Strapi } => {
  const databaseFile = path.join(os.tmpdir(), `passerelle-${name}-${process.pid}.db`);
  let knex: Knex;
  let strapi: Core.Strapi;
  beforeAll(() => {
    knex = createKnex({
      client: 'better-sqlite3',
      connection: { filename: databaseFile },
      useNullAsDefault: true,
      pool: {
        afterCreate: (connection: Parameters<typeof loadRankingFunction>[0], done: (error: Error | null, connection: unknown) => void) =>
          done(null, loadRankingFunction(connection, APP_ROOT)),
      },
    });
    strapi = {
      db: {
        connection: knex,
        dialect: { client: 'better-sqlite3' },
        transaction: (work: (context: { trx: Knex.Transaction }) => Promise<unknown>) => knex.transaction((trx) => work({ trx })),
      },
    } as unknown as Core.Strapi;
  });
  afterAll(async () => {
    await knex.destroy();
    fs.rmSync(databaseFile, { force: true });
  });
  return { knex: () => knex, strapi: () => strapi };
};

/**
 * Whether FTS5's incremental optimize finds nothing left to merge in the FTS5 table `table` (one
 * segment, no tombstones), asked with FTS5's own command rather than the app's compaction.
 */
export const isOneSegment = (knex: Knex, table: string): Promise<boolean> =>
  knex.transaction(async (trx) => {
    const changes = async () => (await trx.raw<Array<{ changes: number }>>('SELECT total_changes() AS changes'))[0].changes;
    const before = await changes();
    await trx.raw(`INSERT INTO ${table} (${table}, rank) VALUES ('merge', -1000000)`);
    return (await changes()) - before < 2;
  });

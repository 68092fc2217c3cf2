import path from 'path';
import type { Core } from '@strapi/strapi';
import { keepPreparedStatements } from '../src/lib/database/preparedStatements';
import { parseSqliteSynchronous, useWriteAheadLog } from '../src/lib/database/sqliteJournal';
import { loadRankingFunction } from '../src/plugins/search/server/index/rankingExtension';

const DEFAULT_SQLITE_FILE = '.tmp/data.db';
/** Compiled to dist/config: the app's root is two folders up. */
const APP_ROOT = path.join(__dirname, '..', '..');

const config = ({ env }: Core.Config.Shared.ConfigParams): Core.Config.Database => {
  const client: string = env('DATABASE_CLIENT', 'sqlite');
  if (client !== 'sqlite' && client !== 'postgres') {
    throw new Error(`DATABASE_CLIENT must be "sqlite" or "postgres", got "${client}".`);
  }

  if (client === 'postgres') {
    return {
      connection: {
        client: 'postgres',
        connection: {
          connectionString: env('DATABASE_URL', undefined),
          host: env('DATABASE_HOST', 'localhost'),
          port: env.int('DATABASE_PORT', 5432),
          database: env('DATABASE_NAME', 'passerelle'),
          user: env('DATABASE_USERNAME', 'passerelle'),
          password: env('DATABASE_PASSWORD', 'passerelle'),
          ssl: env.bool('DATABASE_SSL', false) && {
            rejectUnauthorized: env.bool('DATABASE_SSL_REJECT_UNAUTHORIZED', true),
          },
          schema: env('DATABASE_SCHEMA', 'public'),
        },
        pool: { min: env.int('DATABASE_POOL_MIN', 2), max: env.int('DATABASE_POOL_MAX', 10) },
        acquireConnectionTimeout: env.int('DATABASE_CONNECTION_TIMEOUT', 60000),
      },
    };
  }

  // An empty DATABASE_FILENAME (as create-strapi once wrote) must not become an unopenable path.
  const filename = env('DATABASE_FILENAME', '') || DEFAULT_SQLITE_FILE;
  const synchronous = parseSqliteSynchronous(env('DATABASE_SQLITE_SYNCHRONOUS', 'full'));
  return {
    connection: {
      client: 'sqlite',
      connection: {
        filename: path.isAbsolute(filename) ? filename : path.join(APP_ROOT, filename),
      },
      useNullAsDefault: true,
      // Strapi runs this after its own per-connection setup (a documented option): each connection
      // writes ahead to a log, keeps its prepared statements instead of preparing them again for
      // every query, and has the search's ranking function when it was built.
      pool: {
        afterCreate: (connection: unknown, done: (error?: Error, connection?: unknown) => void) => {
          try {
            const database = connection as Parameters<typeof keepPreparedStatements>[0] &
              Parameters<typeof useWriteAheadLog>[0] &
              Parameters<typeof loadRankingFunction>[0];
            done(undefined, keepPreparedStatements(useWriteAheadLog(loadRankingFunction(database, APP_ROOT), synchronous)));
          } catch (error) {
            done(error as Error, connection);
          }
        },
      },
    },
  };
};

export default config;

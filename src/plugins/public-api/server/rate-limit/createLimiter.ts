import { RateLimiterMemory, RateLimiterPostgres, RateLimiterRedis, type RateLimiterAbstract } from 'rate-limiter-flexible';
import type { RateLimitConfig } from './rateLimitConfig';

/** The table the shared PostgreSQL store keeps its counters in (created by rate-limiter-flexible). */
export const RATE_LIMIT_TABLE = 'passerelle_rate_limits';

export type LimiterDependencies = {
  databaseClient: string;
  /** Strapi's knex instance (`strapi.db.connection`), for the database store. */
  knex?: unknown;
  schema?: string;
};

const memoryLimiter = (config: RateLimitConfig) =>
  new RateLimiterMemory({ keyPrefix: 'passerelle', points: config.points, duration: config.durationSeconds });

const postgresLimiter = (config: RateLimitConfig, dependencies: LimiterDependencies): Promise<RateLimiterAbstract> =>
  new Promise((resolve, reject) => {
    const limiter: RateLimiterPostgres = new RateLimiterPostgres(
      {
        storeClient: dependencies.knex,
        storeType: 'knex',
        tableName: RATE_LIMIT_TABLE,
        ...(dependencies.schema ? { schemaName: dependencies.schema } : {}),
        keyPrefix: 'passerelle',
        points: config.points,
        duration: config.durationSeconds,
        clearExpiredByTimeout: true,
        // If the database does not answer, each instance counts on its own rather than failing requests.
        insuranceLimiter: memoryLimiter(config),
      },
      (error?: Error) => {
        if (error) reject(error);
        else resolve(limiter);
      }
    );
  });

const redisLimiter = (config: RateLimitConfig): RateLimiterAbstract => {
  let Redis: new (url: string, options: Record<string, unknown>) => unknown;
  try {
    // Optional: only sites that choose the Redis store install a client.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    Redis = require('ioredis') as typeof Redis;
  } catch {
    throw new Error('RATE_LIMIT_STORE=redis needs the ioredis package: run `npm install ioredis`.');
  }
  return new RateLimiterRedis({
    storeClient: new Redis(config.redisUrl as string, { enableOfflineQueue: false }),
    keyPrefix: 'passerelle',
    points: config.points,
    duration: config.durationSeconds,
    insuranceLimiter: memoryLimiter(config),
  });
};

/**
 * The counter store: this process's memory by default (each instance counts on its own), or one
 * shared by every instance: the PostgreSQL database the instances already share, or Redis.
 */
export const createLimiter = async (config: RateLimitConfig, dependencies: LimiterDependencies): Promise<RateLimiterAbstract> => {
  if (config.store === 'database') {
    if (dependencies.databaseClient !== 'postgres') {
      throw new Error('RATE_LIMIT_STORE=database needs PostgreSQL (DATABASE_CLIENT=postgres); with SQLite, one instance: use memory.');
    }
    return postgresLimiter(config, dependencies);
  }
  if (config.store === 'redis') return redisLimiter(config);
  return memoryLimiter(config);
};

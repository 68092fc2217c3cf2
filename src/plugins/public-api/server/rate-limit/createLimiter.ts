import type { Redis as RedisClient } from 'ioredis';
import { RateLimiterMemory, RateLimiterPostgres, RateLimiterRedis, type RateLimiterAbstract } from 'rate-limiter-flexible';
import type { RateLimitConfig } from './rateLimitConfig';

/** The table the shared PostgreSQL store keeps its counters in (created by rate-limiter-flexible). */
export const RATE_LIMIT_TABLE = 'passerelle_rate_limits';

type Logger = { warn: (message: string) => void; info: (message: string) => void };

export type LimiterDependencies = {
  databaseClient: string;
  /** Strapi's knex instance (`strapi.db.connection`), for the database store. */
  knex?: unknown;
  schema?: string;
  log?: Logger;
};

/** The counters, and how to let go of their connection when Strapi stops. */
export type LimiterStore = { limiter: RateLimiterAbstract; close: () => Promise<void> };

const memoryLimiter = (config: RateLimitConfig) =>
  new RateLimiterMemory({ keyPrefix: 'passerelle', points: config.points, duration: config.durationSeconds });

const newPostgresLimiter = (config: RateLimitConfig, dependencies: LimiterDependencies): Promise<RateLimiterPostgres> =>
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

/**
 * What PostgreSQL answers an instance whose CREATE TABLE IF NOT EXISTS ran at the same moment as
 * another's (the statement does not serialize): duplicate table, duplicate type (the table's row
 * type), or the catalog's unique index. rate-limiter-flexible 11.4 forgives only the last.
 */
const CREATED_BY_ANOTHER_INSTANCE = new Set(['42P07', '42710', '23505']);
const CREATE_ATTEMPTS = 3;

/** The shared store; when another instance created its table at the same moment, the table is there: ask again. */
const postgresLimiter = async (config: RateLimitConfig, dependencies: LimiterDependencies): Promise<RateLimiterPostgres> => {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await newPostgresLimiter(config, dependencies);
    } catch (error) {
      const code = (error as { code?: unknown }).code;
      if (attempt >= CREATE_ATTEMPTS || typeof code !== 'string' || !CREATED_BY_ANOTHER_INSTANCE.has(code)) throw error;
    }
  }
};

/** How long a request waits for Redis before the instance counts in its own memory instead. */
export const REDIS_COMMAND_TIMEOUT_MS = 500;

/**
 * Redis, shared by every instance. When it does not answer (refused, down, or slower than
 * REDIS_COMMAND_TIMEOUT_MS), each instance counts in its own memory until it is back: the public
 * site stays up and each client is still held to the allowance on every instance (README, "Rate limit").
 */
const redisLimiter = async (config: RateLimitConfig, log: Logger): Promise<LimiterStore> => {
  // Loaded only where Redis is configured: the other stores never need it (issue 16, boot time).
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { Redis } = require('ioredis') as { Redis: typeof RedisClient };
  const client = new Redis(config.redisUrl as string, {
    // A command is refused at once while disconnected (then the memory fallback answers) rather than queued.
    enableOfflineQueue: false,
    commandTimeout: REDIS_COMMAND_TIMEOUT_MS,
    connectTimeout: 2000,
    maxRetriesPerRequest: 0,
  });
  let unavailable = false;
  let closing = false;
  const markUnavailable = (reason: string) => {
    if (unavailable || closing) return;
    unavailable = true;
    log.warn(`Rate limit: Redis does not answer (${reason}); each instance counts in its own memory until it is back.`);
  };
  client.on('error', (error: Error) => {
    markUnavailable(error.message);
  });
  // A dropped connection is known at once; the error of the first reconnection comes later, after
  // requests already counted in memory (with enableOfflineQueue off, they are refused without one).
  client.on('close', () => {
    markUnavailable('connection closed');
  });
  client.on('ready', () => {
    if (!unavailable) return;
    unavailable = false;
    log.info('Rate limit: Redis answers again; the counts are shared again.');
  });
  // The first requests are counted in Redis, not in memory while the connection opens; a Redis
  // that is down at start costs no more than its first refusal (then the memory fallback counts).
  await new Promise<void>((resolve) => {
    client.once('ready', resolve);
    client.once('error', () => resolve());
  });
  const limiter = new RateLimiterRedis({
    storeClient: client,
    rejectIfRedisNotReady: true,
    keyPrefix: 'passerelle',
    points: config.points,
    duration: config.durationSeconds,
    insuranceLimiter: memoryLimiter(config),
  });
  return {
    limiter,
    close: () => {
      closing = true;
      client.disconnect();
      return Promise.resolve();
    },
  };
};

/**
 * The counter store: this process's memory by default (each instance counts on its own), or one
 * shared by every instance: the PostgreSQL database the instances already share, or Redis.
 */
export const createLimiter = async (config: RateLimitConfig, dependencies: LimiterDependencies): Promise<LimiterStore> => {
  // Strapi's knex pool is closed by Strapi itself.
  const nothingToClose = () => Promise.resolve();
  if (config.store === 'database') {
    if (dependencies.databaseClient !== 'postgres') {
      throw new Error('RATE_LIMIT_STORE=database needs PostgreSQL (DATABASE_CLIENT=postgres); with SQLite, one instance: use memory.');
    }
    return { limiter: await postgresLimiter(config, dependencies), close: nothingToClose };
  }
  if (config.store === 'redis') return redisLimiter(config, dependencies.log ?? console);
  return { limiter: memoryLimiter(config), close: nothingToClose };
};

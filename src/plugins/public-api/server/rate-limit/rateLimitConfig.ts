export type RateLimitStore = 'memory' | 'database' | 'redis';

export type RateLimitConfig = {
  enabled: boolean;
  /** Requests a client may make in each window. */
  points: number;
  durationSeconds: number;
  store: RateLimitStore;
  redisUrl?: string;
};

const STORES: readonly RateLimitStore[] = ['memory', 'database', 'redis'];

/** Checks the settings at boot, so a typo stops the start with a message naming the variable. */
export const parseRateLimitConfig = (raw: {
  enabled: boolean;
  points: number;
  durationSeconds: number;
  store: string;
  redisUrl: string;
  /** DATABASE_CLIENT: the database store needs PostgreSQL. */
  databaseClient: string;
}): RateLimitConfig => {
  if (!Number.isInteger(raw.points) || raw.points < 1)
    throw new Error(`RATE_LIMIT_POINTS must be a whole number above 0, got "${raw.points}".`);
  if (!Number.isInteger(raw.durationSeconds) || raw.durationSeconds < 1) {
    throw new Error(`RATE_LIMIT_DURATION_S must be a whole number of seconds above 0, got "${raw.durationSeconds}".`);
  }
  if (!STORES.includes(raw.store as RateLimitStore))
    throw new Error(`RATE_LIMIT_STORE must be one of ${STORES.join(', ')}, got "${raw.store}".`);
  if (raw.store === 'database' && raw.databaseClient !== 'postgres') {
    throw new Error('RATE_LIMIT_STORE=database needs PostgreSQL (DATABASE_CLIENT=postgres); with SQLite, one instance: use memory.');
  }
  if (raw.store === 'redis' && !raw.redisUrl) throw new Error('RATE_LIMIT_STORE=redis needs RATE_LIMIT_REDIS_URL (redis://host:6379).');
  return {
    enabled: raw.enabled,
    points: raw.points,
    durationSeconds: raw.durationSeconds,
    store: raw.store as RateLimitStore,
    ...(raw.redisUrl ? { redisUrl: raw.redisUrl } : {}),
  };
};

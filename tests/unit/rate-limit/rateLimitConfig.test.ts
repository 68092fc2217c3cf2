import { parseRateLimitConfig } from '../../../src/plugins/public-api/server/rate-limit/rateLimitConfig';
import { clientKey, isLimitedPath } from '../../../src/plugins/public-api/server/rate-limit/clientKey';

const valid = { enabled: true, points: 300, durationSeconds: 60, store: 'memory', redisUrl: '' };

describe('parseRateLimitConfig', () => {
  it('accepts the defaults', () => {
    expect(parseRateLimitConfig(valid)).toEqual({ enabled: true, points: 300, durationSeconds: 60, store: 'memory' });
  });

  it.each([
    [{ points: 0 }, /RATE_LIMIT_POINTS/],
    [{ points: Number.NaN }, /RATE_LIMIT_POINTS/],
    [{ durationSeconds: -1 }, /RATE_LIMIT_DURATION_S/],
    [{ store: 'memcached' }, /RATE_LIMIT_STORE must be one of memory, database, redis/],
    [{ store: 'redis' }, /RATE_LIMIT_REDIS_URL/],
  ])('stops the boot on %j, naming the variable', (change, message) => {
    expect(() => parseRateLimitConfig({ ...valid, ...change })).toThrow(message);
  });
});

describe('what the limit covers', () => {
  it.each([
    ['/api/articles', true],
    ['/api', true],
    ['/graphql', true],
    ['/apiary', false],
    ['/admin/login', false],
    ['/uploads/photo.jpg', false],
    ['/_health', false],
  ])('%s → %s', (path, limited) => {
    expect(isLimitedPath(path)).toBe(limited);
  });

  it('counts anonymous requests and credentials apart', () => {
    expect(clientKey('203.0.113.1', false)).not.toBe(clientKey('203.0.113.1', true));
  });
});

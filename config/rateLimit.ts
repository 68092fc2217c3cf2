import type { Core } from '@strapi/strapi';
import { parseRateLimitConfig } from '../src/plugins/public-api/server/rate-limit/rateLimitConfig';

/**
 * Per-client limit on the public API (`/api`, `/graphql`): on by default, except under tests
 * (`NODE_ENV=test`), where a test turns it on by setting RATE_LIMIT_ENABLED.
 */
const config = ({ env }: Core.Config.Shared.ConfigParams) =>
  parseRateLimitConfig({
    enabled: env.bool('RATE_LIMIT_ENABLED', env('NODE_ENV', 'development') !== 'test'),
    points: env.int('RATE_LIMIT_POINTS', 300),
    durationSeconds: env.int('RATE_LIMIT_DURATION_S', 60),
    store: env('RATE_LIMIT_STORE', 'memory'),
    redisUrl: env('RATE_LIMIT_REDIS_URL', ''),
  });

export default config;

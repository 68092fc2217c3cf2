import { errors } from '@strapi/utils';
import type { Core } from '@strapi/strapi';
import { RateLimiterRes } from 'rate-limiter-flexible';
import type { RateLimitConfig } from '../rate-limit/rateLimitConfig';
import { createLimiter, type LimiterStore } from '../rate-limit/createLimiter';
import { keepRateLimitStore } from '../rate-limit/closeRateLimitStore';
import { clientKey, isLimitedPath } from '../rate-limit/clientKey';
import { shareLimiter, spendAnonymousPoint, RATE_LIMIT_HEADERS } from '../rate-limit/anonymousAdmission';

type Context = Parameters<Core.MiddlewareHandler>[0];

const refuse = (ctx: Context, config: RateLimitConfig, state: RateLimiterRes): never => {
  const retryAfterSeconds = Math.max(1, Math.ceil(state.msBeforeNext / 1000));
  ctx.set('Retry-After', String(retryAfterSeconds));
  ctx.set(RATE_LIMIT_HEADERS[0], String(config.points));
  ctx.set(RATE_LIMIT_HEADERS[1], '0');
  throw new errors.RateLimitError('Too many requests, please try again later.', { retryAfterSeconds });
};

const isUnauthorized = (ctx: Context, error?: unknown): boolean =>
  error instanceof errors.UnauthorizedError || (error === undefined && ctx.status === 401);

/**
 * A per-client limit on the public API (`/api`, `/graphql`), by address as Koa sees it (the
 * forwarded address when `proxy` is on). Anonymous requests each spend a point. Requests with
 * credentials spend nothing while the credentials are good, so the site's build server and the
 * journalists' tokens are never limited; each refused credential spends a point of its own counter,
 * so guessing tokens is limited like anonymous traffic. The answer is Strapi's 429 with Retry-After.
 */
const rateLimit: Core.MiddlewareFactory = (_options, { strapi }) => {
  const config = strapi.config.get<RateLimitConfig | undefined>('rateLimit');
  if (!config?.enabled)
    return async (_ctx, next) => {
      await next();
    };

  // Started here, not on the first request, so Redis is connected before the first client arrives.
  // Middlewares are initialised after the database connection opens (checked against Strapi 5.54.0).
  const created: Promise<LimiterStore> = shareLimiter(
    strapi,
    createLimiter(config, {
      databaseClient: strapi.db.dialect.client,
      knex: strapi.db.connection,
      schema: strapi.db.getSchemaName(),
      log: strapi.log,
    }).then((store) => keepRateLimitStore(strapi, store))
  );
  // A store that cannot be made (RATE_LIMIT_STORE=database on SQLite) fails each limited request, loudly.
  created.catch((error: unknown) => strapi.log.error(`Rate limit: ${error instanceof Error ? error.message : String(error)}`));
  const limiterOf = async () => (await created).limiter;

  return async (ctx, next) => {
    if (!isLimitedPath(ctx.path) || ctx.method === 'OPTIONS') {
      await next();
      return;
    }
    const store = await limiterOf();
    const presentsCredentials = Boolean(ctx.get('Authorization'));
    const key = clientKey(ctx.ip, presentsCredentials);

    if (presentsCredentials) {
      const failures = await store.get(key);
      if (failures && failures.remainingPoints <= 0) refuse(ctx, config, failures);
    } else {
      const refusal = await spendAnonymousPoint(ctx, config, store);
      if (refusal) refuse(ctx, config, refusal);
    }

    const countFailure = async () => {
      await store.consume(key).catch(() => undefined);
    };
    try {
      await next();
    } catch (error) {
      if (presentsCredentials && isUnauthorized(ctx, error)) await countFailure();
      throw error;
    }
    if (presentsCredentials && isUnauthorized(ctx)) await countFailure();
  };
};

export default rateLimit;

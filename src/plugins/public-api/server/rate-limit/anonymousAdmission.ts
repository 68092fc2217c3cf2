import type { Core } from '@strapi/strapi';
import { RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import type { RateLimitConfig } from './rateLimitConfig';
import type { LimiterStore } from './createLimiter';
import { clientKey, isLimitedPath } from './clientKey';

type Context = Parameters<Core.MiddlewareHandler>[0];

export const RATE_LIMIT_HEADERS = ['X-RateLimit-Limit', 'X-RateLimit-Remaining'] as const;

const limiters = new WeakMap<Core.Strapi, Promise<LimiterStore>>();

/** The instance's counter store, shared by the middleware and the response cache's front door (one count per client). */
export const shareLimiter = (strapi: Core.Strapi, created: Promise<LimiterStore>): Promise<LimiterStore> => {
  limiters.set(strapi, created);
  return created;
};

// What the front door's count gave, kept on the request it hands to Koa, so the middleware does not count it twice.
const COUNTED = Symbol('passerelle.rateLimitCounted');
type Counted = { [COUNTED]?: { state: RateLimiterRes; refused: boolean } };

/**
 * Spends an anonymous request's point (once per request, whoever asks first) and sets the headers
 * that tell the client what is left; the refusal when none is left (the caller answers 429).
 */
export const spendAnonymousPoint = async (
  ctx: Context,
  config: RateLimitConfig,
  limiter: RateLimiterAbstract
): Promise<RateLimiterRes | undefined> => {
  const request = ctx.req as typeof ctx.req & Counted;
  let counted = request[COUNTED];
  if (!counted) {
    try {
      counted = { state: await limiter.consume(clientKey(ctx.ip, false)), refused: false };
    } catch (rejection) {
      if (!(rejection instanceof RateLimiterRes)) throw rejection;
      counted = { state: rejection, refused: true };
    }
    request[COUNTED] = counted;
  }
  if (counted.refused) return counted.state;
  ctx.set(RATE_LIMIT_HEADERS[0], String(config.points));
  ctx.set(RATE_LIMIT_HEADERS[1], String(counted.state.remainingPoints));
  return undefined;
};

/**
 * `plugin::public-api.rate-limit-admission`: what the rate-limit middleware does to an anonymous
 * read, for the response cache's front door, which answers stored reads before the middlewares run.
 * `admit` spends the point and sets the headers as the middleware would; false hands the request to
 * the middlewares (a refusal, or a store not ready), where the 429 is answered in Strapi's format.
 */
export const rateLimitAdmission = ({ strapi }: { strapi: Core.Strapi }) => ({
  headerNames: RATE_LIMIT_HEADERS,
  enabled: (): boolean => strapi.config.get<RateLimitConfig | undefined>('rateLimit')?.enabled === true,
  // Synchronous when there is nothing to count, so the front door's hit waits on no promise.
  admit(ctx: Context): boolean | Promise<boolean> {
    const config = strapi.config.get<RateLimitConfig | undefined>('rateLimit');
    if (!config?.enabled || !isLimitedPath(ctx.path)) return true;
    const created = limiters.get(strapi);
    if (!created) return false;
    return created.then(async ({ limiter }) => (await spendAnonymousPoint(ctx, config, limiter)) === undefined);
  },
});

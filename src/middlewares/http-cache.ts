import crypto from 'node:crypto';
import type { Core } from '@strapi/strapi';
import { cacheControlFor, VARY_HEADER, type CachePolicy } from '../http-cache/cacheControl';
import { nextVisibilityChange } from '../visibility/nextVisibilityChange';
import { now } from '../clock/clock';

const isCacheableBody = (body: unknown): body is string | Buffer | Record<string, unknown> =>
  typeof body === 'string' || Buffer.isBuffer(body) || (typeof body === 'object' && body !== null && typeof (body as { pipe?: unknown }).pipe !== 'function');

/**
 * ETag, Cache-Control and 304 on every successful public read (REST, and any other Content API
 * route). The ETag is a hash of the answer itself, so a publish, an edit or an embargo lift changes
 * it at once: there is no server-side copy that could go stale.
 */
const httpCache: Core.MiddlewareFactory = (_config, { strapi }) => async (ctx, next) => {
  await next();
  if (!['GET', 'HEAD'].includes(ctx.method) || ctx.status !== 200) return;
  if ((ctx.state.route as { info?: { type?: string } } | undefined)?.info?.type !== 'content-api') return;
  if (!isCacheableBody(ctx.body)) return;

  const payload = typeof ctx.body === 'string' || Buffer.isBuffer(ctx.body) ? ctx.body : JSON.stringify(ctx.body);
  if (typeof ctx.body === 'object' && !Buffer.isBuffer(ctx.body)) {
    ctx.body = payload;
    ctx.type = 'application/json';
  }
  const hash = crypto.createHash('sha256').update(payload).digest('base64url').slice(0, 27);
  ctx.set('ETag', `"${hash}"`);
  ctx.vary(VARY_HEADER);

  const instant = now();
  const authenticated = Boolean(ctx.get('Authorization'));
  const policy = strapi.config.get('cache') as CachePolicy;
  const next_ = authenticated ? undefined : await nextVisibilityChange(strapi, instant);
  ctx.set('Cache-Control', cacheControlFor(policy, { authenticated, now: instant, nextVisibilityChange: next_ }));

  if (ctx.fresh) {
    ctx.status = 304;
    ctx.body = null;
  }
};

export default httpCache;

import crypto from 'node:crypto';
import type { Core } from '@strapi/strapi';
import { readContentVersion } from '../content-version/contentVersion';
import { cacheControlFor, VARY_HEADER } from './cacheControl';
import { answerKeys, SURROGATE_KEY_HEADER } from './surrogateKeys';
import type { ResponseCacheSettings } from '../settings';

type Context = Parameters<Core.MiddlewareHandler>[0];
type Bound = { nextChange(now: Date): Promise<Date | undefined> };

/**
 * HTTP caching for an answer streamed as it is read, which the response-cache middleware neither
 * hashes nor stores (it works on whole bodies). Such an answer is a function of the content at a
 * content version (moved by every write, in its transaction), of the visibility interval the clock
 * is in (bounded by the next instant a `boundedBy` service gives: an embargo end, a schedule), of
 * who asks (journalists read under embargo) and of what the caller names in `dimensions`. The ETag
 * hashes those, so it is known before any row is read: a matching `If-None-Match` is a 304 without
 * a query. Cache-Control and Vary are the middleware's own (cacheControl.ts). Other plugins call it as
 * `plugin::response-cache.streamed-caching` (the distribution plugin's sitemap; src/lib/cache/responseCache.ts).
 */
export const streamedCaching = async (
  strapi: Core.Strapi,
  ctx: Context,
  instant: Date,
  dimensions: unknown[]
): Promise<{ fresh: boolean }> => {
  const settings = strapi.config.get<ResponseCacheSettings | undefined>('plugin::response-cache');
  if (!settings) return { fresh: false };
  const authenticated = Boolean(ctx.get('Authorization'));
  // The middleware reads the version first, for every Content API read; read it here otherwise.
  const version = (ctx.state.contentVersion as string | undefined) ?? (await readContentVersion(strapi));
  const bounds = settings.boundedBy.map((uid) => strapi.service(uid as never) as unknown as Bound);
  const instants = (await Promise.all(bounds.map((bound) => bound.nextChange(instant)))).filter((d): d is Date => d !== undefined);
  const next = instants.length > 0 ? new Date(Math.min(...instants.map((d) => d.getTime()))) : undefined;
  const etag = `"${crypto
    .createHash('sha256')
    .update(JSON.stringify([version, next?.toISOString() ?? null, ...dimensions]))
    .digest('base64url')
    .slice(0, 27)}"`;
  ctx.set('ETag', etag);
  ctx.vary(VARY_HEADER);
  if (!authenticated) ctx.set(SURROGATE_KEY_HEADER, answerKeys({}).join(' '));
  ctx.set(
    'Cache-Control',
    cacheControlFor(settings, { authenticated, now: instant, nextVisibilityChange: authenticated ? undefined : next })
  );
  // Koa tells freshness only for a 2xx status.
  ctx.status = 200;
  return { fresh: ctx.fresh };
};

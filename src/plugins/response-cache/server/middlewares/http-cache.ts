import crypto from 'node:crypto';
import type { Core } from '@strapi/strapi';
import { cacheControlFor, VARY_HEADER, type CachePolicy } from '../http-cache/cacheControl';
import { createResponseCache } from '../http-cache/responseCache';
import { cacheKeyFor, knownQueryParams } from '../http-cache/cacheKey';
import { answerKeys, SURROGATE_KEY_HEADER } from '../http-cache/surrogateKeys';
import { readContentVersion } from '../content-version/contentVersion';
import type { ResponseCacheSettings } from '../settings';
import { isContentApiRoute } from '../strapiInternals';
import { now } from '../../../../lib/clock/clock';

type Context = Parameters<Core.MiddlewareHandler>[0];

const CACHE_STATUS_HEADER = 'X-Passerelle-Cache';

const isCacheableBody = (body: unknown): body is string | Buffer | Record<string, unknown> =>
  typeof body === 'string' ||
  Buffer.isBuffer(body) ||
  (typeof body === 'object' && body !== null && typeof (body as { pipe?: unknown }).pipe !== 'function');

const isRead = (ctx: Context) => ctx.method === 'GET' || ctx.method === 'HEAD';

/** The content type a Content API route reads (`api::article.article.find` → `api::article.article`), if it has one. */
const routeContentType = (strapi: Core.Strapi, ctx: Context): string | undefined => {
  const handler = (ctx.state.route as { handler?: unknown } | undefined)?.handler;
  if (typeof handler !== 'string') return undefined;
  const uid = handler.split('.').slice(0, 2).join('.');
  return uid in strapi.contentTypes ? uid : undefined;
};

/**
 * ETag, Cache-Control and 304 on every successful public read (REST, and any other Content API
 * route), and the origin's own copy of public answers. The ETag is a hash of the answer itself, so
 * a publish, an edit or an embargo lift changes it at once; the stored copies are tied to the
 * content version and to the next visibility instant, so they never outlive a change either.
 */
const httpCache: Core.MiddlewareFactory = (_config, { strapi }) => {
  const settings = strapi.config.get<ResponseCacheSettings>('plugin::response-cache');
  const policy: CachePolicy = {
    sMaxAge: settings.sMaxAge,
    staleWhileRevalidate: settings.staleWhileRevalidate,
    staleIfError: settings.staleIfError,
  };
  const known = knownQueryParams(settings.queryParams);
  const responses = createResponseCache({
    maxBytes: settings.maxMb * 1024 * 1024,
    maxEntryBytes: 1024 * 1024,
    maxEntries: settings.maxEntries,
  });
  // The plugins whose answers change at known instants (a visibility plugin's embargo ends): a
  // stored answer, or a CDN's copy, never outlives the earliest of them.
  const bounds = settings.boundedBy.map(
    (uid) => strapi.service(uid as never) as unknown as { nextChange(now: Date): Promise<Date | undefined> }
  );
  const nextKnownChange = async (instant: Date): Promise<Date | undefined> => {
    const instants = (await Promise.all(bounds.map((bound) => bound.nextChange(instant)))).filter(
      (date): date is Date => date !== undefined
    );
    return instants.length > 0 ? new Date(Math.min(...instants.map((date) => date.getTime()))) : undefined;
  };
  // Tests read the cache's own count of entries and bytes.
  (strapi as unknown as { passerelleResponseCache?: typeof responses }).passerelleResponseCache = responses;
  const apiPrefix = strapi.config.get<string | undefined>('api.rest.prefix') ?? '/api';
  // Without a configured public URL, absolute links (JSON-LD, feeds) are built from the request's host.
  const answersDependOnHost = !strapi.config.get('server.url');

  const setCachingHeaders = async (ctx: Context, etag: string, instant: Date, authenticated: boolean, surrogateKeys?: string) => {
    ctx.set('ETag', etag);
    if (surrogateKeys && !authenticated) ctx.set(SURROGATE_KEY_HEADER, surrogateKeys);
    ctx.vary(VARY_HEADER);
    const next = authenticated ? undefined : await nextKnownChange(instant);
    ctx.set('Cache-Control', cacheControlFor(policy, { authenticated, now: instant, nextVisibilityChange: next }));
    if (ctx.fresh) {
      ctx.status = 304;
      ctx.body = null;
    }
  };

  return async (ctx, next) => {
    if (!isRead(ctx)) {
      await next();
      return;
    }
    const authenticated = Boolean(ctx.get('Authorization'));
    const started = now();
    // Undefined for a query carrying a parameter no route reads: such an answer is never stored.
    const key = cacheKeyFor(ctx.path, ctx.query, known, answersDependOnHost ? ctx.origin : undefined);
    let version: string | undefined;
    if (ctx.path.startsWith(apiPrefix)) {
      // Read before anything else: what this request computes is labelled with a version no newer than its data.
      version = await readContentVersion(strapi);
      ctx.state.contentVersion = version;
      const stored = authenticated || key === undefined ? undefined : responses.get(key, version, started.getTime());
      if (stored) {
        ctx.status = 200;
        ctx.type = stored.type;
        ctx.body = stored.body;
        ctx.set(CACHE_STATUS_HEADER, 'hit');
        await setCachingHeaders(ctx, stored.etag, started, false, stored.surrogateKeys);
        return;
      }
    }

    // An error or a 404 (such as a release still under embargo) is never kept by a shared cache: a
    // proxy's default lifetime for an answer without Cache-Control would outlast the lift.
    try {
      await next();
    } catch (error) {
      // Thrown errors become answers in strapi::errors, outside this middleware; the header stays.
      if (version !== undefined) ctx.set('Cache-Control', 'no-store');
      throw error;
    }
    if (ctx.status >= 400 && version !== undefined && !ctx.response.get('Cache-Control')) ctx.set('Cache-Control', 'no-store');
    if (ctx.status !== 200) return;
    if (!isContentApiRoute(ctx.state)) return;
    if (!isCacheableBody(ctx.body)) return;

    // The answer as the controller gave it: its documents name the surrogate keys (a string body is an aggregate).
    const json = typeof ctx.body === 'object' && !Buffer.isBuffer(ctx.body) ? (ctx.body as unknown) : undefined;
    const payload = typeof ctx.body === 'string' || Buffer.isBuffer(ctx.body) ? ctx.body : JSON.stringify(ctx.body);
    if (typeof ctx.body === 'object' && !Buffer.isBuffer(ctx.body)) {
      ctx.body = payload;
      ctx.type = 'application/json';
    }
    const etag = `"${crypto.createHash('sha256').update(payload).digest('base64url').slice(0, 27)}"`;
    const surrogateKeys = authenticated ? undefined : answerKeys({ uid: routeContentType(strapi, ctx), json }).join(' ');
    if (version !== undefined && !authenticated && key !== undefined && typeof payload === 'string') {
      const nextChange = await nextKnownChange(started);
      const ageLimit = started.getTime() + policy.sMaxAge * 1000;
      const until = Math.min(nextChange?.getTime() ?? Infinity, ageLimit);
      responses.set(key, { body: payload, type: ctx.type, etag, version, from: started.getTime(), until, surrogateKeys });
      ctx.set(CACHE_STATUS_HEADER, 'miss');
    }
    await setCachingHeaders(ctx, etag, now(), authenticated, surrogateKeys);
  };
};

export default httpCache;

import crypto from 'node:crypto';
import type { Core } from '@strapi/strapi';
import { cacheControlFor, VARY_HEADER, type CachePolicy } from '../http-cache/cacheControl';
import { createResponseCache, ownBytes } from '../http-cache/responseCache';
import { cacheKeyFor, knownQueryParams } from '../http-cache/cacheKey';
import { readContentVersion } from '../content-version/contentVersion';
import type { ResponseCacheSettings } from '../settings';
import { isContentApiRoute } from '../strapiInternals';
import { now } from '../../../../lib/clock/clock';

type Context = Parameters<Core.MiddlewareHandler>[0];

const CACHE_STATUS_HEADER = 'X-Passerelle-Cache';

const isCacheableBody = (body: unknown): body is string | Buffer | Record<string, unknown> =>
  typeof body === 'string' || Buffer.isBuffer(body) || (typeof body === 'object' && body !== null && typeof (body as { pipe?: unknown }).pipe !== 'function');

const isRead = (ctx: Context) => ctx.method === 'GET' || ctx.method === 'HEAD';

/**
 * ETag, Cache-Control and 304 on every successful public read (REST, and any other Content API
 * route), and the origin's own copy of public answers. The ETag is a hash of the answer itself, so
 * a publish, an edit or an embargo lift changes it at once; the stored copies are tied to the
 * content version and to the next visibility instant, so they never outlive a change either.
 */
const httpCache: Core.MiddlewareFactory = (_config, { strapi }) => {
  const settings = strapi.config.get<ResponseCacheSettings>('plugin::response-cache');
  const policy: CachePolicy = { sMaxAge: settings.sMaxAge, staleWhileRevalidate: settings.staleWhileRevalidate };
  const known = knownQueryParams(settings.queryParams);
  const responses = createResponseCache({
    maxBytes: settings.maxMb * 1024 * 1024,
    maxEntryBytes: 1024 * 1024,
    maxEntries: settings.maxEntries,
  });
  // The plugins whose answers change at known instants (a visibility plugin's embargo ends): a
  // stored answer, or a CDN's copy, never outlives the earliest of them.
  const bounds = settings.boundedBy.map((uid) => strapi.service(uid as never) as unknown as { nextChange(now: Date): Promise<Date | undefined> });
  const nextKnownChange = async (instant: Date): Promise<Date | undefined> => {
    const instants = (await Promise.all(bounds.map((bound) => bound.nextChange(instant)))).filter((date): date is Date => date !== undefined);
    return instants.length > 0 ? new Date(Math.min(...instants.map((date) => date.getTime()))) : undefined;
  };
  // Tests read the cache's own count of entries and bytes.
  (strapi as unknown as { passerelleResponseCache?: typeof responses }).passerelleResponseCache = responses;
  const apiPrefix = strapi.config.get<string | undefined>('api.rest.prefix') ?? '/api';
  // Without a configured public URL, absolute links (JSON-LD, feeds) are built from the request's host.
  const answersDependOnHost = !strapi.config.get('server.url');

  const setCachingHeaders = async (ctx: Context, etag: string, instant: Date, authenticated: boolean) => {
    ctx.set('ETag', etag);
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
        await setCachingHeaders(ctx, stored.etag, started, false);
        return;
      }
    }

    await next();
    if (ctx.status !== 200) return;
    if (!isContentApiRoute(ctx.state)) return;
    if (!isCacheableBody(ctx.body)) return;

    const payload = typeof ctx.body === 'string' || Buffer.isBuffer(ctx.body) ? ctx.body : JSON.stringify(ctx.body);
    if (typeof ctx.body === 'object' && !Buffer.isBuffer(ctx.body)) {
      ctx.body = payload;
      ctx.type = 'application/json';
    }
    const etag = `"${crypto.createHash('sha256').update(payload).digest('base64url').slice(0, 27)}"`;
    if (version !== undefined && !authenticated && key !== undefined && typeof payload === 'string') {
      const nextChange = await nextKnownChange(started);
      const ageLimit = started.getTime() + policy.sMaxAge * 1000;
      const until = Math.min(nextChange?.getTime() ?? Infinity, ageLimit);
      responses.set(key, { body: ownBytes(payload), type: ctx.type, etag, version, from: started.getTime(), until });
      ctx.set(CACHE_STATUS_HEADER, 'miss');
    }
    await setCachingHeaders(ctx, etag, now(), authenticated);
  };
};

export default httpCache;

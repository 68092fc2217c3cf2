import type { Core } from '@strapi/strapi';
import { cacheControlFor, VARY_HEADER, type CachePolicy } from './cacheControl';
import { createResponseCache, type ResponseCache } from './responseCache';
import { cacheKeyFor, knownQueryParams } from './cacheKey';
import { SURROGATE_KEY_HEADER } from './surrogateKeys';
import { contentVersionNow } from '../content-version/contentVersion';
import type { ResponseCacheSettings } from '../settings';

type Context = Parameters<Core.MiddlewareHandler>[0];
type Bound = { nextChange(now: Date): Promise<Date | undefined> };

export const CACHE_STATUS_HEADER = 'X-Passerelle-Cache';

/** What the early lookup leaves on `ctx.state` for the middleware after the router. */
export type LookupState = { contentVersion?: string; responseCacheLookup?: string };

/**
 * What the two middlewares share (one per Strapi instance): the stored answers, the policy, the
 * key rules, and the next instant a stored answer must not outlive, remembered per content version.
 */
const createPublicAnswers = (strapi: Core.Strapi) => {
  const settings = strapi.config.get<ResponseCacheSettings>('plugin::response-cache');
  const policy: CachePolicy = {
    sMaxAge: settings.sMaxAge,
    staleWhileRevalidate: settings.staleWhileRevalidate,
    staleIfError: settings.staleIfError,
  };
  const known = knownQueryParams(settings.queryParams);
  const responses: ResponseCache = createResponseCache({
    maxBytes: settings.maxMb * 1024 * 1024,
    maxEntryBytes: 1024 * 1024,
    maxEntries: settings.maxEntries,
  });
  // Tests read the cache's own count of entries and bytes.
  (strapi as unknown as { passerelleResponseCache?: ResponseCache }).passerelleResponseCache = responses;
  const apiPrefix = strapi.config.get<string | undefined>('api.rest.prefix') ?? '/api';
  // Without a configured public URL, absolute links (JSON-LD, feeds) are built from the request's host.
  const answersDependOnHost = !strapi.config.get('server.url');

  // The plugins whose answers change at known instants (a visibility plugin's embargo ends): a
  // stored answer, or a CDN's copy, never outlives the earliest of them. Looked up at first use,
  // once every plugin's services exist.
  let bounds: Bound[] | undefined;
  const boundsNow = () => (bounds ??= settings.boundedBy.map((uid) => strapi.service(uid as never) as unknown as Bound));
  const earliestBound = async (instant: Date): Promise<Date | undefined> => {
    const instants = (await Promise.all(boundsNow().map((bound) => bound.nextChange(instant)))).filter(
      (date): date is Date => date !== undefined
    );
    return instants.length > 0 ? new Date(Math.min(...instants.map((date) => date.getTime()))) : undefined;
  };
  // A bound changes only with the content: for one version, the next instant after t is the same
  // for every t from the instant it was computed at up to that next instant. So a hit asks nothing.
  // Answered synchronously when remembered, so a hit needs no promise.
  let remembered: { version: string; from: number; until: number; next?: Date } | undefined;
  const rememberedChange = (time: number, version: string | undefined): { next?: Date } | undefined => {
    const last = remembered;
    return version !== undefined && last && last.version === version && time >= last.from && time < last.until ? last : undefined;
  };
  const nextKnownChange = (instant: Date, version: string | undefined): Date | undefined | Promise<Date | undefined> => {
    const time = instant.getTime();
    const known = rememberedChange(time, version);
    if (known) return known.next;
    return earliestBound(instant).then((next) => {
      if (version !== undefined) remembered = { version, from: time, until: next?.getTime() ?? Infinity, next };
      return next;
    });
  };
  /** The Cache-Control of a public answer at `instant`. */
  const publicCacheControl = (instant: Date, version: string | undefined): string | Promise<string> => {
    const header = (next: Date | undefined) => cacheControlFor(policy, { authenticated: false, now: instant, nextVisibilityChange: next });
    const next = nextKnownChange(instant, version);
    return next instanceof Promise ? next.then(header) : header(next);
  };

  const setCachingHeaders = async (
    ctx: Context,
    answer: { etag: string; instant: Date; authenticated: boolean; surrogateKeys?: string; version?: string }
  ) => {
    ctx.set('ETag', answer.etag);
    if (answer.surrogateKeys && !answer.authenticated) ctx.set(SURROGATE_KEY_HEADER, answer.surrogateKeys);
    ctx.vary(VARY_HEADER);
    ctx.set(
      'Cache-Control',
      answer.authenticated
        ? cacheControlFor(policy, { authenticated: true, now: answer.instant })
        : await publicCacheControl(answer.instant, answer.version)
    );
    if (ctx.fresh) {
      ctx.status = 304;
      ctx.body = null;
    }
  };

  return {
    policy,
    responses,
    apiPrefix,
    answersDependOnHost,
    /** Undefined for a query carrying a parameter no route reads: such an answer is never stored. */
    keyFor: (ctx: Context): string | undefined => cacheKeyFor(ctx.path, ctx.query, known, answersDependOnHost ? ctx.origin : undefined),
    nextKnownChange,
    publicCacheControl,
    setCachingHeaders,
    /**
     * Serves the stored answer to an anonymous public GET, if one is current: the content version
     * is read first (and kept on `ctx.state` for the rest of the request), then the entry must
     * carry that version and the clock be inside its window.
     */
    async serveStored(ctx: Context, key: string, instant: Date): Promise<boolean> {
      const state = ctx.state as LookupState;
      state.contentVersion ??= await contentVersionNow(strapi);
      state.responseCacheLookup = key;
      const stored = responses.get(key, state.contentVersion, instant.getTime());
      if (!stored) return false;
      ctx.status = 200;
      ctx.set('Content-Type', stored.type);
      ctx.body = stored.body;
      ctx.set(CACHE_STATUS_HEADER, 'hit');
      await setCachingHeaders(ctx, {
        etag: stored.etag,
        instant,
        authenticated: false,
        surrogateKeys: stored.surrogateKeys,
        version: state.contentVersion,
      });
      return true;
    },
  };
};

export type PublicAnswers = ReturnType<typeof createPublicAnswers>;

const perInstance = new WeakMap<Core.Strapi, PublicAnswers>();

export const publicAnswersOf = (strapi: Core.Strapi): PublicAnswers => {
  let answers = perInstance.get(strapi);
  if (!answers) {
    answers = createPublicAnswers(strapi);
    perInstance.set(strapi, answers);
  }
  return answers;
};

export const isRead = (ctx: Context): boolean => ctx.method === 'GET' || ctx.method === 'HEAD';

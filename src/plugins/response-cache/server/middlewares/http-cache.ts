import type { Core, UID } from '@strapi/strapi';
import { answerKeys } from '../http-cache/surrogateKeys';
import { contentVersionNow } from '../content-version/contentVersion';
import { CACHE_STATUS_HEADER, isRead, publicAnswersOf, type LookupState } from '../http-cache/publicAnswers';
import { isContentApiRoute } from '../strapiInternals';
import { now } from '../../../../lib/clock/clock';
import { serializedAnswerOf } from '../../../../lib/output/serializedAnswer';
import { entityTagOf } from '../http-cache/entityTag';

type Context = Parameters<Core.MiddlewareHandler>[0];

const isCacheableBody = (body: unknown): body is string | Buffer | Record<string, unknown> =>
  typeof body === 'string' ||
  Buffer.isBuffer(body) ||
  (typeof body === 'object' && body !== null && typeof (body as { pipe?: unknown }).pipe !== 'function');

/** The content type a Content API route reads (`api::article.article.find` → `api::article.article`), if it has one. */
const routeContentType = (strapi: Core.Strapi, ctx: Context): string | undefined => {
  const handler = (ctx.state.route as { handler?: unknown } | undefined)?.handler;
  if (typeof handler !== 'string') return undefined;
  const uid = handler.split('.').slice(0, 2).join('.');
  return strapi.contentType(uid as UID.ContentType) ? uid : undefined;
};

/**
 * ETag, Cache-Control and 304 on every successful public read (REST, and any other Content API
 * route), and the origin's own copy of public answers. The ETag is a hash of the answer itself, so
 * a publish, an edit or an embargo lift changes it at once; the stored copies are tied to the
 * content version and to the next visibility instant, so they never outlive a change either.
 * Stored copies are served by `serve-cached`, early; this one looks them up only for a request that
 * one did not (a path rewritten on the way, or an app without it).
 */
const httpCache: Core.MiddlewareFactory = (_config, { strapi }) => {
  const answers = publicAnswersOf(strapi);
  const { policy, responses, apiPrefix } = answers;

  return async (ctx, next) => {
    if (!isRead(ctx)) {
      await next();
      return;
    }
    const state = ctx.state as LookupState;
    const authenticated = Boolean(ctx.get('Authorization'));
    const started = now();
    const key = answers.keyFor(ctx);
    let version: string | undefined;
    if (ctx.path.startsWith(apiPrefix)) {
      // Read before anything else: what this request computes is labelled with a version no newer than its data.
      if (!authenticated && key !== undefined && state.responseCacheLookup !== key && (await answers.serveStored(ctx, key, started)))
        return;
      state.contentVersion ??= await contentVersionNow(strapi);
      version = state.contentVersion;
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

    // The answer as the controller gave it: its documents name the surrogate keys (a string body is an
    // aggregate, unless it is a serialized answer that names its documents).
    const json = typeof ctx.body === 'object' && !Buffer.isBuffer(ctx.body) ? (ctx.body as unknown) : undefined;
    const serialized = serializedAnswerOf(ctx);
    // A JSON answer is encoded once, as a serialized one is: the hash, Content-Length, the cache and
    // the socket then read the same bytes.
    const payload = json !== undefined ? Buffer.from(JSON.stringify(json)) : (ctx.body as string | Buffer);
    if (json !== undefined) {
      ctx.body = payload;
      ctx.type = 'application/json';
    }
    const etag = entityTagOf(payload);
    const surrogateKeys = authenticated
      ? undefined
      : answerKeys({ uid: routeContentType(strapi, ctx), json, documentIds: serialized?.documentIds }).join(' ');
    // Text, and the JSON answers above; not other bytes (a press kit's archive).
    const storable = typeof payload === 'string' || json !== undefined || serialized !== undefined;
    if (version !== undefined && !authenticated && key !== undefined && storable) {
      const nextChange = await answers.nextKnownChange(started, version);
      const ageLimit = started.getTime() + policy.sMaxAge * 1000;
      const until = Math.min(nextChange?.getTime() ?? Infinity, ageLimit);
      responses.set(key, {
        body: payload,
        type: ctx.response.get('Content-Type'),
        etag,
        version,
        from: started.getTime(),
        until,
        surrogateKeys,
      });
      ctx.set(CACHE_STATUS_HEADER, 'miss');
    }
    await answers.setCachingHeaders(ctx, { etag, instant: now(), authenticated, surrogateKeys, version });
  };
};

export default httpCache;

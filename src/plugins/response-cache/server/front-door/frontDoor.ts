import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Core } from '@strapi/strapi';
import fresh from 'fresh';
import vary from 'vary';
import { CACHE_STATUS_HEADER, publicAnswersOf } from '../http-cache/publicAnswers';
import { VARY_HEADER } from '../http-cache/cacheControl';
import { SURROGATE_KEY_HEADER } from '../http-cache/surrogateKeys';
import type { CachedResponse } from '../http-cache/responseCache';
import { contentVersionNow } from '../content-version/contentVersion';
import { beforeKoa, koaApp, type KoaApp } from '../strapiInternals';
import type { ResponseCacheSettings } from '../settings';
import { now } from '../../../../lib/clock/clock';

type Context = Parameters<Core.MiddlewareHandler>[0];
type HeaderValue = number | string | string[];
/** Header names and values in turn (`[name, value, name, value…]`), as `writeHead` takes them. */
type HeaderList = HeaderValue[];

/** A service standing in for a middleware before serve-cached that decides per request (the rate limit). */
export type FrontDoorCheck = {
  /** Headers it sets on each request: never part of the headers captured from the other middlewares. */
  headerNames: readonly string[];
  /** False when the middleware it stands in for does nothing in this configuration (asked once). */
  enabled(): boolean;
  /** Does what the middleware does to the request and admits it, or returns false to hand it to the middlewares. */
  admit(ctx: Context): boolean | Promise<boolean>;
};

const SERVE_CACHED = 'plugin::response-cache.serve-cached';

const middlewareName = (entry: unknown): string => {
  if (typeof entry === 'string') return entry;
  const { name, resolve } = (entry ?? {}) as { name?: string; resolve?: string };
  return name ?? resolve ?? '(a middleware without name)';
};

/**
 * The middlewares configured before serve-cached that the front door has no stand-in for; while
 * there is one, the front door stays closed (it would skip what that middleware does).
 */
export const middlewaresWithoutStandIn = (configured: unknown[], settings: ResponseCacheSettings['frontDoor']): string[] => {
  const names = configured.map(middlewareName);
  const position = names.indexOf(SERVE_CACHED);
  if (position < 0) return [SERVE_CACHED];
  const standIns = new Set([...settings.constantMiddlewares, ...settings.checks.map((check) => check.middleware)]);
  return names.slice(0, position).filter((name) => !standIns.has(name));
};

/** What the front door may answer: an anonymous read with no cookie or origin, so no middleware before serve-cached treats it apart. */
const mayAnswer = (request: IncomingMessage): boolean =>
  (request.method === 'GET' || request.method === 'HEAD') &&
  request.headers.authorization === undefined &&
  request.headers.origin === undefined &&
  request.headers.cookie === undefined;

/** The headers each stored answer sets (serve-cached's), never taken from the middlewares before it. */
const SET_PER_ANSWER = [
  CACHE_STATUS_HEADER,
  'ETag',
  SURROGATE_KEY_HEADER,
  'Vary',
  'Cache-Control',
  'Content-Type',
  'Content-Length',
  'Last-Modified',
] as const;

/** Request URLs whose cache key is remembered; past this many, the memory starts again empty. */
const REMEMBERED_URLS = 10_000;

/**
 * Answers a repeated anonymous public read from Node's `request` event, before Koa: the same
 * answer, byte for byte and header for header, that serve-cached gives after the middlewares
 * placed before it (logger, errors, security headers, CORS, rate limit). Those set the same headers
 * on every such request, so they are taken from the first one that reaches serve-cached; the rate
 * limit, which decides per request, is run through its service (`checks`); the log line is Strapi's.
 * Anything else goes to Koa untouched: a miss, a query no route reads, a request with credentials,
 * a cookie or an `Origin` (CORS answers it per origin).
 *
 * A hit is a lookup and a write: the cache key of a URL is remembered (the path and Strapi's parse
 * of the query depend on the URL alone), the content version is read without a query on SQLite,
 * and the status and headers are written directly, with the `fresh` and `vary` packages Koa uses.
 * Nothing waits on a promise unless something must (the version on PostgreSQL, a check, the next
 * visibility instant not yet known for this version).
 */
export const createFrontDoor = (strapi: Core.Strapi, settings: ResponseCacheSettings['frontDoor']) => {
  const answers = publicAnswersOf(strapi);
  const koa: KoaApp = koaApp(strapi);
  let checks: FrontDoorCheck[] | undefined;
  let enabledChecks: FrontDoorCheck[] | undefined;
  const checksNow = () => (checks ??= settings.checks.map((check) => strapi.service(check.service as never) as unknown as FrontDoorCheck));
  // Under the names' own case, as the middlewares set them; less Vary, which the answer extends. A
  // list, not an object: a copy of an object with these keys for each hit outlived V8's young
  // collections (9 ms pauses instead of 1.6), and hits cost 0.13 ms of CPU instead of 0.10.
  let capturedHeaders: HeaderList | undefined;
  let capturedVary = '';
  // Asked per request, as public-api's request log does: the level can change while the app runs.
  const logsRequests = () => (strapi.log as { isLevelEnabled?: (level: string) => boolean }).isLevelEnabled?.('http') ?? true;
  let answered = 0;
  const keysByUrl = new Map<string, string | null>();

  /** The request's cache key, or undefined when no stored answer can be for it (another path, a query no route reads). */
  const keyOf = (request: IncomingMessage, response: ServerResponse): string | undefined => {
    const compute = () => {
      const ctx = koa.createContext(request, response) as Context;
      return ctx.path.startsWith(answers.apiPrefix) ? answers.keyFor(ctx) : undefined;
    };
    // Keys then hold the request's origin, which the URL does not give.
    if (answers.answersDependOnHost) return compute();
    const url = request.url ?? '/';
    let key = keysByUrl.get(url);
    if (key === undefined) {
      key = compute() ?? null;
      if (keysByUrl.size >= REMEMBERED_URLS) keysByUrl.clear();
      keysByUrl.set(url, key);
    }
    return key ?? undefined;
  };

  /** Runs the checks (the rate limit) on a Koa context of the request; they set their headers on the response. */
  const admitted = (request: IncomingMessage, response: ServerResponse): boolean | Promise<boolean> => {
    const active = (enabledChecks ??= checksNow().filter((check) => check.enabled()));
    if (active.length === 0) return true;
    const ctx = koa.createContext(request, response) as Context;
    const from = (index: number): boolean | Promise<boolean> => {
      for (let at = index; at < active.length; at += 1) {
        const admit = active[at].admit(ctx);
        if (admit instanceof Promise) return admit.then((admitted) => admitted && from(at + 1));
        if (!admit) return false;
      }
      return true;
    };
    return from(0);
  };

  // What serve-cached and Koa's `respond` send for a stored answer: 304 when the client's copy is
  // fresh (Koa then drops the body and its headers), no body for HEAD.
  const write = (request: IncomingMessage, response: ServerResponse, stored: CachedResponse, cacheControl: string, started: number) => {
    const headers: HeaderList = [...(capturedHeaders ?? []), CACHE_STATUS_HEADER, 'hit', 'ETag', stored.etag];
    if (stored.surrogateKeys) headers.push(SURROGATE_KEY_HEADER, stored.surrogateKeys);
    headers.push('Vary', vary.append(capturedVary, VARY_HEADER), 'Cache-Control', cacheControl);
    const notModified = fresh(request.headers, { etag: stored.etag });
    if (!notModified) headers.push('Content-Type', stored.type, 'Content-Length', stored.body.length);
    const status = notModified ? 304 : 200;
    response.writeHead(status, headers);
    if (notModified || request.method === 'HEAD') response.end();
    else response.end(stored.body);
    answered += 1;
    if (logsRequests()) strapi.log.http(`${request.method} ${request.url} (${Math.ceil(Date.now() - started)} ms) ${status}`);
  };

  /** True once answered; false to hand the request over, before anything was written. */
  const serveAt = (
    request: IncomingMessage,
    response: ServerResponse,
    key: string,
    instant: Date,
    version: string,
    started: number
  ): boolean | Promise<boolean> => {
    const stored = answers.responses.get(key, version, instant.getTime());
    if (!stored) return false;
    const admission = admitted(request, response);
    const cacheControl = answers.publicCacheControl(instant, version);
    if (admission === true && typeof cacheControl === 'string') {
      write(request, response, stored, cacheControl, started);
      return true;
    }
    return Promise.all([admission, cacheControl]).then(([admit, header]) => {
      if (admit) write(request, response, stored, header, started);
      return admit;
    });
  };

  const serve = (request: IncomingMessage, response: ServerResponse, started: number): boolean | Promise<boolean> => {
    const key = keyOf(request, response);
    if (key === undefined) return false;
    const instant = now();
    const version = contentVersionNow(strapi);
    return typeof version === 'string'
      ? serveAt(request, response, key, instant, version, started)
      : version.then((current) => serveAt(request, response, key, instant, current, started));
  };

  return {
    /** Answers served here since boot (tests check that the door is used). */
    answered: () => answered,
    /**
     * Called by serve-cached for each request it sees: the first one the front door may answer
     * gives the headers the middlewares before it set, less those a check sets per request.
     */
    captureHeaders(ctx: Context) {
      if (capturedHeaders !== undefined || !mayAnswer(ctx.req)) return;
      const perRequest = new Set(
        [...checksNow().flatMap((check) => check.headerNames), ...SET_PER_ANSWER].map((name) => name.toLowerCase())
      );
      // Node has it since 15.1; @types/node 20 does not declare it.
      const raw = (ctx.res as ServerResponse & { getRawHeaderNames(): string[] }).getRawHeaderNames();
      capturedVary = ctx.res.getHeader('Vary')?.toString() ?? '';
      capturedHeaders = raw
        .filter((name) => !perRequest.has(name.toLowerCase()))
        .flatMap((name) => [name, ctx.res.getHeader(name) as HeaderValue]);
    },
    /** Answers the request, or gives it to `next` (Koa) as it came. */
    handle: (request: IncomingMessage, response: ServerResponse, next: (request: IncomingMessage, response: ServerResponse) => void) => {
      if (capturedHeaders === undefined || !mayAnswer(request)) {
        next(request, response);
        return;
      }
      const handOver = () => {
        // What a check set on the response (the rate limit's headers) is the middlewares' to set again.
        for (const name of response.getHeaderNames()) response.removeHeader(name);
        response.statusCode = 200;
        next(request, response);
      };
      const failed = (error: unknown) => {
        strapi.log.warn(`[response-cache] front door: ${error instanceof Error ? error.message : String(error)}; served by Koa`);
        if (!response.headersSent) handOver();
      };
      let outcome: boolean | Promise<boolean>;
      try {
        outcome = serve(request, response, Date.now());
      } catch (error) {
        failed(error);
        return;
      }
      if (outcome === false) handOver();
      else if (outcome !== true) outcome.then((served) => served || handOver(), failed);
    },
  };
};

export type FrontDoor = ReturnType<typeof createFrontDoor>;

const doors = new WeakMap<Core.Strapi, FrontDoor>();

/** The instance's front door, once opened at bootstrap. */
export const frontDoorOf = (strapi: Core.Strapi): FrontDoor | undefined => doors.get(strapi);

/**
 * Puts the front door before Koa, unless it is off, the cache is off, or a middleware before
 * serve-cached has no stand-in (then a warning names it).
 */
export const openFrontDoor = (strapi: Core.Strapi, settings: ResponseCacheSettings): void => {
  if (!settings.frontDoor.enabled || settings.maxMb === 0) return;
  const missing = middlewaresWithoutStandIn(strapi.config.get<unknown[]>('middlewares', []), settings.frontDoor);
  if (missing.length > 0) {
    strapi.log.warn(
      `[response-cache] front door closed: no stand-in for ${missing.join(', ')} (placed before ${SERVE_CACHED}); ` +
        'stored answers are served by serve-cached'
    );
    return;
  }
  const door = createFrontDoor(strapi, settings.frontDoor);
  doors.set(strapi, door);
  beforeKoa(strapi, door.handle);
};

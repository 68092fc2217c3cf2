import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Core } from '@strapi/strapi';
import { publicAnswersOf, type LookupState } from '../http-cache/publicAnswers';
import { contentVersionNow } from '../content-version/contentVersion';
import { beforeKoa, koaApp, type KoaApp } from '../strapiInternals';
import type { ResponseCacheSettings } from '../settings';
import { now } from '../../../../lib/clock/clock';

type Context = Parameters<Core.MiddlewareHandler>[0];
type HeaderValue = number | string | string[];

/** A service standing in for a middleware before serve-cached that decides per request (the rate limit). */
export type FrontDoorCheck = {
  /** Headers it sets on each request: never part of the headers captured from the other middlewares. */
  headerNames: readonly string[];
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

/**
 * Answers a repeated anonymous public read from Node's `request` event, before Koa: the same
 * answer, byte for byte and header for header, that serve-cached gives after the middlewares
 * placed before it (logger, errors, security headers, CORS, rate limit). Those set the same headers
 * on every such request, so they are taken from the first one that reaches serve-cached; the rate
 * limit, which decides per request, is run through its service (`checks`); the log line is Strapi's.
 * Anything else goes to Koa untouched: a miss, a query no route reads, a request with credentials,
 * a cookie or an `Origin` (CORS answers it per origin).
 */
export const createFrontDoor = (strapi: Core.Strapi, settings: ResponseCacheSettings['frontDoor']) => {
  const answers = publicAnswersOf(strapi);
  const koa: KoaApp = koaApp(strapi);
  let checks: FrontDoorCheck[] | undefined;
  const checksNow = () => (checks ??= settings.checks.map((check) => strapi.service(check.service as never) as unknown as FrontDoorCheck));
  let capturedHeaders: Array<[string, HeaderValue]> | undefined;
  const logsRequests = (strapi.log as { isLevelEnabled?: (level: string) => boolean }).isLevelEnabled?.('http') ?? true;
  let answered = 0;

  const clearHeaders = (response: ServerResponse) => {
    for (const name of response.getHeaderNames()) response.removeHeader(name);
  };

  // What Koa's `respond` does with the answer serve-cached leaves on the context.
  const respond = (ctx: Context) => {
    if (ctx.method === 'HEAD' || ctx.body === null || ctx.body === undefined) ctx.res.end();
    else ctx.res.end(ctx.body as Buffer);
  };

  const answer = async (ctx: Context, started: number): Promise<boolean> => {
    const key = answers.keyFor(ctx);
    if (key === undefined) return false;
    const instant = now();
    const state = ctx.state as LookupState;
    state.contentVersion = await contentVersionNow(strapi);
    if (!answers.responses.holds(key, state.contentVersion, instant.getTime())) return false;
    for (const [name, value] of capturedHeaders ?? []) ctx.res.setHeader(name, value);
    for (const check of checksNow()) if (!(await check.admit(ctx))) return false;
    if (!(await answers.serveStored(ctx, key, instant))) return false;
    respond(ctx);
    answered += 1;
    if (logsRequests) strapi.log.http(`${ctx.method} ${ctx.url} (${Math.ceil(Date.now() - started)} ms) ${ctx.status}`);
    return true;
  };

  return {
    /** Answers served here since boot (tests check that the door is used). */
    answered: () => answered,
    isOpen: () => capturedHeaders !== undefined,
    /**
     * Called by serve-cached for each request it sees: the first one the front door may answer
     * gives the headers the middlewares before it set, less those a check sets per request.
     */
    captureHeaders(ctx: Context) {
      if (capturedHeaders !== undefined || !mayAnswer(ctx.req)) return;
      const perRequest = new Set(checksNow().flatMap((check) => check.headerNames.map((name) => name.toLowerCase())));
      capturedHeaders = Object.entries(ctx.res.getHeaders())
        .filter(([name]) => !perRequest.has(name))
        .map(([name, value]) => [name, value as HeaderValue]);
    },
    /** Answers the request, or gives it to `next` (Koa) as it came. */
    handle: (request: IncomingMessage, response: ServerResponse, next: (request: IncomingMessage, response: ServerResponse) => void) => {
      if (capturedHeaders === undefined || !mayAnswer(request)) {
        next(request, response);
        return;
      }
      const started = Date.now();
      const ctx = koa.createContext(request, response) as Context;
      if (!ctx.path.startsWith(answers.apiPrefix)) {
        next(request, response);
        return;
      }
      const handOver = () => {
        clearHeaders(response);
        response.statusCode = 200;
        next(request, response);
      };
      answer(ctx, started).then(
        (served) => served || handOver(),
        (error: unknown) => {
          strapi.log.warn(`[response-cache] front door: ${error instanceof Error ? error.message : String(error)}; served by Koa`);
          if (!response.headersSent) handOver();
        }
      );
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

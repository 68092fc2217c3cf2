import type { Core } from '@strapi/strapi';

type Context = Parameters<Core.MiddlewareHandler>[0];

/**
 * What the response-cache plugin serves as `plugin::response-cache.content-version`: a version that
 * moves with every write a public reader could see (see that plugin's README).
 */
export type ContentVersionService = {
  /** The version for the current request (read once per request), or a fresh one outside requests. */
  current(): Promise<string>;
  /** Runs writes that change nothing a reader sees without moving the version. */
  asBookkeeping<T>(write: () => Promise<T>): Promise<T>;
};

/** What it serves as `plugin::response-cache.streamed-caching`: ETag and caching headers for an answer streamed as it is read. */
export type StreamedCachingService = {
  prepare(ctx: Context, instant: Date, dimensions: unknown[]): Promise<{ fresh: boolean }>;
};

/** The content version service; undefined without the response-cache plugin, and then nothing may be remembered between requests. */
export const contentVersionService = (strapi: Core.Strapi): ContentVersionService | undefined =>
  strapi.plugin('response-cache')?.service<ContentVersionService>('content-version');

/** Runs bookkeeping writes outside the content version (as they are, without the response-cache plugin). */
export const asBookkeeping = <T>(strapi: Core.Strapi, write: () => Promise<T>): Promise<T> =>
  contentVersionService(strapi)?.asBookkeeping(write) ?? write();

/**
 * Sets the caching headers of a streamed answer and tells whether the client's copy is fresh (a 304).
 * Without the response-cache plugin, no caching headers and never fresh.
 */
export const streamedCaching = async (
  strapi: Core.Strapi,
  ctx: Context,
  instant: Date,
  dimensions: unknown[]
): Promise<{ fresh: boolean }> =>
  (await strapi.plugin('response-cache')?.service<StreamedCachingService>('streamed-caching').prepare(ctx, instant, dimensions)) ?? {
    fresh: false,
  };

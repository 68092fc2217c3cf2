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

/** What a caching proxy or CDN must drop after a write: carried by the webhooks as `purge`. */
export type PurgeTargets = {
  /** Varnish/Fastly surrogate keys (the `Surrogate-Key` header of the answers to drop). */
  surrogateKeys: string[];
  /** API paths whose answers, under any query string, may have changed. */
  paths: string[];
  /** Addresses of the public site's pages that show the document (SITE_PATH_* patterns). */
  pages: string[];
};

/** What it serves as `plugin::response-cache.purge-targets`: the targets of a document's published state as it is now. */
export type PurgeTargetsService = {
  current(document: { uid: string; documentId: string; locale?: string | null }): Promise<PurgeTargets>;
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

/**
 * What a proxy must drop now that a document's published state shows (an `entry.visible` payload's
 * `purge`); undefined without the response-cache plugin, whose answers carry the keys it names.
 */
export const currentPurgeTargets = async (
  strapi: Core.Strapi,
  document: { uid: string; documentId: string; locale?: string | null }
): Promise<PurgeTargets | undefined> => strapi.plugin('response-cache')?.service<PurgeTargetsService>('purge-targets').current(document);

import type { Core } from '@strapi/strapi';

/**
 * HTTP caching of public reads: how long a CDN may keep an answer, and serve it while refreshing;
 * and how much memory the origin gives its own copy of public answers (0 turns it off).
 */
const config = ({ env }: Core.Config.Shared.ConfigParams) => ({
  sMaxAge: env.int('CACHE_S_MAXAGE', 60),
  staleWhileRevalidate: env.int('CACHE_STALE_WHILE_REVALIDATE', 300),
  // How long a CDN may serve an answer while the origin fails (0 = not sent); cut at the next visibility instant too.
  staleIfError: env.int('CACHE_STALE_IF_ERROR', 3600),
  responseCacheMaxMb: env.int('CACHE_RESPONSES_MAX_MB', 64),
  // Caps the entries whatever their size, so many small answers cannot outgrow the budget's overhead estimate.
  responseCacheMaxEntries: env.int('CACHE_RESPONSES_MAX_ENTRIES', 10000),
});

export default config;

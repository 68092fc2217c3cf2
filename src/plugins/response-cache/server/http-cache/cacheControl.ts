/**
 * Every dimension that changes a public response, and so must be part of the cache key. The URL
 * carries most of them (locale, fallback, populate, fields, pagination, filters, status); who is
 * asking (a token may read drafts or embargoed releases) travels in a header, hence `Vary`.
 */
export const CACHE_KEY_DIMENSIONS = {
  inUrl: ['path', 'locale', 'fallback', 'populate', 'fields', 'filters', 'sort', 'pagination', 'status', 'since', 'format'],
  inHeaders: ['Authorization'],
} as const;

export const VARY_HEADER = CACHE_KEY_DIMENSIONS.inHeaders.join(', ');

export type CachePolicy = { sMaxAge: number; staleWhileRevalidate: number };

/**
 * Shared caches (CDNs) may keep a public answer for `s-maxage`, never past the next instant at which
 * something becomes visible (an embargo or a schedule), so nothing appears late by more than a revalidation.
 * Browsers always revalidate (`max-age=0`) and get a 304 when nothing changed.
 */
export const cacheControlFor = (
  policy: CachePolicy,
  options: { authenticated: boolean; now: Date; nextVisibilityChange?: Date }
): string => {
  if (options.authenticated) return 'private, no-cache';
  let sMaxAge = policy.sMaxAge;
  if (options.nextVisibilityChange) {
    const secondsLeft = Math.ceil((options.nextVisibilityChange.getTime() - options.now.getTime()) / 1000);
    sMaxAge = Math.max(0, Math.min(sMaxAge, secondsLeft));
  }
  const swr = sMaxAge === 0 ? 0 : policy.staleWhileRevalidate;
  return `public, max-age=0, s-maxage=${sMaxAge}, stale-while-revalidate=${swr}`;
};

/**
 * Every dimension that changes a public response, and so must be part of the cache key. The URL
 * carries most of them (locale, fallback, populate, fields, pagination, filters, status); who is
 * asking (a token may read drafts or embargoed releases) travels in a header, hence `Vary`.
 */
export const CACHE_KEY_DIMENSIONS = {
  inUrl: [
    'path',
    'locale',
    'fallback',
    'populate',
    'fields',
    'filters',
    'sort',
    'pagination',
    'status',
    'since',
    'format',
    'q',
    'type',
    'kind',
  ],
  inHeaders: ['Authorization'],
} as const;

export const VARY_HEADER = CACHE_KEY_DIMENSIONS.inHeaders.join(', ');

export type CachePolicy = { sMaxAge: number; staleWhileRevalidate: number; staleIfError?: number };

/**
 * Shared caches (CDNs, proxies) may keep a public answer for `s-maxage`, and then serve it stale for
 * `stale-while-revalidate` (while refreshing) or `stale-if-error` (while the origin fails). None of
 * the three reaches past the next instant at which something becomes visible (an embargo or a
 * schedule), so no cache shows the page from before a lift after it (within a proxy's whole-second
 * clock): all three are cut to the whole seconds left until the instant.
 * Browsers always revalidate (`max-age=0`) and get a 304 when nothing changed.
 */
export const cacheControlFor = (
  policy: CachePolicy,
  options: { authenticated: boolean; now: Date; nextVisibilityChange?: Date }
): string => {
  if (options.authenticated) return 'private, no-cache';
  let sMaxAge = policy.sMaxAge;
  let staleLimit = Infinity;
  if (options.nextVisibilityChange) {
    // Whole seconds left, rounded down: nginx counts lifetimes in whole seconds of its own clock, so
    // a rounded-up s-maxage could keep the page from before the lift until nearly two seconds after.
    const secondsLeft = Math.max(0, Math.floor((options.nextVisibilityChange.getTime() - options.now.getTime()) / 1000));
    sMaxAge = Math.min(sMaxAge, secondsLeft);
    staleLimit = secondsLeft - sMaxAge;
  }
  const stale = (seconds: number) => (sMaxAge === 0 ? 0 : Math.min(seconds, staleLimit));
  const staleIfError = policy.staleIfError ? `, stale-if-error=${stale(policy.staleIfError)}` : '';
  return `public, max-age=0, s-maxage=${sMaxAge}, stale-while-revalidate=${stale(policy.staleWhileRevalidate)}${staleIfError}`;
};

import { ALLOWED_QUERY_PARAM_KEYS } from '@strapi/utils';

/**
 * Query parameters of our own routes, beside Strapi's: `fallback` on every read of a content type
 * (see src/plugins/public-api/server/rest/localeQuery.ts), `since` and `format` on the newsletter digest.
 */
export const PASSERELLE_QUERY_PARAMS = ['fallback', 'since', 'format'] as const;

/** Every query parameter some Content API route of ours reads: Strapi's own list plus ours. */
export const KNOWN_QUERY_PARAMS: ReadonlySet<string> = new Set([...ALLOWED_QUERY_PARAM_KEYS, ...PASSERELLE_QUERY_PARAMS]);

export const unknownQueryParams = (query: Record<string, unknown>): string[] => Object.keys(query).filter((key) => !KNOWN_QUERY_PARAMS.has(key));

/**
 * The key of a public answer in the response cache: the path and the parameters in one canonical
 * order, so `?locale=fr&sort=title` and `?sort=title&locale=fr` share an entry. Only top-level
 * parameters are reordered; inside one (a `sort` list, a `populate` tree) order can carry meaning.
 * A query with a parameter no route reads has no key: such a request is never stored, so junk
 * parameters cannot fill the cache (the routes that validate their query refuse them anyway).
 */
export const cacheKeyFor = (path: string, query: Record<string, unknown>, origin?: string): string | undefined => {
  if (unknownQueryParams(query).length > 0) return undefined;
  const canonical = Object.keys(query)
    .sort()
    .map((key) => `${key}=${JSON.stringify(query[key] ?? null)}`)
    .join('&');
  return `${origin ?? ''}${path}${canonical ? `?${canonical}` : ''}`;
};

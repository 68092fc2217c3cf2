import { STRAPI_QUERY_PARAMS } from '../strapiInternals';

/** Every query parameter some Content API route reads: Strapi's own list plus the app's (config `queryParams`). */
export const knownQueryParams = (appParams: readonly string[]): ReadonlySet<string> => new Set([...STRAPI_QUERY_PARAMS, ...appParams]);

export const unknownQueryParams = (query: Record<string, unknown>, known: ReadonlySet<string>): string[] =>
  Object.keys(query).filter((key) => !known.has(key));

/**
 * The key of a public answer in the response cache: the path and the parameters in one canonical
 * order, so `?locale=fr&sort=title` and `?sort=title&locale=fr` share an entry. Only top-level
 * parameters are reordered; inside one (a `sort` list, a `populate` tree) order can carry meaning.
 * A query with a parameter no route reads has no key: such a request is never stored, so junk
 * parameters cannot fill the cache (the routes that validate their query refuse them anyway).
 */
export const cacheKeyFor = (
  path: string,
  query: Record<string, unknown>,
  known: ReadonlySet<string>,
  origin?: string
): string | undefined => {
  if (unknownQueryParams(query, known).length > 0) return undefined;
  const canonical = Object.keys(query)
    .sort()
    .map((key) => `${key}=${JSON.stringify(query[key] ?? null)}`)
    .join('&');
  return `${origin ?? ''}${path}${canonical ? `?${canonical}` : ''}`;
};

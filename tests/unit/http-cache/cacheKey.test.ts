import fc from 'fast-check';
import {
  cacheKeyFor as cacheKeyWith,
  knownQueryParams,
  unknownQueryParams as unknownWith,
} from '../../../src/plugins/response-cache/server/http-cache/cacheKey';

// The app's own parameters, as config/plugins.ts gives them (`response-cache.queryParams`).
const KNOWN_QUERY_PARAMS = knownQueryParams(['fallback', 'since', 'format']);
const cacheKeyFor = (path: string, query: Record<string, unknown>, origin?: string) =>
  cacheKeyWith(path, query, KNOWN_QUERY_PARAMS, origin);
const unknownQueryParams = (query: Record<string, unknown>) => unknownWith(query, KNOWN_QUERY_PARAMS);

describe('cacheKeyFor', () => {
  it('gives equivalent query strings one key, whatever the order of their parameters', () => {
    const a = cacheKeyFor('/api/articles', { locale: 'fr', sort: 'title:asc', pagination: { page: '2' } });
    const b = cacheKeyFor('/api/articles', { pagination: { page: '2' }, sort: 'title:asc', locale: 'fr' });
    expect(a).toBe(b);
    expect(a).toBe('/api/articles?locale="fr"&pagination={"page":"2"}&sort="title:asc"');
  });

  it('keeps the order inside a parameter, where it means something', () => {
    expect(cacheKeyFor('/api/articles', { sort: ['title', 'publishedAt'] })).not.toBe(
      cacheKeyFor('/api/articles', { sort: ['publishedAt', 'title'] })
    );
  });

  it('tells apart paths, values and origins', () => {
    expect(cacheKeyFor('/api/articles', {})).toBe('/api/articles');
    expect(cacheKeyFor('/api/articles', { locale: 'fr' })).not.toBe(cacheKeyFor('/api/articles', { locale: 'en' }));
    expect(cacheKeyFor('/api/articles', {}, 'http://a.test')).toBe('http://a.test/api/articles');
  });

  it('gives no key to a query with a parameter that no route reads', () => {
    expect(cacheKeyFor('/api/articles', { locale: 'fr', utm_source: 'x' })).toBeUndefined();
    expect(unknownQueryParams({ locale: 'fr', junk1: '', fallback: 'true', since: '2026-01-01', format: 'html' })).toEqual(['junk1']);
  });

  it('keeps every parameter our routes read', () => {
    for (const param of ['filters', 'sort', 'fields', 'populate', 'pagination', 'locale', 'status', 'fallback', 'since', 'format']) {
      expect(KNOWN_QUERY_PARAMS.has(param)).toBe(true);
    }
  });

  it('is the same key for any permutation of the same parameters (property)', () => {
    const known = [...KNOWN_QUERY_PARAMS];
    fc.assert(
      fc.property(fc.uniqueArray(fc.tuple(fc.constantFrom(...known), fc.string()), { selector: ([key]) => key, maxLength: 6 }), (pairs) => {
        const forward = Object.fromEntries(pairs);
        const backward = Object.fromEntries([...pairs].reverse());
        expect(cacheKeyFor('/api/x', forward)).toBe(cacheKeyFor('/api/x', backward));
      })
    );
  });
});

import { createResponseCache, type StoredResponse } from '../../../src/http-cache/responseCache';

const entry = (overrides: Partial<StoredResponse> = {}): StoredResponse => ({
  body: '{"data":[]}',
  type: 'application/json',
  etag: '"abc"',
  version: '7.1',
  from: 1000,
  until: 61000,
  ...overrides,
});

describe('the response cache', () => {
  it('gives an answer back only for its content version and inside its window', () => {
    const cache = createResponseCache({ maxBytes: 1024 * 1024, maxEntryBytes: 1024 });
    cache.set('/api/articles', entry());
    expect(cache.get('/api/articles', '7.1', 1000)?.etag).toBe('"abc"');
    expect(cache.get('/api/articles', '7.1', 60999)?.etag).toBe('"abc"');
    expect(cache.get('/api/articles', '7.2', 2000)).toBeUndefined();
    // A version mismatch drops the entry for good, even if asked again with the old version.
    expect(cache.get('/api/articles', '7.1', 2000)).toBeUndefined();
  });

  it('ends an answer at its instant, and before its computation (a clock moved back)', () => {
    const cache = createResponseCache({ maxBytes: 1024 * 1024, maxEntryBytes: 1024 });
    cache.set('a', entry());
    expect(cache.get('a', '7.1', 61000)).toBeUndefined();
    cache.set('b', entry());
    expect(cache.get('b', '7.1', 999)).toBeUndefined();
  });

  it('does not keep an answer with no time to live, one too large, or anything when turned off', () => {
    const cache = createResponseCache({ maxBytes: 1024 * 1024, maxEntryBytes: 10 });
    cache.set('large', entry());
    expect(cache.get('large', '7.1', 1000)).toBeUndefined();
    const roomy = createResponseCache({ maxBytes: 1024 * 1024, maxEntryBytes: 1024 });
    roomy.set('expired', entry({ until: 1000 }));
    expect(roomy.get('expired', '7.1', 1000)).toBeUndefined();
    const off = createResponseCache({ maxBytes: 0, maxEntryBytes: 1024 });
    off.set('a', entry());
    expect(off.get('a', '7.1', 1000)).toBeUndefined();
  });

  it('forgets the least recently used answers beyond its memory budget', () => {
    const cache = createResponseCache({ maxBytes: 3 * (11 + 200), maxEntryBytes: 1024 });
    for (const key of ['a', 'b', 'c']) cache.set(key, entry());
    cache.get('a', '7.1', 1000);
    cache.set('d', entry());
    expect(cache.get('b', '7.1', 1000)).toBeUndefined();
    expect(['a', 'c', 'd'].map((key) => cache.get(key, '7.1', 1000)?.etag)).toEqual(['"abc"', '"abc"', '"abc"']);
  });
});

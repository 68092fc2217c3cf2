import {
  bookkeepingBytes,
  createResponseCache,
  entryBytes,
  type NewResponse,
} from '../../../src/plugins/response-cache/server/http-cache/responseCache';
import { CHUNK_BYTES, CHUNK_OBJECT_BYTES } from '../../../src/plugins/response-cache/server/http-cache/bodyPool';

const entry = (overrides: Partial<NewResponse> = {}): NewResponse => ({
  body: '{"data":[]}',
  type: 'application/json',
  etag: '"abc"',
  version: '7.1',
  from: 1000,
  until: 61000,
  ...overrides,
});

const roomy = { maxBytes: 8 * 1024 * 1024, maxEntryBytes: 64 * 1024, maxEntries: 1000 };
const small = entryBytes('a', entry(), Buffer.byteLength(entry().body));
/** A budget for these entries' own costs, beside lru-cache's fixed arrays. */
const budgetFor = (entriesBytes: number, maxEntries = roomy.maxEntries) => entriesBytes + bookkeepingBytes(maxEntries);

describe('the response cache', () => {
  it('gives an answer back only for its content version and inside its window', () => {
    const cache = createResponseCache(roomy);
    cache.set('/api/articles', entry());
    expect(cache.get('/api/articles', '7.1', 1000)?.etag).toBe('"abc"');
    expect(cache.get('/api/articles', '7.1', 60999)?.etag).toBe('"abc"');
    expect(cache.get('/api/articles', '7.2', 2000)).toBeUndefined();
    // A version mismatch drops the entry for good, even if asked again with the old version.
    expect(cache.get('/api/articles', '7.1', 2000)).toBeUndefined();
  });

  it('ends an answer at its instant, and before its computation (a clock moved back)', () => {
    const cache = createResponseCache(roomy);
    cache.set('a', entry());
    expect(cache.get('a', '7.1', 61000)).toBeUndefined();
    cache.set('b', entry());
    expect(cache.get('b', '7.1', 999)).toBeUndefined();
  });

  it('does not keep an answer with no time to live, one too large, or anything when turned off', () => {
    const cache = createResponseCache({ ...roomy, maxEntryBytes: small - 1 });
    cache.set('large', entry());
    expect(cache.get('large', '7.1', 1000)).toBeUndefined();
    const other = createResponseCache(roomy);
    other.set('expired', entry({ until: 1000 }));
    expect(other.get('expired', '7.1', 1000)).toBeUndefined();
    const off = createResponseCache({ ...roomy, maxBytes: 0 });
    off.set('a', entry());
    expect(off.get('a', '7.1', 1000)).toBeUndefined();
  });

  it('forgets the least recently used answers beyond its memory budget', () => {
    const cache = createResponseCache({ ...roomy, maxBytes: budgetFor(3 * small) });
    for (const key of ['a', 'b', 'c']) cache.set(key, entry());
    cache.get('a', '7.1', 1000);
    cache.set('d', entry());
    expect(cache.get('b', '7.1', 1000)).toBeUndefined();
    expect(['a', 'c', 'd'].map((key) => cache.get(key, '7.1', 1000)?.etag)).toEqual(['"abc"', '"abc"', '"abc"']);
  });

  it('counts French text in UTF-8 bytes, not characters, in whole chunks', () => {
    // « ’ » and « é » take 3 and 2 bytes: these 5,000 characters weigh 9,000 bytes, three 4 KB chunks.
    const french = 'l’été'.repeat(1000);
    expect(Buffer.byteLength(french)).toBe(9000);
    const cache = createResponseCache(roomy);
    cache.set('k', entry({ body: french }));
    expect(cache.stats().bytes).toBe(entryBytes('k', entry(), 9000) + bookkeepingBytes(roomy.maxEntries));
    expect(cache.stats().bytes).toBeGreaterThanOrEqual(3 * (CHUNK_BYTES + CHUNK_OBJECT_BYTES));
    expect(cache.get('k', '7.1', 1000)?.body.toString()).toBe(french);
    // A budget that the characters would fit in but the chunks do not keeps nothing.
    const tight = createResponseCache({ ...roomy, maxBytes: budgetFor(2 * CHUNK_BYTES + 2000) });
    tight.set('k', entry({ body: french }));
    expect(tight.stats().entries).toBe(0);
  });

  it('counts the key: long keys fill the budget as bodies do', () => {
    const longKey = (n: number) => `/api/articles?filters=${'x'.repeat(4000)}${String(n).padStart(3, '0')}`;
    const budget = budgetFor(10 * entryBytes(longKey(0), entry(), 11));
    const cache = createResponseCache({ ...roomy, maxBytes: budget });
    for (let n = 0; n < 100; n += 1) cache.set(longKey(n), entry());
    expect(cache.stats().entries).toBe(10);
    expect(cache.stats().bytes).toBeLessThanOrEqual(budget);
  });

  it('holds no more entries than its cap, however small they are', () => {
    const cache = createResponseCache({ ...roomy, maxEntries: 50 });
    for (let n = 0; n < 500; n += 1) cache.set(`/api/articles?page=${n}`, entry());
    expect(cache.stats().entries).toBe(50);
    expect(cache.get('/api/articles?page=499', '7.1', 1000)?.etag).toBe('"abc"');
    expect(cache.get('/api/articles?page=0', '7.1', 1000)).toBeUndefined();
  });

  it('lets an expired answer leave memory by itself, without waiting to be evicted or asked for', async () => {
    const cache = createResponseCache({ ...roomy, purgeEveryMs: 20 });
    cache.set('short', entry({ from: 1000, until: 1030 }));
    cache.set('long', entry({ from: 1000, until: 61000 }));
    expect(cache.stats().entries).toBe(2);
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(cache.stats().entries).toBe(1);
    expect(cache.stats().bytes).toBe(entryBytes('long', entry(), 11) + bookkeepingBytes(roomy.maxEntries));
  });

  it('makes no timer per entry: a timer would keep the storing request alive until it fires', () => {
    const cache = createResponseCache(roomy);
    const timers = jest.spyOn(global, 'setTimeout');
    try {
      for (let n = 0; n < 100; n += 1) cache.set(`/api/articles?page=${n}`, entry());
      expect(timers).not.toHaveBeenCalled();
    } finally {
      timers.mockRestore();
    }
  });
});

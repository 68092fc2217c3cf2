import fc from 'fast-check';
import { CHUNK_BYTES, createBodyPool } from '../../../src/plugins/response-cache/server/http-cache/bodyPool';
import { createResponseCache } from '../../../src/plugins/response-cache/server/http-cache/responseCache';

describe('the body pool', () => {
  it('gives back every body byte for byte, whatever its size and characters', () => {
    const pool = createBodyPool(4 * 1024 * 1024);
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 3 * CHUNK_BYTES }), (text) => {
        const body = pool.store(text);
        expect(body && pool.read(body).toString()).toBe(Buffer.from(text).toString());
        if (body) pool.release(body);
      })
    );
  });

  it('never holds more than its budget, and reuses chunks rather than allocating more', () => {
    const pool = createBodyPool(10 * CHUNK_BYTES);
    const first = pool.store('x'.repeat(4 * CHUNK_BYTES));
    const second = pool.store('y'.repeat(6 * CHUNK_BYTES));
    if (!first || !second) throw new Error('the pool refused a body within its budget');
    expect(pool.store('z')).toBeUndefined();
    expect(pool.heldBytes()).toBe(10 * CHUNK_BYTES);
    pool.release(first);
    const again = pool.store('w'.repeat(3 * CHUNK_BYTES + 1));
    expect(again && pool.read(again).toString()).toBe('w'.repeat(3 * CHUNK_BYTES + 1));
    expect(pool.heldBytes()).toBe(10 * CHUNK_BYTES);
  });

  it('keeps the cache’s pool within its budget as answers of every size turn over', () => {
    const maxBytes = 2 * 1024 * 1024;
    const cache = createResponseCache({ maxBytes, maxEntryBytes: 512 * 1024, maxEntries: 10000 });
    const meta = { type: 'application/json', etag: '"e"', version: '1', from: 0, until: 60000 };
    for (let n = 0; n < 2000; n += 1) {
      const body = `{"data":"${'l’été '.repeat((n * 7919) % 20000)}"}`;
      cache.set(`/api/articles?page=${n}`, { ...meta, body });
      const back = cache.get(`/api/articles?page=${n}`, '1', 1);
      if (back) expect(back.body.toString()).toBe(body);
    }
    expect(cache.stats().poolBytes).toBeLessThanOrEqual(maxBytes);
    expect(cache.stats().bytes).toBeLessThanOrEqual(maxBytes);
    expect(cache.stats().entries).toBeGreaterThan(5);
  });
});

import v8 from 'node:v8';
import vm from 'node:vm';
import { createResponseCache } from '../../../src/plugins/response-cache/server/http-cache/responseCache';

// A full collection on demand, without starting Jest with --expose-gc.
v8.setFlagsFromString('--expose-gc');
const collectGarbage = vm.runInNewContext('gc') as () => void;

/** JS heap plus Buffers, after full collections: what the process holds for JS values. */
const heldBytes = () => {
  for (let i = 0; i < 4; i += 1) collectGarbage();
  const usage = process.memoryUsage();
  return usage.heapUsed + usage.arrayBuffers;
};

const FRENCH = 'L’atelier « DéClics Numériques » a réuni des jeunes d’Occitanie : c’était l’été. ';

describe('the response cache’s count of its memory', () => {
  it.each([
    ['French answers of 2 to 40 KB with long keys', 1500, (n: number) => FRENCH.repeat(25 + ((n * 37) % 500)), 3000],
    ['small French answers with very long keys', 3000, () => `{"data":[],"note":"${FRENCH}"}`, 6000],
  ])('covers what it really holds: %s', (_label, count, bodyOf, keyLength) => {
    const before = heldBytes();
    const cache = createResponseCache({ maxBytes: 512 * 1024 * 1024, maxEntryBytes: 1024 * 1024, maxEntries: 10000 });
    for (let n = 0; n < count; n += 1) {
      // A key with ’ is held two bytes a character by V8; a long one, as a client may send.
      const key = `/api/articles?filters=${JSON.stringify({ title: { $ne: `l’été ${n} ${'x'.repeat(keyLength)}` } })}`;
      cache.set(key, {
        body: `{"data":"${bodyOf(n)}"}`,
        type: 'application/json',
        etag: `"${n.toString(36).padStart(27, 'e')}"`,
        version: `${n}.1`,
        from: 0,
        until: 60000,
      });
    }
    const real = heldBytes() - before;
    const { entries, bytes } = cache.stats();
    expect(entries).toBe(count);
    // Printed for the record; the assertion is only that the count is not below what is held.
    console.log(`${_label}: ${count} entries, charged ${(bytes / 1048576).toFixed(1)} MB, measured ${(real / 1048576).toFixed(1)} MB`);
    expect(real).toBeLessThanOrEqual(bytes);
    // And the count is a count, not a guess far above: within 15 % of what is held.
    expect(bytes).toBeLessThanOrEqual(real * 1.15);
  });
});

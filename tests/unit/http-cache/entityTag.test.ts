import fc from 'fast-check';
import { xxhash128 } from 'hash-wasm';
import { entityTagOf, loadEntityTagHash } from '../../../src/plugins/response-cache/server/http-cache/entityTag';

/**
 * Every answer's ETag comes from one hasher, reused from answer to answer (entityTag.ts): nothing of
 * one answer may stay in it for the next. Random answers, hashed one after the other in random order,
 * each get the XXH3-128 of their own bytes alone (hash-wasm's one-shot function, a fresh state each
 * time), and two answers get the same tag only when their bytes are the same.
 */
const answerBytes = fc.oneof(
  { arbitrary: fc.uint8Array({ maxLength: 4096 }), weight: 4 },
  { arbitrary: fc.string({ unit: 'grapheme', maxLength: 2000 }).map((text) => new Uint8Array(Buffer.from(text))), weight: 4 },
  // A list page's size: the hash's block loop, past WebAssembly's first memory page.
  { arbitrary: fc.uint8Array({ minLength: 150_000, maxLength: 200_000 }), weight: 1 }
);

const referenceTag = async (bytes: Uint8Array) => `"${Buffer.from(await xxhash128(bytes), 'hex').toString('base64url')}"`;

describe('answer ETags', () => {
  it('refuses to hash before the hash is loaded (the plugin register loads it)', () => {
    expect(() => entityTagOf('{}')).toThrow(/loadEntityTagHash/);
  });

  it('tags each answer by its own bytes alone, whatever was hashed before it', async () => {
    await loadEntityTagHash();
    await fc.assert(
      fc.asyncProperty(fc.array(answerBytes, { minLength: 1, maxLength: 8 }), async (answers) => {
        const tags = answers.map((bytes) => entityTagOf(bytes));
        for (const [index, bytes] of answers.entries()) {
          expect(tags[index]).toBe(await referenceTag(bytes));
          expect(tags[index]).toMatch(/^"[A-Za-z0-9_-]{22}"$/);
          for (const [other, otherBytes] of answers.entries())
            expect(tags[index] === tags[other]).toBe(Buffer.from(bytes).equals(Buffer.from(otherBytes)));
        }
      }),
      { numRuns: 60 }
    );
  });

  it('tags a text answer as the UTF-8 bytes it is sent as', async () => {
    await loadEntityTagHash();
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 500 }), (text) => {
        expect(entityTagOf(text)).toBe(entityTagOf(Buffer.from(text, 'utf8')));
      })
    );
  });
});

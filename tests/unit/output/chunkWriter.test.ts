import fc from 'fast-check';
import { ChunkWriter } from '../../../src/lib/output/chunkWriter';

/** Writes every piece, then hands out all that is left, as a stream's end would. */
const chunksOf = (pieces: string[], chunkBytes: number): Buffer[] => {
  const out = new ChunkWriter(chunkBytes);
  const chunks: Buffer[] = [];
  for (const piece of pieces) {
    out.write(piece);
    chunks.push(...out.take());
  }
  out.flush();
  chunks.push(...out.take());
  return chunks;
};

// Pieces of any Unicode: one-, two-, three- and four-byte characters, which a chunk's end must never cut.
const piece = fc.string({ unit: 'binary', maxLength: 40 });

describe('ChunkWriter', () => {
  it('gives back the UTF-8 of the pieces joined, in order, in chunks no larger than asked unless one piece is', () => {
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 60 }), fc.integer({ min: 8, max: 200 }), (pieces, chunkBytes) => {
        const chunks = chunksOf(pieces, chunkBytes);
        expect(Buffer.concat(chunks).equals(Buffer.from(pieces.join('')))).toBe(true);
        for (const chunk of chunks) {
          expect(chunk.length).toBeGreaterThan(0);
          const alone = pieces.some((text) => text.length * 3 > chunkBytes && Buffer.from(text).equals(chunk));
          if (!alone) expect(chunk.length).toBeLessThanOrEqual(chunkBytes);
        }
        // Every chunk decodes on its own: no character is split between two.
        expect(chunks.map((chunk) => chunk.toString('utf8')).join('')).toBe(pieces.join(''));
      }),
      { numRuns: 500 }
    );
  });

  it('hands out nothing for nothing written', () => {
    expect(chunksOf([], 64)).toEqual([]);
    expect(chunksOf(['', ''], 64)).toEqual([]);
  });
});

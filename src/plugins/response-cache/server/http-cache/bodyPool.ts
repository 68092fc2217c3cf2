/** The unit of storage: a body takes whole chunks, and the budget counts whole chunks. */
export const CHUNK_BYTES = 4 * 1024;
/** Chunks are cut from slabs of this size, allocated once each. */
const SLAB_BYTES = 256 * 1024;
/** The JS object of one chunk (a Uint8Array view on its slab), rounded up. */
export const CHUNK_OBJECT_BYTES = 128;

/** A body kept in pool chunks: its bytes, in order, in `chunks`, the last one filled to `byteLength`. */
export type PooledBody = { chunks: Buffer[]; byteLength: number };

export const chunksFor = (byteLength: number): number => Math.max(1, Math.ceil(byteLength / CHUNK_BYTES));

/**
 * Memory for stored bodies, in fixed-size chunks cut from large slabs that are allocated once and
 * reused, never freed. Why: bodies of every size, each allocated and freed as the cache turned
 * over, left the C allocator holding freed memory it could neither reuse nor give back (64 MB of
 * 100 KB answers turning over: +165 MB resident for 63 MB of bodies, see README "HTTP caching").
 * A chunk always fits the hole another one left, so what the pool holds (`heldBytes`, at most
 * `maxBytes` rounded up to a chunk) is what the process holds for the bodies.
 */
export const createBodyPool = (maxBytes: number) => {
  const slabBytes = SLAB_BYTES;
  const free: Buffer[] = [];
  let slab: Buffer | undefined;
  let carved = 0;
  let held = 0;

  const take = (): Buffer | undefined => {
    const reused = free.pop();
    if (reused) return reused;
    if (!slab || carved + CHUNK_BYTES > slab.byteLength) {
      // The last slab is cut to what is left of the budget.
      const size = Math.min(slabBytes, chunksFor(maxBytes - held) * CHUNK_BYTES);
      if (held >= maxBytes || size <= 0) return undefined;
      // Memory of its own: a Buffer from Node's shared pool would keep a shared slab alive.
      slab = Buffer.allocUnsafeSlow(size);
      held += size;
      carved = 0;
    }
    carved += CHUNK_BYTES;
    return slab.subarray(carved - CHUNK_BYTES, carved);
  };

  const release = (body: PooledBody) => {
    free.push(...body.chunks);
    body.chunks = [];
  };

  return {
    /** Copies the body's bytes (a text's UTF-8) into chunks; undefined when the pool is spent (then nothing is held). */
    store(text: string | Buffer): PooledBody | undefined {
      const bytes = Buffer.isBuffer(text) ? text : Buffer.from(text);
      const body: PooledBody = { chunks: [], byteLength: bytes.byteLength };
      for (let offset = 0; body.chunks.length < chunksFor(bytes.byteLength); offset += CHUNK_BYTES) {
        const chunk = take();
        if (!chunk) {
          release(body);
          return undefined;
        }
        bytes.copy(chunk, 0, offset, Math.min(offset + CHUNK_BYTES, bytes.byteLength));
        body.chunks.push(chunk);
      }
      return body;
    },
    /** A copy for one answer, so the chunks can go back to the pool whenever the entry leaves. */
    read: (body: PooledBody): Buffer => Buffer.concat(body.chunks, body.byteLength),
    release,
    /** Bytes of slabs allocated (chunks in use or free): what the bodies cost the process. */
    heldBytes: () => held,
  };
};

export type BodyPool = ReturnType<typeof createBodyPool>;

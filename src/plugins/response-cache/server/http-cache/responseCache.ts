import { LRUCache } from 'lru-cache';
import { CHUNK_BYTES, CHUNK_OBJECT_BYTES, chunksFor, createBodyPool, type PooledBody } from './bodyPool';

/** What describes a stored answer beside its body. */
type AnswerMeta = {
  /** The Content-Type header as it was sent (charset included). */
  type: string;
  etag: string;
  /** Content version it was computed at: any write elsewhere makes it unusable. */
  version: string;
  /** Clock window (ms since epoch): from its computation to the next visibility instant or its age limit. */
  from: number;
  until: number;
  /** The answer's `Surrogate-Key` header, sent again with each hit. */
  surrogateKeys?: string;
};

/** One public answer as it went out, to store. */
export type NewResponse = AnswerMeta & { body: string | Buffer };
/** One stored answer, as served: the body is this answer's own copy. */
export type CachedResponse = AnswerMeta & { body: Buffer };

type Entry = AnswerMeta & { body: PooledBody };

export type ResponseCacheOptions = { maxBytes: number; maxEntryBytes: number; maxEntries: number; purgeEveryMs?: number };

/**
 * What an entry costs beside its body chunks and strings: the entry and body objects, the strings'
 * headers and lru-cache's bookkeeping. Checked by tests/unit/http-cache/responseCacheMemory.test.ts
 * (measured heap and buffers against this count); rounded up.
 */
export const ENTRY_OVERHEAD_BYTES = 2048;

/**
 * lru-cache's arrays, made for `max` entries whether used or not (keys, values, links, sizes, expiry
 * times): charged once against the budget. Checked against lru-cache 11.
 */
export const bookkeepingBytes = (maxEntries: number): number => maxEntries * 48;

/** Node's timers take at most 2^31 - 1 ms; a longer one would fire at once. */
const MAX_TIMER_MS = 2 ** 31 - 2;

/** A string held by V8 may take two bytes a character (any character outside Latin-1 makes the whole string so). */
const stringBytes = (...texts: string[]) => texts.reduce((sum, text) => sum + 2 * text.length, 0);

/** What one entry is charged against the budget: its body's whole chunks, its key and strings, and the overhead. */
export const entryBytes = (key: string, meta: Pick<AnswerMeta, 'type' | 'etag' | 'version'>, bodyByteLength: number): number =>
  chunksFor(bodyByteLength) * (CHUNK_BYTES + CHUNK_OBJECT_BYTES) +
  stringBytes(key, meta.type, meta.etag, meta.version) +
  ENTRY_OVERHEAD_BYTES;

/**
 * The origin's own copy of public answers, so a repeated read costs a lookup instead of a Document
 * Service query, population and sanitization. Never stale by design: an entry is used only while
 * the content version it was computed at is still current (any write, on any instance, ends it)
 * and while the clock is inside its window (an embargo or a schedule reaching its instant ends it).
 * Its budget holds in real memory: bodies live in a pool of fixed chunks that is never larger than
 * the budget (see bodyPool), and each entry is charged its whole chunks, its key and strings at two
 * bytes a character, and a fixed overhead; the number of entries is capped; and an entry leaves
 * memory when its time is up rather than when it is evicted.
 */
export const createResponseCache = ({ maxBytes, maxEntryBytes, maxEntries, purgeEveryMs = 10_000 }: ResponseCacheOptions) => {
  const fixedBytes = bookkeepingBytes(maxEntries);
  const entriesBudget = maxBytes - fixedBytes;
  const pool = createBodyPool(Math.max(0, entriesBudget));
  const entries =
    entriesBudget > 0 && maxEntries > 0
      ? new LRUCache<string, Entry>({
          max: maxEntries,
          maxSize: entriesBudget,
          // Every way out (eviction, expiry, replacement, deletion) gives the chunks back.
          dispose: (entry) => pool.release(entry.body),
        })
      : undefined;
  // Expired answers are swept by one timer made here, not by lru-cache's `ttlAutopurge`: that makes a
  // timer per entry inside the request that stored it, and a timer keeps the request's async context
  // (Strapi's request context: the whole Koa ctx and its body) alive until it fires. Measured: +76 MB.
  if (entries) setInterval(() => entries.purgeStale(), purgeEveryMs).unref();

  return {
    get(key: string, version: string, time: number): CachedResponse | undefined {
      const entry = entries?.get(key);
      if (!entry) return undefined;
      if (entry.version === version && time >= entry.from && time < entry.until) return { ...entry, body: pool.read(entry.body) };
      entries?.delete(key);
      return undefined;
    },
    set(key: string, { body, ...meta }: NewResponse): void {
      if (!entries || meta.until <= meta.from) return;
      const size = entryBytes(key, meta, Buffer.byteLength(body));
      if (size > maxEntryBytes || size > entriesBudget) return;
      // Room first, so the pool has the chunks: least recently used answers leave (an older copy of this one first).
      entries.delete(key);
      while (entries.size > 0 && (entries.calculatedSize + size > entriesBudget || entries.size >= maxEntries)) entries.pop();
      const pooled = pool.store(body);
      if (!pooled) return;
      // The window is in the server's clock; its length is how long the entry may stay in memory.
      entries.set(key, { ...meta, body: pooled }, { ttl: Math.min(MAX_TIMER_MS, Math.max(1, Math.ceil(meta.until - meta.from))), size });
    },
    /** Entries held, bytes charged (the entries and lru-cache's own arrays), and bytes the body pool holds. */
    stats(): { entries: number; bytes: number; poolBytes: number } {
      if (!entries) return { entries: 0, bytes: 0, poolBytes: 0 };
      return { entries: entries.size, bytes: entries.calculatedSize + fixedBytes, poolBytes: pool.heldBytes() };
    },
  };
};

export type ResponseCache = ReturnType<typeof createResponseCache>;

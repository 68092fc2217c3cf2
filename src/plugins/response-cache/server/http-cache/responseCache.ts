import { LRUCache } from 'lru-cache';

/** One public answer as it went out, and the window in which it is still the right answer. */
export type StoredResponse = {
  /** The body as UTF-8 bytes: what it weighs in memory is what the budget counts. */
  body: Buffer;
  type: string;
  etag: string;
  /** Content version it was computed at: any write elsewhere makes it unusable. */
  version: string;
  /** Clock window (ms since epoch): from its computation to the next visibility instant or its age limit. */
  from: number;
  until: number;
};

export type ResponseCacheOptions = { maxBytes: number; maxEntryBytes: number; maxEntries: number; purgeEveryMs?: number };

/**
 * What an entry costs beside its body and key: the entry object and its strings (type, ETag,
 * version), the Buffer's own header and the LRU's bookkeeping. Checked with
 * `tests/bench/cache-memory.bench.js` (see README, "HTTP caching"); rounded up.
 */
export const ENTRY_OVERHEAD_BYTES = 1024;

/** Node's timers take at most 2^31 - 1 ms; a longer one would fire at once. */
const MAX_TIMER_MS = 2 ** 31 - 2;

/** A key held by V8 may take two bytes a character (any character outside Latin-1 makes the whole string so). */
const keyBytes = (key: string) => 2 * key.length;

/** What one entry is charged against the budget. */
export const entryBytes = (key: string, body: Buffer) => body.byteLength + keyBytes(key) + ENTRY_OVERHEAD_BYTES;

/** A body copied into memory of its own: a small Buffer from Node's pool would keep a whole shared 8 KB slab alive. */
export const ownBytes = (text: string): Buffer => {
  const bytes = Buffer.allocUnsafeSlow(Buffer.byteLength(text));
  bytes.write(text);
  return bytes;
};

/**
 * The origin's own copy of public answers, so a repeated read costs a lookup instead of a Document
 * Service query, population and sanitization. Never stale by design: an entry is used only while
 * the content version it was computed at is still current (any write, on any instance, ends it)
 * and while the clock is inside its window (an embargo or a schedule reaching its instant ends it).
 * Its budget holds in real memory: bodies and keys are counted in bytes with a per-entry overhead,
 * the number of entries is capped, and an entry leaves memory when its time is up rather than when
 * it is evicted.
 */
export const createResponseCache = ({ maxBytes, maxEntryBytes, maxEntries, purgeEveryMs = 10_000 }: ResponseCacheOptions) => {
  const entries =
    maxBytes > 0 && maxEntries > 0
      ? new LRUCache<string, StoredResponse>({
          max: maxEntries,
          maxSize: maxBytes,
          sizeCalculation: (entry, key) => entryBytes(key, entry.body),
        })
      : undefined;
  // Expired answers are swept by one timer made here, not by lru-cache's `ttlAutopurge`: that makes a
  // timer per entry inside the request that stored it, and a timer keeps the request's async context
  // (Strapi's request context: the whole Koa ctx and its body) alive until it fires. Measured: +76 MB.
  if (entries) setInterval(() => entries.purgeStale(), purgeEveryMs).unref();

  return {
    get(key: string, version: string, time: number): StoredResponse | undefined {
      const entry = entries?.get(key);
      if (!entry) return undefined;
      if (entry.version === version && time >= entry.from && time < entry.until) return entry;
      entries?.delete(key);
      return undefined;
    },
    set(key: string, entry: StoredResponse): void {
      if (!entries || entry.until <= entry.from) return;
      const size = entryBytes(key, entry.body);
      if (size > maxEntryBytes || size > maxBytes) return;
      // The window is in the server's clock; its length is how long the entry may stay in memory.
      entries.set(key, entry, { ttl: Math.min(MAX_TIMER_MS, Math.max(1, Math.ceil(entry.until - entry.from))), size });
    },
    /** Entries held and bytes charged, for tests and measurements. */
    stats(): { entries: number; bytes: number } {
      return { entries: entries?.size ?? 0, bytes: entries?.calculatedSize ?? 0 };
    },
  };
};

export type ResponseCache = ReturnType<typeof createResponseCache>;

import { LRUCache } from 'lru-cache';

/** One public answer as it went out, and the window in which it is still the right answer. */
export type StoredResponse = {
  body: string;
  type: string;
  etag: string;
  /** Content version it was computed at: any write elsewhere makes it unusable. */
  version: string;
  /** Clock window (ms since epoch): from its computation to the next visibility instant or its age limit. */
  from: number;
  until: number;
};

export type ResponseCacheOptions = { maxBytes: number; maxEntryBytes: number };

/**
 * The origin's own copy of public answers, so a repeated read costs a lookup instead of a Document
 * Service query, population and sanitization. Never stale by design: an entry is used only while
 * the content version it was computed at is still current (any write, on any instance, ends it)
 * and while the clock is inside its window (an embargo or a schedule reaching its instant ends it).
 */
export const createResponseCache = ({ maxBytes, maxEntryBytes }: ResponseCacheOptions) => {
  const entries = maxBytes > 0 ? new LRUCache<string, StoredResponse>({ maxSize: maxBytes, sizeCalculation: (entry) => entry.body.length + 200 }) : undefined;

  return {
    get(key: string, version: string, time: number): StoredResponse | undefined {
      const entry = entries?.get(key);
      if (!entry) return undefined;
      if (entry.version === version && time >= entry.from && time < entry.until) return entry;
      entries?.delete(key);
      return undefined;
    },
    set(key: string, entry: StoredResponse): void {
      if (entries && entry.until > entry.from && entry.body.length <= maxEntryBytes) entries.set(key, entry);
    },
  };
};

export type ResponseCache = ReturnType<typeof createResponseCache>;

import { AsyncLocalStorage } from 'node:async_hooks';
import type { Core } from '@strapi/strapi';

/**
 * Many Document Service writes made as one (a bulk import). Work that each write would otherwise do
 * for itself, and that a later write of the batch could make stale (computing the public answers of
 * what was written), is done once at the end, in the batch's transaction: it commits with the
 * writes, or not at all.
 */
export type WriteBatch = {
  /** Runs `work` once, after the batch's last write, before its commit. A second call with the same key is a no-op. */
  atEnd(key: string, work: () => Promise<void>): void;
};

const scope = new AsyncLocalStorage<WriteBatch>();

const notedByBatch = new WeakMap<WriteBatch, Map<string, Map<string, Set<string>>>>();

/**
 * Notes that the batch wrote a document, for one piece of work (`purpose`) done at its end, and
 * returns every document noted for it so far, by type (the same map at each call).
 */
export const noteWrittenInBatch = (batch: WriteBatch, purpose: string, uid: string, documentId: string): Map<string, Set<string>> => {
  const byPurpose = notedByBatch.get(batch) ?? new Map<string, Map<string, Set<string>>>();
  notedByBatch.set(batch, byPurpose);
  const written = byPurpose.get(purpose) ?? new Map<string, Set<string>>();
  byPurpose.set(purpose, written);
  written.set(uid, (written.get(uid) ?? new Set<string>()).add(documentId));
  return written;
};

/** The batch the current call chain writes in, if any. */
export const currentWriteBatch = (): WriteBatch | undefined => scope.getStore();

/** Runs `writes` as one batch, in one transaction; then the work the writes left for its end, in the order it was left. */
export const inWriteBatch = <T>(strapi: Core.Strapi, writes: () => Promise<T>): Promise<T> =>
  strapi.db.transaction(async () => {
    const atEnd = new Map<string, () => Promise<void>>();
    const batch: WriteBatch = {
      atEnd: (key, work) => {
        if (!atEnd.has(key)) atEnd.set(key, work);
      },
    };
    const result = await scope.run(batch, writes);
    for (const work of atEnd.values()) await work();
    return result;
  }) as Promise<T>;

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

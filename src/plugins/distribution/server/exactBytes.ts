import fs from 'node:fs';
import path from 'node:path';
import type { Core } from '@strapi/strapi';
import { LRUCache } from 'lru-cache';
import { contentVersionService } from '../../../lib/cache/responseCache';
import type { PublicEntry } from './publicEntry';
import { publicDirectory } from './strapiInternals';

type Size = { bytes: number | undefined };
/** Sizes measured at one content version: replacing or removing a file writes its row, which moves the version. */
type Measured = { version: string; sizes: LRUCache<string, Size> };

const MEASURED_FILES = 10_000;
const measuredByApp = new WeakMap<Core.Strapi, Measured>();

const statSize = (filePath: string): Promise<Size> =>
  fs.promises.stat(filePath).then(
    (stat) => ({ bytes: stat.size }),
    () => ({ bytes: undefined })
  );

/**
 * The sizes measured at the content version of now (undefined without the response-cache plugin,
 * which keeps the version: every file is then measured each time). The version is read once a feed:
 * read once a cover, it was thirty checks of about 17 µs each, an eighth of the time a feed's
 * entries took to read.
 */
const sizesNow = async (strapi: Core.Strapi): Promise<LRUCache<string, Size> | undefined> => {
  const versions = contentVersionService(strapi);
  if (!versions) return undefined;
  const version = await versions.current();
  let measured = measuredByApp.get(strapi);
  if (measured?.version !== version) {
    measured = { version, sizes: new LRUCache<string, Size>({ max: MEASURED_FILES }) };
    measuredByApp.set(strapi, measured);
  }
  return measured.sizes;
};

/** The file a cover's stored address names under the public directory, or undefined (another provider's, or outside it). */
const localFileOf = (publicDir: string, entry: PublicEntry): string | undefined => {
  const stored = entry.image?.path;
  if (!stored?.startsWith('/')) return undefined;
  const filePath = path.resolve(publicDir, `.${decodeURIComponent(stored)}`);
  return filePath.startsWith(publicDir + path.sep) ? filePath : undefined;
};

const withBytes = (entry: PublicEntry, size: Size): PublicEntry =>
  entry.image ? { ...entry, image: { ...entry.image, bytes: size.bytes } } : entry;

/**
 * Fills each cover's `bytes` with the stored file's exact size, which RSS `enclosure length`, Atom
 * `link length` and JSON Feed `size_in_bytes` state. Strapi only keeps kilobytes rounded to two
 * decimals. Files of the local provider are measured on disk; for other providers the size stays
 * unknown (the feeds then leave it out, or say 0 where RSS requires it). Only the files not yet
 * measured at this version are waited for, not a promise a cover on every request for sizes nearly
 * always known.
 */
export const withExactBytes = async (strapi: Core.Strapi, entries: PublicEntry[]): Promise<PublicEntry[]> => {
  const publicDir = publicDirectory(strapi);
  const sizes = await sizesNow(strapi);
  const measured: PublicEntry[] = [];
  const waiting: Array<Promise<void>> = [];
  entries.forEach((entry, index) => {
    const filePath = localFileOf(publicDir, entry);
    const known = filePath === undefined ? undefined : sizes?.get(filePath);
    if (filePath === undefined || known) {
      measured[index] = known ? withBytes(entry, known) : entry;
      return;
    }
    waiting.push(
      statSize(filePath).then((size) => {
        sizes?.set(filePath, size);
        measured[index] = withBytes(entry, size);
      })
    );
  });
  await Promise.all(waiting);
  return measured;
};

import fs from 'node:fs';
import path from 'node:path';
import type { Core } from '@strapi/strapi';
import type { PublicEntry } from './publicEntry';
import { publicDirectory } from './strapiInternals';

/**
 * Fills each cover's `bytes` with the stored file's exact size, which RSS `enclosure length`, Atom
 * `link length` and JSON Feed `size_in_bytes` state. Strapi only keeps kilobytes rounded to two
 * decimals. Files of the local provider are measured on disk; for other providers the size stays
 * unknown (the feeds then leave it out, or say 0 where RSS requires it).
 */
export const withExactBytes = async (strapi: Core.Strapi, entries: PublicEntry[]): Promise<PublicEntry[]> => {
  const publicDir = publicDirectory(strapi);
  return Promise.all(
    entries.map(async (entry) => {
      const stored = entry.image?.path;
      if (!entry.image || !stored?.startsWith('/')) return entry;
      const filePath = path.resolve(publicDir, `.${decodeURIComponent(stored)}`);
      if (!filePath.startsWith(publicDir + path.sep)) return entry;
      const size = await fs.promises.stat(filePath).then(
        (stat) => stat.size,
        () => undefined
      );
      return { ...entry, image: { ...entry.image, bytes: size } };
    })
  );
};

import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import type { Core } from '@strapi/strapi';

/** What is needed to find a stored file's bytes. */
export type StoredFile = { id: number; url: string };

export type OpenOriginal = (file: StoredFile) => Promise<NodeJS.ReadableStream>;

/** A stream of the original bytes: from the public folder for the local provider, else from its URL. */
export const originalOpener =
  (strapi: Core.Strapi): OpenOriginal =>
  async (file) => {
    if (file.url.startsWith('/')) {
      const publicDir = path.resolve(strapi.dirs.static.public);
      const filePath = path.resolve(publicDir, `.${decodeURIComponent(file.url)}`);
      if (!filePath.startsWith(publicDir + path.sep)) throw new Error(`File ${file.id} points outside the public folder`);
      await fs.promises.access(filePath, fs.constants.R_OK);
      return fs.createReadStream(filePath);
    }
    const response = await fetch(file.url);
    if (!response.ok || !response.body) throw new Error(`File ${file.id} answered ${response.status} at ${file.url}`);
    return Readable.fromWeb(response.body);
  };

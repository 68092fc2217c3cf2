import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import type { S3Client } from '@aws-sdk/client-s3';
import type { Core } from '@strapi/strapi';
import { OBJECT_STORAGE_PROVIDER, objectKeyOf, type ObjectStorageOptions } from './objectStorage';

/** What is needed to find a stored file's bytes. */
export type StoredFile = { id: number; url: string; hash?: string; ext?: string | null; path?: string | null; provider?: string };

export type OpenOriginal = (file: StoredFile) => Promise<NodeJS.ReadableStream>;

/**
 * The AWS SDK, loaded on the first read from a bucket: a site on local disk never needs it, and loading
 * it costs about 0.3 s of boot and several MB of heap (issue 16).
 */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const s3 = () => require('@aws-sdk/client-s3') as typeof import('@aws-sdk/client-s3');

/** One S3 client per app, made with the provider's own options (endpoint, keys, path style). */
const clients = new WeakMap<Core.Strapi, { client: S3Client; options: ObjectStorageOptions }>();
const bucketOf = (strapi: Core.Strapi) => {
  let bucket = clients.get(strapi);
  if (!bucket) {
    const options = strapi.config.get<ObjectStorageOptions>('plugin::upload.providerOptions');
    bucket = { client: new (s3().S3Client)(options.s3Options), options };
    clients.set(strapi, bucket);
  }
  return bucket;
};

const fromBucket = async (strapi: Core.Strapi, file: StoredFile & { hash: string }): Promise<NodeJS.ReadableStream> => {
  const { client, options } = bucketOf(strapi);
  const object = await client.send(
    new (s3().GetObjectCommand)({ Bucket: options.s3Options.params.Bucket, Key: objectKeyOf(file, options.rootPath) })
  );
  if (!(object.Body instanceof Readable)) throw new Error(`File ${file.id}: the bucket sent no readable body`);
  return object.Body;
};

/**
 * A stream of the original bytes, never a copy in memory: from the public folder for the local
 * provider, from the bucket (with the provider's credentials, so a private bucket works too) for
 * object storage, else from the file's URL.
 */
export const originalOpener =
  (strapi: Core.Strapi): OpenOriginal =>
  async (file) => {
    if (
      file.provider === OBJECT_STORAGE_PROVIDER &&
      file.hash &&
      strapi.config.get('plugin::upload.provider') === OBJECT_STORAGE_PROVIDER
    ) {
      return fromBucket(strapi, { ...file, hash: file.hash });
    }
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

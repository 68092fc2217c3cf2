import crypto from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { CreateBucketCommand, DeleteBucketCommand, DeleteObjectsCommand, ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';

/**
 * An S3-compatible server for the object storage tests. `.ci/run` starts one (s3rver) and sets
 * TEST_S3_ENDPOINT; each test file gets its own bucket.
 */
export const S3_ENDPOINT = process.env.TEST_S3_ENDPOINT;
const KEYS = {
  accessKeyId: process.env.TEST_S3_ACCESS_KEY_ID ?? 'S3RVER',
  secretAccessKey: process.env.TEST_S3_SECRET_ACCESS_KEY ?? 'S3RVER',
};

export type TestBucket = {
  name: string;
  /** Where the bucket's objects are read by the public (path style: endpoint/bucket). */
  publicUrl: string;
  /** The app's environment for media in this bucket. */
  env: Record<string, string>;
  /** Creates the bucket on the server (call in a `beforeAll` before the app boots). */
  create: () => Promise<void>;
  keys: () => Promise<string[]>;
  drop: () => Promise<void>;
};

/** A bucket of its own for one test file; its name is known at once, so the app's environment can name it. */
export const testBucket = (): TestBucket => {
  const endpoint = S3_ENDPOINT ?? 'http://127.0.0.1:1';
  const name = `passerelle-test-${crypto.randomBytes(4).toString('hex')}`;
  const client = new S3Client({ endpoint, region: 'us-east-1', forcePathStyle: true, credentials: KEYS });
  const keys = async () => {
    const listed = await client.send(new ListObjectsV2Command({ Bucket: name }));
    return (listed.Contents ?? []).map((object) => object.Key as string).sort();
  };
  const publicUrl = `${endpoint.replace(/\/+$/, '')}/${name}`;
  return {
    name,
    publicUrl,
    env: {
      UPLOAD_PROVIDER: 'aws-s3',
      S3_ENDPOINT: endpoint,
      S3_BUCKET: name,
      S3_REGION: 'us-east-1',
      S3_FORCE_PATH_STYLE: 'true',
      S3_ACCESS_KEY_ID: KEYS.accessKeyId,
      S3_SECRET_ACCESS_KEY: KEYS.secretAccessKey,
      S3_PUBLIC_URL: publicUrl,
    },
    create: async () => {
      await client.send(new CreateBucketCommand({ Bucket: name }));
    },
    keys,
    drop: async () => {
      const remaining = await keys();
      if (remaining.length > 0)
        await client.send(new DeleteObjectsCommand({ Bucket: name, Delete: { Objects: remaining.map((Key) => ({ Key })) } }));
      await client.send(new DeleteBucketCommand({ Bucket: name }));
      client.destroy();
    },
  };
};

/** A stored object read the way a site reads it: over HTTP from its public URL. */
export const fetchBytes = async (url: string): Promise<{ status: number; bytes: Buffer; type: string | null }> => {
  const response = await fetch(url);
  return { status: response.status, bytes: Buffer.from(await response.arrayBuffer()), type: response.headers.get('content-type') };
};

/**
 * The bucket's public face, as a CDN in front of it would be: forwards GET and HEAD to the bucket and
 * remembers every path asked, so a test can tell whether the app read an original through it.
 */
export const startPublicFront = async (bucket: string): Promise<{ url: string; requested: string[]; close: () => Promise<void> }> => {
  if (!S3_ENDPOINT) throw new Error('TEST_S3_ENDPOINT is not set');
  const origin = new URL(S3_ENDPOINT);
  const requested: string[] = [];
  const server = http.createServer((request, response) => {
    requested.push(request.url ?? '');
    const forwarded = http.request(
      { host: origin.hostname, port: origin.port, method: request.method, path: `/${bucket}${request.url ?? '/'}` },
      (answer) => {
        response.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(response);
      }
    );
    forwarded.on('error', () => response.writeHead(502).end());
    forwarded.end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requested,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
};

import type { Core } from '@strapi/strapi';

/**
 * Media in an S3-compatible bucket through Strapi's official provider (`@strapi/provider-upload-aws-s3`),
 * chosen with UPLOAD_PROVIDER=aws-s3; the local `public/uploads` folder stays the default.
 */
export const OBJECT_STORAGE_PROVIDER = 'aws-s3';

type Env = Core.Config.Shared.ConfigParams['env'];

/** What the provider's `init` receives (and what Passerelle reads originals with). */
export type ObjectStorageOptions = {
  baseUrl?: string;
  rootPath?: string;
  s3Options: {
    region: string;
    endpoint?: string;
    forcePathStyle: boolean;
    credentials?: { accessKeyId: string; secretAccessKey: string };
    /** AWS SDK checksums: `WHEN_REQUIRED` for S3-compatible servers that do not know the newer CRC headers. */
    requestChecksumCalculation?: 'WHEN_SUPPORTED' | 'WHEN_REQUIRED';
    responseChecksumValidation?: 'WHEN_SUPPORTED' | 'WHEN_REQUIRED';
    params: { Bucket: string; ACL?: string; signedUrlExpires?: number };
  };
};

const CHECKSUM_MODES = ['WHEN_SUPPORTED', 'WHEN_REQUIRED'] as const;
type ChecksumMode = (typeof CHECKSUM_MODES)[number];

const required = (env: Env, name: string): string => {
  const value = env(name, '');
  if (!value)
    throw new Error(`${name} is not set: it is required when UPLOAD_PROVIDER=${OBJECT_STORAGE_PROVIDER} (see "Scaling out" in README.md).`);
  return value;
};

/**
 * The upload plugin's `provider` and `providerOptions` from the environment. Without
 * UPLOAD_PROVIDER=aws-s3, nothing: Strapi's local provider.
 */
export const uploadProviderConfig = (env: Env): { provider?: string; providerOptions?: ObjectStorageOptions } => {
  const provider = env('UPLOAD_PROVIDER', 'local');
  if (provider === 'local') return {};
  if (provider !== OBJECT_STORAGE_PROVIDER)
    throw new Error(`UPLOAD_PROVIDER must be local or ${OBJECT_STORAGE_PROVIDER}, not "${provider}".`);

  const accessKeyId = env('S3_ACCESS_KEY_ID', '');
  const secretAccessKey = env('S3_SECRET_ACCESS_KEY', '');
  const checksums = env('S3_CHECKSUMS', 'WHEN_SUPPORTED') as ChecksumMode;
  if (!CHECKSUM_MODES.includes(checksums)) throw new Error(`S3_CHECKSUMS must be ${CHECKSUM_MODES.join(' or ')}, not "${checksums}".`);
  // "none" sends no ACL header at all: buckets created since 2023 refuse ACLs and are made public by policy.
  const acl = env('S3_ACL', 'public-read');
  return {
    provider: OBJECT_STORAGE_PROVIDER,
    providerOptions: {
      baseUrl: env('S3_PUBLIC_URL', '') || undefined,
      rootPath: env('S3_ROOT_PATH', '') || undefined,
      s3Options: {
        region: env<string>('S3_REGION', 'us-east-1'),
        endpoint: env('S3_ENDPOINT', '') || undefined,
        forcePathStyle: env.bool('S3_FORCE_PATH_STYLE', false) ?? false,
        // Without keys, the AWS SDK's own chain answers (instance role, AWS_* variables).
        ...(accessKeyId && secretAccessKey ? { credentials: { accessKeyId, secretAccessKey } } : {}),
        requestChecksumCalculation: checksums,
        responseChecksumValidation: checksums,
        params: { Bucket: required(env, 'S3_BUCKET'), ACL: acl === 'none' ? undefined : acl },
      },
    },
  };
};

/** The origin (scheme, host, port) media are served from, for the admin panel's Content-Security-Policy. */
export const mediaOrigin = (options: ObjectStorageOptions | undefined): string | undefined => {
  if (!options) return undefined;
  const { baseUrl, s3Options } = options;
  const url = baseUrl ?? s3Options.endpoint;
  if (url) return new URL(url).origin;
  return `https://${s3Options.params.Bucket}.s3.${s3Options.region}.amazonaws.com`;
};

/** Parts of a stored file (original or format) that name its object. */
export type StoredObject = { hash: string; ext?: string | null; path?: string | null };

const sanitizePathComponent = (component: string | null | undefined): string =>
  (component ?? '')
    .replace(/\.\./g, '')
    .replace(/^\/+|\/+$/g, '')
    .replace(/\/+/g, '/');

/**
 * The object key the provider stored a file under: `<rootPath>/<path>/<hash><ext>`. A copy of its
 * private `getFileKey` (checked against @strapi/provider-upload-aws-s3 5.52.3), which it does not export.
 */
export const objectKeyOf = (file: StoredObject, rootPath?: string): string => {
  const prefix = rootPath ? `${rootPath.replace(/\/+$/, '')}/` : '';
  const folder = sanitizePathComponent(file.path);
  const ext = file.ext ? file.ext.replace(/[^a-zA-Z0-9.]/g, '') : '';
  return `${prefix}${folder ? `${folder}/` : ''}${sanitizePathComponent(file.hash)}${ext}`;
};
